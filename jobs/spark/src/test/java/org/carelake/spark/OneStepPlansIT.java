package org.carelake.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.carelake.testing.TestSpark;
import org.junit.jupiter.api.Test;

/** A persisted result read through a one-step plan gives the same rows, sorted, joined and aggregated. */
class OneStepPlansIT {
  @Test
  void theOneStepPlanReadsThePersistedRowsUnchanged() {
    SparkSession spark = TestSpark.session();
    Dataset<Row> built = spark.sql("SELECT id, CAST(id % 3 AS STRING) AS grp, IF(id % 4 = 0, NULL, id * 1.5) AS v FROM range(0, 500)")
        .join(spark.sql("SELECT id AS other, id % 7 AS k FROM range(0, 50)"), org.apache.spark.sql.functions.expr("id = other"), "left")
        .persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Dataset<Row> oneStep = OneStepPlans.over(built);

      assertThat(oneStep.queryExecution().analyzed().children().isEmpty()).isTrue();
      assertThat(oneStep.schema()).isEqualTo(built.schema());
      List<Row> expected = built.orderBy("id").collectAsList();
      assertThat(oneStep.orderBy("id").collectAsList()).isEqualTo(expected);
      assertThat(oneStep.groupBy("grp").count().orderBy("grp").collectAsList())
          .isEqualTo(built.groupBy("grp").count().orderBy("grp").collectAsList());
      // Rows kept by a consumer (a sort, a collect) are not overwritten by the next row read.
      assertThat(oneStep.orderBy(org.apache.spark.sql.functions.col("id").desc()).limit(3).collectAsList().get(0).getLong(0)).isEqualTo(499L);
    } finally {
      built.unpersist();
    }
  }
}
