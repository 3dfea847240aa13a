package org.carelake.airflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The nightly DAG's convention: night D runs at 02:00 Europe/London on D+1. */
class TriggerRequestTest {
  @Test
  void aWinterNightRunsAtTwoUtcTheNextDay() {
    TriggerRequest request = TriggerRequest.forRunDate(LocalDate.of(2026, 11, 24));

    assertThat(request.logicalDate()).isEqualTo(Instant.parse("2026-11-25T02:00:00Z"));
    assertThat(request.conf()).isEqualTo(Map.of("night", "2026-11-24"));
    assertThat(request.runId()).isEmpty();
  }

  @Test
  void aSummerNightRunsAtOneUtcTheNextDay() {
    assertThat(TriggerRequest.logicalDateOf(LocalDate.of(2026, 6, 30)))
        .isEqualTo(Instant.parse("2026-07-01T01:00:00Z"));
  }

  @Test
  void theWindowIsTheWholeLondonDayAfterTheNight() {
    assertThat(TriggerRequest.logicalDateWindowOf(LocalDate.of(2026, 6, 30)))
        .containsExactly(
            Instant.parse("2026-06-30T23:00:00Z"), Instant.parse("2026-07-01T23:00:00Z"));
  }

  @Test
  void confEntriesAddUpAndTheNightCanBeOverridden() {
    TriggerRequest request =
        TriggerRequest.forRunDate(LocalDate.of(2026, 11, 24))
            .withConf("boroughs", "bolton")
            .withConf("night", "2026-11-23");

    assertThat(request.conf()).isEqualTo(Map.of("night", "2026-11-23", "boroughs", "bolton"));
  }

  @Test
  void aBlankRunIdIsRefused() {
    assertThatThrownBy(() -> TriggerRequest.forRunDate(LocalDate.of(2026, 11, 24)).withRunId(" "))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("runId is blank");
  }
}
