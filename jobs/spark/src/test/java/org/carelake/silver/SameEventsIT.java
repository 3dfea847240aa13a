package org.carelake.silver;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.carelake.lake.DeltaIo;
import org.carelake.lake.Lake;
import org.carelake.lake.TableDefinitions;
import org.carelake.lake.TableRef;
import org.carelake.lake.Zone;
import org.carelake.testing.SharedLakes;
import org.carelake.testing.TestLakes;
import org.carelake.testing.TestSpark;
import org.junit.jupiter.api.Test;

/**
 * The same event already in a month-partitioned table is found although only the batch's months
 * are read, including events without a care date; other months' events never collapse a row.
 */
class SameEventsIT {
  private static final List<String> SAME_EVENT = List.of("person_key", "event_date", "code");

  private final SparkSession spark = TestSpark.session();

  @Test
  void aRepeatOfAnEventAlreadyInTheTableIsDroppedAndRecorded() throws Exception {
    Lake lake = new Lake(SharedLakes.scratch("carelake-same-events").toString());
    DeltaIo io = new DeltaIo(spark);
    TableRef table = lake.silver("event_test");
    spark.sql("CREATE TABLE " + table.sqlIdentifier() + " (event_key STRING, person_key STRING, event_date DATE, code STRING, "
        + "activity_month DATE GENERATED ALWAYS AS (trunc(event_date, 'MM'))) USING DELTA PARTITIONED BY (activity_month)");
    spark.sql("INSERT INTO " + table.sqlIdentifier() + " (event_key, person_key, event_date, code) VALUES "
        + "('e1', 'p1', DATE'2026-10-05', 'c1'), ('e2', 'p1', DATE'2026-11-03', 'c2'), ('e3', 'p3', NULL, 'c3'), "
        + "('e4', 'p4', DATE'2019-02-01', 'c4')");
    TableRef record = lake.restricted("duplicate_event");
    new TableDefinitions(TestLakes.SQL, Zone.RESTRICTED).create(spark, record);
    Dataset<Row> batch = spark.sql("SELECT event_key, person_key, CAST(event_date AS DATE) AS event_date, code, "
        + "trunc(CAST(event_date AS DATE), 'MM') AS activity_month FROM VALUES "
        + "('b1', 'p1', '2026-10-05', 'c1'), " // e1 again
        + "('b2', 'p2', '2026-11-03', 'c2'), " // another person's event on e2's day
        + "('b3', 'p3', NULL, 'c3'), " // e3 again, without a date
        + "('b5', 'p5', '2026-11-20', 'c5'), ('b6', 'p5', '2026-11-20', 'c5') " // twice tonight
        + "AS v(event_key, person_key, event_date, code)");

    Dataset<Row> kept = new SameEvents(io, record, LocalDate.parse("2026-11-23"), "run-1")
        .collapse("event_test", table, batch, "event_key", SAME_EVENT);

    assertThat(kept.select("event_key").as(org.apache.spark.sql.Encoders.STRING()).collectAsList())
        .containsExactlyInAnyOrder("b2", "b5");
    assertThat(io.read(record).filter(col("silver_table").equalTo("event_test")).select("dropped_key", "kept_key")
        .collectAsList()).extracting(r -> r.getString(0) + ">" + r.getString(1))
        .containsExactlyInAnyOrder("b1>e1", "b3>e3", "b6>b5");
  }

  @Test
  void onlyColumnsOfTheTableAreReferencedByAGenerationExpression() {
    String[] columns = {"event_key", "event_date", "code", "activity_month"};
    assertThat(SameEvents.referencedColumns("trunc(event_date, 'MM')", columns)).containsExactly("event_date");
    assertThat(SameEvents.referencedColumns("concat(code, 'event_key', `event_key`)", columns)).containsExactly("code", "event_key");
    assertThat(SameEvents.referencedColumns("current_date()", columns)).isEmpty();
  }
}
