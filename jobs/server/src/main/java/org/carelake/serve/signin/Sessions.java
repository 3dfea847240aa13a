package org.carelake.serve.signin;

import static java.util.Objects.requireNonNull;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Signed-in sessions, in memory: a random 256-bit token per sign-in, ending after a fixed idle time. */
public final class Sessions {
  private record Session(User user, Instant lastSeen) {}

  private static final SecureRandom RANDOM = new SecureRandom();
  private final ConcurrentHashMap<String, Session> sessions = new ConcurrentHashMap<>();
  private final Duration idle;
  private final Clock clock;

  public Sessions(Duration idle, Clock clock) {
    this.idle = requireNonNull(idle, "idle is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  public String start(User user) {
    // Sign-ins are rare: dropping idle sessions here keeps the map from growing for ever.
    Instant now = clock.instant();
    sessions.values().removeIf(session -> now.isAfter(session.lastSeen().plus(idle)));
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    sessions.put(token, new Session(user, clock.instant()));
    return token;
  }

  public Optional<User> find(String token) {
    if (token == null) {
      return Optional.empty();
    }
    Session session = sessions.get(token);
    Instant now = clock.instant();
    if (session == null || now.isAfter(session.lastSeen().plus(idle))) {
      sessions.remove(token);
      return Optional.empty();
    }
    sessions.put(token, new Session(session.user(), now));
    return Optional.of(session.user());
  }

  public void end(String token) {
    if (token != null) {
      sessions.remove(token);
    }
  }
}
