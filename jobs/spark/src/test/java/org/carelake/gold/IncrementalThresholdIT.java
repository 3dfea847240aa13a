package org.carelake.gold;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;
import org.carelake.access.ProjectOutputs;
import org.carelake.lake.DeltaIo;
import org.carelake.lake.Lake;
import org.carelake.pseudonym.PseudonymKey;
import org.carelake.spark.CareLakeFunctions;
import org.carelake.testing.TestSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gold.incremental-min-input-mb}: a table declared incremental whose inputs are small is built
 * in full on a normal night, and says why (with the threshold at 0, as {@code NightlyIT} and {@code
 * OptOutsIT} set it, the incremental path runs). A crafted month-partitioned silver table and gold
 * file, two nights.
 */
class IncrementalThresholdIT {
  static final LocalDate NIGHT = LocalDate.parse("2026-11-23");
  static final PseudonymKey KEY = PseudonymKey.fromHex("5c".repeat(32));
  static final StructType VISIT = StructType.fromDDL("person_key STRING, visit_date DATE, activity_month DATE");

  @Test
  void smallInputsAreBuiltInFullOnANormalNightAndSayWhy(@TempDir Path work) throws IOException {
    SparkSession spark = TestSpark.session();
    CareLakeFunctions.register(spark, KEY);
    DeltaIo io = new DeltaIo(spark);
    Lake lake = new Lake(work.resolve("lake").toString());
    Path sql = sqlFolder(work);
    Files.writeString(sql.resolve("gold/visits_by_month.sql"), """
        -- table: gold.visits_by_month
        -- purpose: a crafted incremental table
        -- inputs: silver.visit
        -- grain: one row per month
        -- keys: month
        -- disclosure: aggregate
        -- counts: visits
        -- variables: run_night
        -- incremental: month over the 24 months to the night
        SELECT activity_month AS month, count(*) AS visits FROM silver_visit
        WHERE activity_month BETWEEN add_months(trunc(run_night, 'MM'), -23) AND trunc(run_night, 'MM')
        GROUP BY activity_month
        """);
    visits(spark, lake, "2026-09-10", 20);
    visits(spark, lake, "2026-10-10", 20);
    assertThat(refresh(io, lake, sql, NIGHT)).isEqualTo("full: first build");

    visits(spark, lake, "2026-11-20", 10);
    assertThat(refresh(io, lake, sql, NIGHT.plusDays(1))).as("a few kilobytes against the default 64 MB")
        .startsWith("full: its inputs are small (").contains("below gold.incremental-min-input-mb 64");

    List<Row> published = io.read(lake.gold("visits_by_month")).orderBy("month").select("month", "visits").collectAsList();
    assertThat(published).extracting(r -> r.getLocalDate(0) + "=" + r.getLong(1))
        .containsExactly("2026-09-01=20", "2026-10-01=20", "2026-11-01=10");
  }

  /** A SQL folder for crafted gold files: {@code gold/} empty, and the ops DDL the gold stage writes to. */
  static Path sqlFolder(Path work) throws IOException {
    Path sql = work.resolve("sql");
    Files.createDirectories(sql.resolve("gold"));
    Files.createDirectories(sql.resolve("ddl").resolve("ops"));
    for (String ddl : List.of("audit.sql", "opt_out.sql")) {
      Files.copy(Path.of("../../sql/ddl/ops").resolve(ddl), sql.resolve("ddl/ops").resolve(ddl));
    }
    return sql;
  }

  /** {@code n} visits of distinct people on {@code day}, appended to silver.visit (partitioned by month). */
  static void visits(SparkSession spark, Lake lake, String day, int n) {
    Date date = Date.valueOf(day);
    Date month = Date.valueOf(LocalDate.parse(day).withDayOfMonth(1));
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      rows.add(RowFactory.create(day + "-" + i, date, month));
    }
    spark.createDataFrame(rows, VISIT).write().format("delta").mode("append").partitionBy("activity_month")
        .save(lake.silver("visit").path());
  }

  /** The gold stage for the night, with the default threshold; how it built the crafted table. */
  static String refresh(DeltaIo io, Lake lake, Path sql, LocalDate night) {
    GoldResult result = new GoldStage(io, lake, sql, night, "threshold-" + night, Instant.parse("2026-11-24T03:00:00Z")
        .plusSeconds(night.toEpochDay()), ProjectOutputs.none(KEY), "test", List.of()).run();
    return result.tables().stream().filter(t -> t.table().equals("gold.visits_by_month")).findFirst().orElseThrow().refresh();
  }
}
