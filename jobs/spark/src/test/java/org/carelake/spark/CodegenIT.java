package org.carelake.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.carelake.testing.TestSpark;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** spark.codegen: auto interprets a small night and compiles a large one; a query's rows are the same either way. */
class CodegenIT {
  static final SparkSession spark = TestSpark.session();
  static final String QUERY = """
      SELECT borough, date_trunc('month', day) AS month, count(DISTINCT person) AS people, sum(cost) AS cost
      FROM VALUES ('E08000001', DATE'2026-01-03', 'a', 1.5D), ('E08000001', DATE'2026-01-20', 'a', 2.0D),
                  ('E08000002', DATE'2026-02-01', 'b', NULL), ('E08000002', DATE'2026-02-11', 'c', 4.25D)
        AS t(borough, day, person, cost)
      GROUP BY borough, date_trunc('month', day)
      ORDER BY borough, month
      """;

  @AfterAll
  static void backToTheTestDefault() {
    Codegen.apply(spark, "off", 0);
  }

  @Test
  void autoInterpretsASmallNightAndCompilesALargeOne() {
    assertThat(Codegen.apply(spark, "auto", 1_000_000)).isFalse();
    assertThat(spark.conf().get("spark.sql.codegen.factoryMode")).isEqualTo("NO_CODEGEN");
    assertThat(spark.conf().get("spark.sql.codegen.wholeStage")).isEqualTo("false");
    assertThat(Codegen.apply(spark, "auto", Codegen.COMPILE_FROM_BYTES)).isTrue();
    assertThat(spark.conf().get("spark.sql.codegen.factoryMode")).isEqualTo("FALLBACK");
    assertThat(spark.conf().get("spark.sql.codegen.wholeStage")).isEqualTo("true");
    assertThat(Codegen.apply(spark, "off", Long.MAX_VALUE)).isFalse();
    assertThat(Codegen.apply(spark, "on", 0)).isTrue();
    assertThatThrownBy(() -> Codegen.apply(spark, "fast", 0)).hasMessageContaining("auto, on or off");
  }

  @Test
  void autoCompilesAStageThatReadsALargeLakeOnASmallNight() {
    assertThat(Codegen.apply(spark, "auto", 1_000_000, Codegen.COMPILE_FROM_LAKE_BYTES - 1)).isFalse();
    assertThat(Codegen.apply(spark, "auto", 1_000_000, Codegen.COMPILE_FROM_LAKE_BYTES)).isTrue();
    assertThat(spark.conf().get("spark.sql.codegen.wholeStage")).isEqualTo("true");
    assertThat(Codegen.apply(spark, "off", 0, Long.MAX_VALUE)).isFalse();
  }

  @Test
  void aQueryGivesTheSameRowsInterpretedAndCompiled() {
    Codegen.apply(spark, "on", 0);
    List<Row> compiled = spark.sql(QUERY).collectAsList();
    Codegen.apply(spark, "off", 0);
    List<Row> interpreted = spark.sql(QUERY).collectAsList();
    assertThat(interpreted).hasSize(2).isEqualTo(compiled);
  }
}
