package org.carelake.serve;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ServerSettingsTest {
  @Test
  void pinsTheDefaults() {
    ServerSettings settings = ServerSettings.defaults(Path.of("lake"), Path.of("users.txt"), Path.of("policy.yaml"));
    assertThat(settings.host()).isEqualTo("127.0.0.1");
    assertThat(settings.port()).isEqualTo(8080);
    assertThat(settings.recheck()).isEqualTo(Duration.ofSeconds(5));
    assertThat(settings.auditFlush()).isEqualTo(Duration.ofSeconds(1));
    assertThat(settings.sessionIdle()).isEqualTo(Duration.ofMinutes(30));
    assertThat(settings.secureCookies()).isFalse();
    assertThat(settings.signInLimits()).isEqualTo(new org.carelake.serve.signin.SignInLimiter.Limits(5, 20, Duration.ofMinutes(5)));
  }

  @Test
  void refusesAPortOutOfRange() {
    ServerSettings settings = ServerSettings.defaults(Path.of("lake"), Path.of("users.txt"), Path.of("policy.yaml"));
    assertThatThrownBy(() -> settings.withPort(70_000)).hasMessageContaining("70000");
  }
}
