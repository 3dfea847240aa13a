package org.carelake.serve.signin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class SessionsTest {
  /** A clock the test moves. */
  static final class MovingClock extends Clock {
    final AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-11-28T09:00:00Z"));

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now.get();
    }
  }

  @Test
  void aSessionLastsWhileUsedAndEndsAfterItsIdleTimeOrSignOut() {
    MovingClock clock = new MovingClock();
    Sessions sessions = new Sessions(Duration.ofMinutes(30), clock);
    User cara = new User("cara", "commissioner", "service planning");
    String token = sessions.start(cara);
    assertThat(token).hasSizeGreaterThanOrEqualTo(43);
    clock.now.set(clock.now.get().plus(Duration.ofMinutes(29)));
    assertThat(sessions.find(token)).hasValue(cara);
    clock.now.set(clock.now.get().plus(Duration.ofMinutes(29)));
    assertThat(sessions.find(token)).as("used 29 minutes ago").hasValue(cara);
    clock.now.set(clock.now.get().plus(Duration.ofMinutes(31)));
    assertThat(sessions.find(token)).as("idle 31 minutes").isEmpty();

    String second = sessions.start(cara);
    sessions.end(second);
    assertThat(sessions.find(second)).isEmpty();
    assertThat(sessions.find(null)).isEmpty();
    assertThat(sessions.find("forged")).isEmpty();
  }
}
