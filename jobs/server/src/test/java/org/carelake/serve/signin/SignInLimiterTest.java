package org.carelake.serve.signin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.carelake.serve.signin.SessionsTest.MovingClock;
import org.junit.jupiter.api.Test;

class SignInLimiterTest {
  static final String HOME = "192.0.2.1";
  static final String ELSEWHERE = "192.0.2.2";
  final MovingClock clock = new MovingClock();
  final SignInLimiter limiter = new SignInLimiter(new SignInLimiter.Limits(3, 5, Duration.ofMinutes(5)), clock);

  void fail(String name, String address, int times) {
    for (int i = 0; i < times; i++) {
      limiter.failed(name, address);
    }
  }

  @Test
  void aNameIsLockedAfterItsFailuresFromAnyAddressAndTheLockGrows() {
    fail("cara", HOME, 2);
    assertThat(limiter.lockedFor("cara", HOME)).isEmpty();
    limiter.failed("Cara ", ELSEWHERE);
    assertThat(limiter.lockedFor("cara", "198.51.100.9")).hasValue(Duration.ofMinutes(5));
    assertThat(limiter.lockedFor("dan", "198.51.100.9")).isEmpty();

    clock.now.set(clock.now.get().plus(Duration.ofMinutes(5)));
    assertThat(limiter.lockedFor("cara", HOME)).isEmpty();
    fail("cara", "198.51.100.9", 3);
    assertThat(limiter.lockedFor("cara", HOME)).hasValue(Duration.ofMinutes(10));
  }

  @Test
  void anAddressIsLockedAfterItsFailuresWhateverTheNames() {
    for (String name : new String[] {"a", "b", "c", "d"}) {
      limiter.failed(name, HOME);
    }
    assertThat(limiter.lockedFor("e", HOME)).isEmpty();
    limiter.failed("e", HOME);
    assertThat(limiter.lockedFor("someone", HOME)).hasValue(Duration.ofMinutes(5));
    assertThat(limiter.lockedFor("someone", ELSEWHERE)).isEmpty();
  }

  @Test
  void aSuccessClearsTheNamesFailuresAndSpacedOutFailuresNeverLock() {
    fail("cara", HOME, 2);
    limiter.succeeded("cara");
    fail("cara", ELSEWHERE, 2);
    assertThat(limiter.lockedFor("cara", ELSEWHERE)).isEmpty();

    clock.now.set(clock.now.get().plus(Duration.ofMinutes(6)));
    limiter.failed("cara", ELSEWHERE);
    assertThat(limiter.lockedFor("cara", ELSEWHERE)).isEmpty();
  }

  @Test
  void refusesLimitsThatLockNothing() {
    assertThatThrownBy(() -> new SignInLimiter.Limits(0, 5, Duration.ofMinutes(5))).hasMessageContaining("at least 1");
    assertThatThrownBy(() -> new SignInLimiter.Limits(3, 5, Duration.ZERO)).hasMessageContaining("longer than zero");
  }
}
