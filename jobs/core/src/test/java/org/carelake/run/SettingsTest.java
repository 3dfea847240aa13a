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
                Map.ofEntries(
                    Map.entry("lake.root", "lake"),
                    Map.entry("landing.root", "landing"),
                    Map.entry("contracts.dir", "data-contracts"),
                    Map.entry("sql.dir", "sql"),
                    Map.entry("pseudonym.key-file", "(environment)"),
                    Map.entry("spark.master", "local[2]"),
                    Map.entry("spark.shuffle-partitions", "4"),
                    Map.entry("spark.codegen", "auto"),
                    Map.entry("spark.adaptive", "auto"),
                    Map.entry("linkage.link-threshold", "0.99"),
                    Map.entry("linkage.review-threshold", "0.8"),
                    Map.entry("linkage.max-block", "1000"),
                    Map.entry("linkage.broadcast-up-to", "50000"),
                    Map.entry("gold.incremental-min-input-mb", "64"),
                    Map.entry("gold.incremental-by-person", "off"),
                    Map.entry("gates.max-quarantine-share", "0.1"),
                    Map.entry("gates.min-volume-ratio", "0.5"),
                    Map.entry("gates.min-linkage-rate", "0.9"),
                    Map.entry("gates.max-linkage-drop", "0.05"),
                    Map.entry("gates.min-previous-nights", "3"),
                    Map.entry("quality.previous-nights", "7"),
                    Map.entry("quality.lookback-days", "92"),
                    Map.entry("gates.min-rows", "20")));
  }

  @Test
  void theGoldIncrementalThresholdIsSetByItsKeyAndNeverNegative() {
    assertThat(Settings.defaults().with("gold.incremental-min-input-mb", "0").goldIncrementalMinInputMb()).isZero();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Settings.defaults().with("gold.incremental-min-input-mb", "-1"))
        .hasMessageContaining("gold.incremental-min-input-mb must be 0 or more");
    assertThat(Settings.defaults().with("gold.incremental-by-person", "on").goldIncrementalByPerson()).isEqualTo("on");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Settings.defaults().with("gold.incremental-by-person", "yes"))
        .hasMessageContaining("gold.incremental-by-person must be on or off, was 'yes'");
  }

  @Test
  void theBroadcastLimitIsSetByItsKeyKeepsTheOtherLinkageSettingsAndIsNeverNegative() {
    Settings changed = Settings.defaults().with("linkage.max-block", "200").with("linkage.broadcast-up-to", "0");
    assertThat(changed.linkage()).isEqualTo(new LinkageSettings(0.99, 0.80, 200, 0));
    assertThat(changed.with("linkage.link-threshold", "0.995").linkage().broadcastUpTo()).isZero();
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Settings.defaults().with("linkage.broadcast-up-to", "-1"))
        .hasMessageContaining("linkage.broadcast-up-to must be 0 or more");
  }

  @Test
  void linkageThresholdsMustBeOrdered() {
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new LinkageSettings(0.8, 0.9, 100))
        .hasMessageContaining("linkage.review-threshold < linkage.link-threshold");
  }

  @Test
  void aGateIsChangedByItsKeyAndAMisspeltKeyFails() {
    assertThat(QualityGates.defaults().with("gates.max-quarantine-share", "0.5").maxQuarantineShare()).isEqualTo(0.5);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> QualityGates.defaults().with("gates.max-quarantine", "0.5"))
        .hasMessageContaining("unknown gate setting").hasMessageContaining("gates.max-quarantine-share");
  }

  @Test
  void codegenAndAdaptiveAreSetByTheirKeysAndOnlyToAKnownMode() {
    assertThat(Settings.defaults().with("spark.codegen", " off ").codegen()).isEqualTo("off");
    assertThat(Settings.defaults().with("spark.adaptive", " on ").adaptive()).isEqualTo("on");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Settings.defaults().with("spark.adaptive", "sometimes"))
        .hasMessageContaining("spark.adaptive must be auto, on or off");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Settings.defaults().with("spark.codegen", "fast"))
        .hasMessageContaining("spark.codegen must be auto, on or off");
  }

  @Test
  void runIdNamesTheNight() {
    assertThat(RunId.of(java.time.LocalDate.parse("2026-11-24"), java.time.Instant.parse("2026-11-25T02:00:00Z")).value())
        .isEqualTo("night-2026-11-24-20261125T020000Z");
    assertThat(RunId.of(java.time.LocalDate.parse("2026-11-24"), java.time.Instant.parse("2026-11-25T02:00:00Z"),
        java.util.Optional.of("E08000001"), java.util.Optional.of("acute_apc")).value())
        .as("a borough's ingest task has an id of its own").isEqualTo("night-2026-11-24-20261125T020000Z-E08000001-acute_apc");
  }
}
