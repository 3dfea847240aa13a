package org.carelake.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pins every default, so a changed default is a reviewed decision. */
class SettingsTest {
  @Test
  void defaultsArePinned() {
    assertThat(Settings.defaults().describe())
        .isEqualTo(
                Map.of(
                    "lake.root", "lake",
                    "landing.root", "landing",
                    "contracts.dir", "data-contracts",
                    "sql.dir", "sql",
                    "pseudonym.key-file", "(environment)",
                    "spark.master", "local[2]",
                    "spark.shuffle-partitions", "4",
                    "cohort.project-id", "demo-project"));
  }

  @Test
  void runIdNamesTheNight() {
    assertThat(RunId.of(java.time.LocalDate.parse("2026-11-24"), java.time.Instant.parse("2026-11-25T02:00:00Z")).value())
        .isEqualTo("night-2026-11-24-20261125T020000Z");
  }
}
