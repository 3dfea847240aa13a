package org.carelake.airflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class AirflowConfigTest {
  @Test
  void pinsTheDefaults() {
    AirflowConfig config = AirflowConfig.of("http://localhost:8080/", "engineer", "secret");

    assertThat(config.baseUrl()).isEqualTo(URI.create("http://localhost:8080"));
    assertThat(config.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(config.requestTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(WaitOptions.defaults())
        .isEqualTo(new WaitOptions(Duration.ofSeconds(10), Duration.ofHours(8)));
  }

  @Test
  void keepsAPathPrefixBehindAProxy() {
    AirflowConfig config = AirflowConfig.of("https://tools.example/airflow/", "engineer", "secret");

    assertThat(config.resolve("/api/v2/dags"))
        .isEqualTo(URI.create("https://tools.example/airflow/api/v2/dags"));
  }

  @Test
  void neverPrintsThePassword() {
    assertThat(AirflowConfig.of("http://localhost:8080", "engineer", "secret").toString())
        .contains("engineer")
        .doesNotContain("secret");
  }

  @Test
  void refusesAUrlWithoutHttp() {
    assertThatThrownBy(() -> AirflowConfig.of("localhost:8080", "engineer", "secret"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("http://host:port")
        .hasMessageContaining("CARELAKE_AIRFLOW_URL");
  }

  @Test
  void refusesAnEmptyUser() {
    assertThatThrownBy(() -> AirflowConfig.of("http://localhost:8080", " ", "secret"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("CARELAKE_AIRFLOW_USER");
  }
}
