package org.carelake.serve.signin;

import static java.util.Objects.requireNonNull;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signed-in sessions, in memory: a random 256-bit token per sign-in, ending after a fixed idle time,
 * and a second random token per session that the session's forms carry (the cookie alone never
 * changes state: a page of another site can make the browser send the cookie, not read the form's token).
 */
public final class Sessions {
  private record Session(User user, Instant lastSeen, String formToken) {}

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
    String token = randomToken();
    sessions.put(token, new Session(user, clock.instant(), randomToken()));
    return token;
  }

  /** A random 256-bit token, URL-safe. */
  public static String randomToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The token the session's forms carry, for a live session. */
  public Optional<String> formToken(String token) {
    Session session = token == null ? null : sessions.get(token);
    return session == null || clock.instant().isAfter(session.lastSeen().plus(idle)) ? Optional.empty() : Optional.of(session.formToken());
  }

  /** Whether {@code formToken} is the live session's form token (compared in constant time). */
  public boolean formTokenMatches(String token, String formToken) {
    return formToken != null && formToken(token).map(expected -> sameToken(expected, formToken)).orElse(false);
  }

  /** Compares two tokens in time that does not depend on where they differ. */
  public static boolean sameToken(String expected, String given) {
    return given != null && java.security.MessageDigest.isEqual(expected.getBytes(java.nio.charset.StandardCharsets.UTF_8),
        given.getBytes(java.nio.charset.StandardCharsets.UTF_8));
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
    sessions.put(token, new Session(session.user(), now, session.formToken()));
    return Optional.of(session.user());
  }

  public void end(String token) {
    if (token != null) {
      sessions.remove(token);
    }
  }
}
