package org.carelake.gold;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.carelake.access.ProjectOutputs;
import org.carelake.lake.DeltaIo;
import org.carelake.lake.Lake;
import org.carelake.spark.CareLakeFunctions;
import org.carelake.testing.TestSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A table incremental {@code by person} (as the compiled measures are): a night that deletes one
 * person's old visit and moves another's to a different month changes months long settled, which
 * no month-by-month rule would recompute. Those persons are found by comparing the partitions the
 * night wrote, and their contributions corrected; the open month is recomputed whole. A crafted
 * month-partitioned silver table and gold file, two nights, exact raw counts.
 */
class IncrementalByPersonIT {
  static final LocalDate NIGHT = LocalDate.parse("2026-11-23");

  @Test
  void settledMonthsFollowThePersonsWhoseOldRowsChanged(@TempDir Path work) throws IOException {
    SparkSession spark = TestSpark.session();
    CareLakeFunctions.register(spark, IncrementalThresholdIT.KEY);
    DeltaIo io = new DeltaIo(spark);
    Lake lake = new Lake(work.resolve("lake").toString());
    Path sql = IncrementalThresholdIT.sqlFolder(work);
    // People with a visit in the three months to each month's end: a month's count reads rows of
    // other months, so only the persons whose rows changed say what must be corrected.
    Files.writeString(sql.resolve("gold/recent_visitors.sql"), """
        -- table: gold.recent_visitors
        -- purpose: a crafted table incremental by person
        -- inputs: silver.visit
        -- grain: one row per month
        -- keys: month
        -- disclosure: aggregate
        -- counts: people
        -- variables: run_night, recompute_from
        -- incremental: month over the 24 months to the night, by person, settled 0 days after
        SELECT m.month, count(DISTINCT v.person_key) AS people
        FROM (SELECT explode(sequence(greatest(add_months(trunc(run_night, 'MM'), -23), trunc(recompute_from, 'MM')),
          trunc(run_night, 'MM'), INTERVAL 1 MONTH)) AS month) m
        JOIN silver_visit v ON v.visit_date BETWEEN add_months(m.month, -2) AND least(last_day(m.month), run_night)
        GROUP BY m.month
        """);
    visits(spark, lake, List.of(visit("p1", "2026-03-10"), visit("p2", "2026-03-12"), visit("p3", "2026-11-20")), null);
    assertThat(build(io, lake, sql, NIGHT)).isEqualTo("full: first build");
    assertThat(raw(io, lake)).containsExactly("2026-03-01=2", "2026-04-01=2", "2026-05-01=2", "2026-11-01=1");

    // Night two: p1's March visit deleted, p2's corrected to June, p4 seen tonight.
    visits(spark, lake, List.of(), "2026-03-01");
    visits(spark, lake, List.of(visit("p2", "2026-06-05"), visit("p4", "2026-11-24")), null);
    // p1, p2 and p4 (whose new row is in a written partition too, though it adds nothing to a settled month).
    assertThat(build(io, lake, sql, NIGHT.plusDays(1)))
        .isEqualTo("incremental: 1 of 24 months recomputed, 3 persons' contributions updated");
    assertThat(raw(io, lake)).as("as a full build counts them")
        .containsExactly("2026-06-01=1", "2026-07-01=1", "2026-08-01=1", "2026-11-01=2");

    // Off (the default: it does not pay yet), the table is built in full and the summary says why.
    assertThat(build(io, lake, sql, NIGHT.plusDays(2), false)).isEqualTo("full: it is incremental by person, which gold.incremental-by-person turns on");
  }

  private static Row visit(String person, String day) {
    LocalDate date = LocalDate.parse(day);
    return RowFactory.create(person, Date.valueOf(date), Date.valueOf(date.withDayOfMonth(1)));
  }

  /** Appends the visits to silver.visit, or replaces the partition of {@code replaceMonth} with them. */
  private static void visits(SparkSession spark, Lake lake, List<Row> rows, String replaceMonth) {
    var writer = spark.createDataFrame(rows, IncrementalThresholdIT.VISIT).write().format("delta").partitionBy("activity_month");
    if (replaceMonth == null) {
      writer.mode("append").save(lake.silver("visit").path());
    } else {
      writer.mode("overwrite").option("replaceWhere", "activity_month = DATE'" + replaceMonth + "'").save(lake.silver("visit").path());
    }
  }

  /** The gold stage for the night, incremental by person whatever the inputs' size; how it built the table. */
  private static String build(DeltaIo io, Lake lake, Path sql, LocalDate night) {
    return build(io, lake, sql, night, true);
  }

  private static String build(DeltaIo io, Lake lake, Path sql, LocalDate night, boolean byPerson) {
    GoldResult result = new GoldStage(io, lake, sql, night, "by-person-" + night, Instant.parse("2026-11-24T03:00:00Z")
        .plusSeconds(night.toEpochDay()), ProjectOutputs.none(IncrementalThresholdIT.KEY), "test", List.of())
        .incrementalFromInputBytes(0).incrementalByPerson(byPerson).run();
    return result.tables().stream().filter(t -> t.table().equals("gold.recent_visitors")).findFirst().orElseThrow().refresh();
  }

  /** The raw counts kept for the next night (before disclosure control), month=people. */
  private static List<String> raw(DeltaIo io, Lake lake) {
    return io.read(lake.restricted("gold_raw__recent_visitors")).orderBy("month").collectAsList().stream()
        .map(r -> r.getLocalDate(0) + "=" + r.getLong(1)).toList();
  }
}
