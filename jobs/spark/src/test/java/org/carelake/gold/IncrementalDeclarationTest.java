package org.carelake.gold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDate;
import org.carelake.disclosure.DisclosureSpec;
import org.carelake.error.CareLakeException;
import org.carelake.transform.SqlScript;
import org.junit.jupiter.api.Test;

/** What a gold file's {@code incremental:} header declares, and what the stage refuses before running anything. */
class IncrementalDeclarationTest {
  private static SqlScript script(String header) {
    return SqlScript.parse("-- table: gold.t\n-- keys: month, borough_code\n-- disclosure: aggregate\n-- counts: n\n" + header
        + "\nSELECT 1", "t.sql");
  }

  @Test
  void theMonthColumnAndTheWindowAreRead() {
    IncrementalBuild.Declaration declared =
        IncrementalBuild.Declaration.of(script("-- incremental: month over the 24 months to the night\n--   (explained here)")).orElseThrow();
    assertThat(declared.month()).isEqualTo("month");
    assertThat(declared.months()).isEqualTo(24);
    assertThat(declared.window(LocalDate.parse("2026-11-23")))
        .hasSize(24).startsWith(LocalDate.parse("2024-12-01")).endsWith(LocalDate.parse("2026-11-01"));
    assertThat(IncrementalBuild.Declaration.of(script("-- grain: one row per month"))).isEmpty();
  }

  @Test
  void aTableByPersonSaysWhenItsPeriodsSettle() {
    IncrementalBuild.Declaration byMonth =
        IncrementalBuild.Declaration.of(script("-- incremental: month over the 24 months to the night")).orElseThrow();
    assertThat(byMonth.byPerson()).isFalse();
    IncrementalBuild.Declaration byPerson = IncrementalBuild.Declaration.of(
        script("-- incremental: month over the 12 months to the night, by person, settled 30 days after")).orElseThrow();
    assertThat(byPerson.byPerson()).isTrue();
    assertThat(byPerson.settledDays()).isEqualTo(30);
    assertThat(byPerson.months()).isEqualTo(12);
  }

  @Test
  void theMeasuresDeclareThemselvesByPerson() {
    SqlScript measures = MeasureLibrary.scripts(Path.of("../../sql")).get(0);
    IncrementalBuild.Declaration declared = IncrementalBuild.Declaration.of(measures).orElseThrow();
    IncrementalBuild.check(measures, declared, DisclosureSpec.of(measures));
    assertThat(declared.month()).isEqualTo("period_end");
    assertThat(declared.byPerson()).isTrue();
    // The readmission and social-care measures look 30 days past a discharge.
    assertThat(declared.settledDays()).isEqualTo(30);
  }

  @Test
  void aDeclarationThatDoesNotReadAsOneIsRefusedNamingTheFile() {
    assertThatThrownBy(() -> IncrementalBuild.Declaration.of(script("-- incremental: yes")))
        .isInstanceOf(CareLakeException.class).hasMessageContaining("t.sql").hasMessageContaining("over the <N> months to the night");
    assertThatThrownBy(() -> IncrementalBuild.Declaration.of(script("-- incremental: month over the 0 months to the night")))
        .isInstanceOf(CareLakeException.class);
  }

  @Test
  void onlyAnAggregateKeyedByItsMonthCanBeIncremental() {
    SqlScript byWeek = script("-- incremental: week over the 24 months to the night");
    IncrementalBuild.Declaration week = IncrementalBuild.Declaration.of(byWeek).orElseThrow();
    assertThatThrownBy(() -> IncrementalBuild.check(byWeek, week, DisclosureSpec.of(byWeek)))
        .isInstanceOf(CareLakeException.class).hasMessageContaining("week, which must be one of its keys");
    SqlScript recordLevel = SqlScript.parse("-- table: gold.t\n-- keys: month\n-- disclosure: record-level\n"
        + "-- incremental: month over the 24 months to the night\nSELECT 1", "r.sql");
    assertThatThrownBy(() -> IncrementalBuild.check(recordLevel, IncrementalBuild.Declaration.of(recordLevel).orElseThrow(),
        DisclosureSpec.of(recordLevel))).isInstanceOf(CareLakeException.class).hasMessageContaining("aggregate");
  }

  @Test
  void thePlanningTablesDeclareThemselves() {
    for (String file : java.util.List.of("monthly_activity.sql", "monthly_activity_deprivation.sql")) {
      SqlScript activity = SqlScript.load(Path.of("../../sql/gold").resolve(file));
      IncrementalBuild.Declaration declared = IncrementalBuild.Declaration.of(activity).orElseThrow();
      IncrementalBuild.check(activity, declared, DisclosureSpec.of(activity));
      assertThat(declared.months()).as(file).isEqualTo(24);
    }
  }
}
