package org.carelake.quality;

import org.carelake.run.QualityGates;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** Pins the gate settings' defaults and the gates' decisions, in plain Java. */
class QualityGatesTest {
  static final LocalDate NIGHT = LocalDate.parse("2026-11-24");
  static final QualityCheck CHECK = new QualityCheck("spec", Category.CONFORMANCE, "spec", List.of("ledger"), List.of("x"),
      Map.of(), "SELECT 1", "spec.sql");

  @Test
  void defaultsArePinned() {
    assertThat(QualityGates.defaults().describe()).isEqualTo(Map.of(
        "gates.max-quarantine-share", "0.1",
        "gates.min-volume-ratio", "0.5",
        "gates.min-linkage-rate", "0.9",
        "gates.max-linkage-drop", "0.05",
        "gates.min-previous-nights", "3",
        "quality.previous-nights", "7",
        "quality.lookback-days", "92",
        "gates.min-rows", "20"));
  }

  @Test
  void settingsOutsideTheirRangeSayWhichKey() {
    assertThatThrownBy(() -> new QualityGates(1.5, 0.5, 0.9, 0.05, 3, 7, 92, 20)).hasMessageContaining("gates.max-quarantine-share");
    assertThatThrownBy(() -> new QualityGates(0.1, 0.5, 0.9, 0.05, 8, 7, 92, 20)).hasMessageContaining("gates.min-previous-nights");
    assertThatThrownBy(() -> new QualityGates(0.1, 0.5, 0.9, 0.05, 3, 7, 5, 20)).hasMessageContaining("quality.lookback-days");
  }

  @Test
  void aQuarantineShareAboveTheMaximumFailsAndOneAtItPasses() {
    List<GateEvaluation> gates = evaluate(
        measure("E08000001", "quarantine_share", 0.25), measure("E08000002", "quarantine_share", 0.10));
    assertThat(gates).extracting(GateEvaluation::borough, GateEvaluation::gate, GateEvaluation::status, GateEvaluation::measured,
            GateEvaluation::threshold)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("E08000001", "max-quarantine-share", GateEvaluation.Status.FAILED, 0.25, 0.10),
            org.assertj.core.groups.Tuple.tuple("E08000002", "max-quarantine-share", GateEvaluation.Status.PASSED, 0.10, 0.10));
    assertThat(gates.get(0).describe()).isEqualTo("E08000001 acute_apc max-quarantine-share: measured 0.25, threshold 0.1");
    assertThat(gates.get(0).reason()).isEqualTo("quarantine share 0.25 is above the maximum 0.1");
  }

  @Test
  void theVolumeGateWaitsForThreeEarlierNightsThenComparesWithTheirAverage() {
    assertThat(evaluate(measure("E08000001", "rows_read", 10).withHistory(OptionalDouble.of(100), 2))).isEmpty();
    List<GateEvaluation> gates = evaluate(
        measure("E08000001", "rows_read", 40).withHistory(OptionalDouble.of(100), 3),
        measure("E08000002", "rows_read", 50).withHistory(OptionalDouble.of(100), 7));
    assertThat(gates).extracting(GateEvaluation::status)
        .containsExactly(GateEvaluation.Status.FAILED, GateEvaluation.Status.PASSED);
    assertThat(gates.get(0).measured()).isEqualTo(0.4);
    assertThat(gates.get(0).reason())
        .isEqualTo("rows read 40 are 0.4 of the average 100 of 3 earlier nights, below the minimum ratio 0.5");
  }

  @Test
  void linkageFailsBelowTheMinimumAndOnADropFromItsAverage() {
    List<GateEvaluation> gates = evaluate(
        measure("E08000001", "linkage_rate", 0.85),
        measure("E08000002", "linkage_rate", 0.92).withHistory(OptionalDouble.of(0.99), 4),
        measure("E08000003", "linkage_rate", 0.95).withHistory(OptionalDouble.of(1.0), 3));
    assertThat(gates).extracting(GateEvaluation::borough, GateEvaluation::gate, GateEvaluation::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("E08000001", "min-linkage-rate", GateEvaluation.Status.FAILED),
            org.assertj.core.groups.Tuple.tuple("E08000002", "min-linkage-rate", GateEvaluation.Status.PASSED),
            org.assertj.core.groups.Tuple.tuple("E08000002", "max-linkage-drop", GateEvaluation.Status.FAILED),
            org.assertj.core.groups.Tuple.tuple("E08000003", "min-linkage-rate", GateEvaluation.Status.PASSED),
            org.assertj.core.groups.Tuple.tuple("E08000003", "max-linkage-drop", GateEvaluation.Status.PASSED));
    assertThat(gates.get(2).measured()).isCloseTo(0.07, org.assertj.core.api.Assertions.within(1e-12));
  }

  @Test
  void theShareGatesWaitForEnoughRowsButTheVolumeGateDoesNot() {
    List<GateEvaluation> gates = evaluate(
        measure("E08000001", "rows_read", 2).withHistory(OptionalDouble.of(100), 3),
        measure("E08000001", "linkage_rate", 0.5),
        measure("E08000001", "quarantine_share", 0.5),
        measure("E08000002", "rows_read", 20),
        measure("E08000002", "linkage_rate", 0.5));
    assertThat(gates).extracting(GateEvaluation::borough, GateEvaluation::gate, GateEvaluation::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("E08000001", "min-volume-ratio", GateEvaluation.Status.FAILED),
            org.assertj.core.groups.Tuple.tuple("E08000002", "min-linkage-rate", GateEvaluation.Status.FAILED));
  }

  @Test
  void aFeedWithoutTheGatesMeasuresIsNotGated() {
    assertThat(evaluate(measure("E08000001", "completeness.nhs_number", 0.1))).isEmpty();
  }

  private static List<GateEvaluation> evaluate(Measure... measures) {
    return new Gates(QualityGates.defaults()).evaluate(List.of(measures));
  }

  private static Measure measure(String borough, String name, double value) {
    return Measure.of(NIGHT, borough, "acute_apc", CHECK, name, value);
  }
}
