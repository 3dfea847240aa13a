package org.carelake.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.carelake.testing.TestSpark;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * spark.codegen and spark.adaptive: auto interprets a small stage with its first plan, and compiles
 * and re-plans a large one; a query's rows are the same every way.
 */
class StageExecutionIT {
  static final SparkSession spark = TestSpark.session();
  static final String QUERY = """
      SELECT t.borough, date_trunc('month', day) AS month, count(DISTINCT person) AS people, sum(cost) AS cost, max(b.name) AS name
      FROM VALUES ('E08000001', DATE'2026-01-03', 'a', 1.5D), ('E08000001', DATE'2026-01-20', 'a', 2.0D),
                  ('E08000002', DATE'2026-02-01', 'b', NULL), ('E08000002', DATE'2026-02-11', 'c', 4.25D)
        AS t(borough, day, person, cost)
      JOIN VALUES ('E08000001', 'Bolton'), ('E08000002', 'Bury') AS b(borough, name) ON b.borough = t.borough
      GROUP BY t.borough, date_trunc('month', day)
      ORDER BY t.borough, month
      """;

  @AfterAll
  static void backToTheTestDefault() {
    StageExecution.apply(spark, "off", "off", 0, 0, 0, 2);
  }

  @Test
  void autoRunsASmallNightInterpretedWithItsFirstPlanAndALargeOneCompiledAndAdaptive() {
    assertThat(StageExecution.apply(spark, "auto", "auto", 1_000_000, 0, 0, 4)).isEqualTo(new StageExecution.Choice(false, false, 2));
    assertThat(spark.conf().get("spark.sql.codegen.factoryMode")).isEqualTo("NO_CODEGEN");
    assertThat(spark.conf().get("spark.sql.codegen.wholeStage")).isEqualTo("false");
    assertThat(spark.conf().get("spark.sql.adaptive.enabled")).isEqualTo("false");
    assertThat(spark.conf().get("spark.sql.shuffle.partitions")).as("one per core of local[2], not the configured 4").isEqualTo("2");
    assertThat(StageExecution.apply(spark, "auto", "auto", StageExecution.LARGE_FROM_LANDED_BYTES, 0, 0, 4))
        .isEqualTo(new StageExecution.Choice(true, true, 4));
    assertThat(spark.conf().get("spark.sql.codegen.factoryMode")).isEqualTo("FALLBACK");
    assertThat(spark.conf().get("spark.sql.codegen.wholeStage")).isEqualTo("true");
    assertThat(spark.conf().get("spark.sql.adaptive.enabled")).isEqualTo("true");
    assertThat(spark.conf().get("spark.sql.shuffle.partitions")).isEqualTo("4");
  }

  @Test
  void onAndOffWinOverTheSizeAndEachSettingIsItsOwn() {
    assertThat(StageExecution.apply(spark, "off", "on", Long.MAX_VALUE, 0, 0, 4)).isEqualTo(new StageExecution.Choice(false, true, 4));
    assertThat(StageExecution.apply(spark, "on", "off", 0, 0, 0, 4)).isEqualTo(new StageExecution.Choice(true, false, 2));
    assertThat(StageExecution.apply(spark, "auto", "on", 0, 0, 0, 4)).isEqualTo(new StageExecution.Choice(false, true, 4));
    assertThatThrownBy(() -> StageExecution.apply(spark, "fast", "auto", 0, 0, 0, 4)).hasMessageContaining("spark.codegen must be auto, on or off");
    assertThatThrownBy(() -> StageExecution.apply(spark, "auto", "always", 0, 0, 0, 4)).hasMessageContaining("spark.adaptive must be auto, on or off");
  }

  @Test
  void aSmallStageNeverRunsMoreShufflePartitionsThanConfigured() {
    assertThat(StageExecution.apply(spark, "auto", "auto", 0, 0, 0, 1).shufflePartitions()).isEqualTo(1);
    assertThat(spark.conf().get("spark.sql.shuffle.partitions")).isEqualTo("1");
  }

  @Test
  void autoTreatsAStageThatReadsALargeLakeOnASmallNightAsLarge() {
    assertThat(StageExecution.apply(spark, "auto", "auto", 1_000_000, StageExecution.LARGE_FROM_LAKE_BYTES - 1, 0, 4))
        .isEqualTo(new StageExecution.Choice(false, false, 2));
    assertThat(StageExecution.apply(spark, "auto", "auto", 1_000_000, StageExecution.LARGE_FROM_LAKE_BYTES, 0, 4))
        .isEqualTo(new StageExecution.Choice(true, true, 4));
    assertThat(StageExecution.needsSize("on", "off")).isFalse();
    assertThat(StageExecution.needsSize("on", "auto")).isTrue();
  }

  @Test
  void autoPlansAStageThatJoinsTheNightAgainstALargeTableAdaptivelyWithoutCompiling() {
    assertThat(StageExecution.apply(spark, "auto", "auto", 1_000_000, 0, StageExecution.ADAPTIVE_FROM_JOINED_BYTES - 1, 4))
        .isEqualTo(new StageExecution.Choice(false, false, 2));
    assertThat(StageExecution.apply(spark, "auto", "auto", 1_000_000, 0, StageExecution.ADAPTIVE_FROM_JOINED_BYTES, 4))
        .isEqualTo(new StageExecution.Choice(false, true, 4));
    assertThat(spark.conf().get("spark.sql.codegen.wholeStage")).isEqualTo("false");
    assertThat(spark.conf().get("spark.sql.adaptive.enabled")).isEqualTo("true");
    assertThat(StageExecution.apply(spark, "auto", "off", 1_000_000, 0, Long.MAX_VALUE, 4))
        .as("an explicit setting wins").isEqualTo(new StageExecution.Choice(false, false, 2));
  }

  @Test
  void aQueryGivesTheSameRowsEveryWay() {
    StageExecution.apply(spark, "on", "on", 0, 0, 0, 4);
    List<Row> compiledAdaptive = spark.sql(QUERY).collectAsList();
    StageExecution.apply(spark, "off", "off", 0, 0, 0, 4);
    List<Row> interpretedFirstPlan = spark.sql(QUERY).collectAsList();
    StageExecution.apply(spark, "on", "off", 0, 0, 0, 4);
    List<Row> compiledFirstPlan = spark.sql(QUERY).collectAsList();
    assertThat(interpretedFirstPlan).hasSize(2).isEqualTo(compiledAdaptive).isEqualTo(compiledFirstPlan);
    assertThat(interpretedFirstPlan.get(0).getString(4)).isEqualTo("Bolton");
  }
}
