package org.carelake.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Set;
import org.carelake.testing.TestSpark;
import org.carelake.transform.SqlScript;
import org.junit.jupiter.api.Test;

/** A check must return what its header promises; a mistake names the file, never a returned value. */
class CheckRunnerTest {
  static final LocalDate NIGHT = LocalDate.parse("2026-11-24");
  final CheckRunner runner = new CheckRunner(TestSpark.session(), NIGHT, Set.of("acute_apc"));

  @Test
  void theNightAndParametersArriveAsVariablesAndNullValuesAreLeftOut() {
    var measures = runner.run(check("rows_read", "-- parameters: factor = 2.5\n",
        "SELECT 'E08000001' AS borough, 'acute_apc' AS feed, 'rows_read' AS measure, factor * day(run_night) AS value "
            + "UNION ALL SELECT 'E08000002', 'acute_apc', 'rows_read', CAST(NULL AS DOUBLE)"));
    assertThat(measures).singleElement().satisfies(m -> {
      assertThat(m.value()).isEqualTo(60.0);
      assertThat(m.night()).isEqualTo(NIGHT);
      assertThat(m.check()).isEqualTo("spec");
    });
  }

  @Test
  void checksRunTogetherEachKeepTheirOwnParameters() {
    QualityCheck small = check("rows_read", "-- parameters: factor = 1\n",
        "SELECT 'E08000001' AS borough, 'acute_apc' AS feed, 'rows_read' AS measure, factor AS value");
    QualityCheck large = QualityCheck.of(SqlScript.parse("-- check: other\n-- category: completeness\n-- purpose: spec\n"
        + "-- reads: ledger\n-- measure: loaded_share\n-- parameters: factor = 2\n"
        + "SELECT 'E08000001' AS borough, 'acute_apc' AS feed, 'loaded_share' AS measure, factor AS value", "other.sql"), "other");
    assertThat(runner.runAll(java.util.List.of(small, large))).extracting(Measure::check, Measure::value)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("spec", 1.0), org.assertj.core.groups.Tuple.tuple("other", 2.0));
  }

  @Test
  void anUndeclaredMeasureIsRefusedWithoutShowingIt() {
    assertThatThrownBy(() -> runner.run(check("rows_read", "",
        "SELECT 'E08000001' AS borough, 'acute_apc' AS feed, 'nhs_9990000018' AS measure, 1.0 AS value")))
        .hasMessageContaining("spec.sql returned a measure its '-- measure:' header does not declare")
        .hasMessageNotContaining("9990000018");
  }

  @Test
  void anUnknownFeedOrWrongColumnsAreRefused() {
    assertThatThrownBy(() -> runner.run(check("rows_read", "",
        "SELECT 'E08000001' AS borough, 'pharmacy' AS feed, 'rows_read' AS measure, 1.0 AS value")))
        .hasMessageContaining("a feed that has no data contract");
    assertThatThrownBy(() -> runner.run(check("rows_read", "", "SELECT 'E08000001' AS borough, 1.0 AS value")))
        .hasMessageContaining("must return exactly the columns [borough, feed, measure, value]");
    assertThatThrownBy(() -> runner.run(check("rows_read", "",
        "SELECT 'E08000001' AS borough, 'acute_apc' AS feed, 'rows_read' AS measure, 1.0 AS value "
            + "UNION ALL SELECT 'E08000001', 'acute_apc', 'rows_read', 2.0")))
        .hasMessageContaining("2 rows for 1 distinct borough, feed and measure");
  }

  @Test
  void aCheckFailingInSparkIsNamedWithoutSparksMessage() {
    QualityCheck fine = check("rows_read", "", "SELECT 'E08000001' AS borough, 'acute_apc' AS feed, 'rows_read' AS measure, 1.0 AS value");
    QualityCheck broken = QualityCheck.of(SqlScript.parse("-- check: broken\n-- category: completeness\n-- purpose: spec\n"
        + "-- reads: ledger\n-- measure: loaded_share\n"
        + "SELECT 'E08000001' AS borough, 'acute_apc' AS feed, 'loaded_share' AS measure, CAST(v AS DOUBLE) AS value "
        + "FROM VALUES ('SMITH') AS t(v)", "broken.sql"), "broken");
    assertThatThrownBy(() -> runner.runAll(java.util.List.of(fine, broken)))
        .hasMessageContaining("broken.sql failed when run (CAST_INVALID_INPUT)")
        .hasMessageNotContaining("SMITH");
  }

  private static QualityCheck check(String measure, String extraHeader, String select) {
    return QualityCheck.of(SqlScript.parse("-- check: spec\n-- category: completeness\n-- purpose: spec\n-- reads: ledger\n"
        + "-- measure: " + measure + "\n" + extraHeader + select, "spec.sql"), "spec");
  }
}
