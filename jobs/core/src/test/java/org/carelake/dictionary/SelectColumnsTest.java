package org.carelake.dictionary;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.carelake.dictionary.SelectColumns.Output;
import org.junit.jupiter.api.Test;

/** The output columns of a gold query and the comments written beside them. */
class SelectColumnsTest {
  @Test
  void readsTheOutermostSelectAfterWithStepsWithTheCommentsBesideEachColumn() {
    List<Output> columns = SelectColumns.of("""
        WITH counts AS (
          SELECT person_key, count(*) AS n FROM silver_gp_event GROUP BY person_key
        )
        SELECT
          trunc(e.event_date, 'MM') AS month,   -- DATE: first day of the month, with a comma
          e.borough_code,                       -- where, by ONS code
          coalesce(c.n, 0) AS events            -- events that month
        FROM silver_gp_event e
        JOIN counts c ON c.person_key = e.person_key""");

    assertThat(columns).containsExactly(
        new Output("month", "DATE", "first day of the month, with a comma"),
        new Output("borough_code", "", "where, by ONS code"),
        new Output("events", "", "events that month"));
  }

  @Test
  void aCommentLineAboveAColumnDescribesItAndUnionsAreNamedByTheirFirstBranch() {
    List<Output> columns = SelectColumns.of("""
        SELECT 0 AS step,
          -- STRING: the rule, 'a, b'
          'index' AS rule, count(*) AS people FROM candidates
        UNION ALL
        SELECT 1, 'inclusion', count(*) FROM step_1""");

    assertThat(columns).extracting(Output::name).containsExactly("step", "rule", "people");
    assertThat(columns.get(1)).isEqualTo(new Output("rule", "STRING", "the rule, 'a, b'"));
    assertThat(columns.get(0).meaning()).isEmpty();
  }

  @Test
  void aColumnWithoutACommentHasNoMeaningAndAStringHoldingFromDoesNotEndTheList() {
    List<Output> columns = SelectColumns.of("SELECT 'from here' AS label, x.total FROM t x");

    assertThat(columns).containsExactly(new Output("label", "", ""), new Output("total", "", ""));
  }
}
