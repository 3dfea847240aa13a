package org.carelake.spark;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A persisted Dataset's rows behind a one-step plan, for a result that several later queries read.
 *
 * <p>Queries over the persisted Dataset itself carry its whole plan (a cohort's or an incremental
 * build's is hundreds of nodes), which Spark re-analyses and matches against its cache for every
 * query. {@code createDataFrame(ds.javaRDD(), schema)} gave a one-step plan but converted every row
 * to a Java {@code Row} and back, generating a deserializer's code in every task of every query
 * (profiled: 6% of a 150-person night's CPU samples). Here the plan is Spark's own
 * internal-row RDD over the cache, as Spark's checkpoints build it: no conversion, no generated code.
 * {@code internalCreateDataFrame} is {@code private[sql]} in Scala and public in bytecode; Spark is
 * pinned, and {@code OneStepPlansIT} fails if the method changes.
 */
public final class OneStepPlans {
  private OneStepPlans() {}

  /** The rows of {@code persisted} (already persisted by the caller) as a one-step plan. */
  public static Dataset<Row> over(Dataset<Row> persisted) {
    org.apache.spark.sql.classic.Dataset<Row> classic = (org.apache.spark.sql.classic.Dataset<Row>) persisted;
    return classic.sparkSession().internalCreateDataFrame(classic.queryExecution().toRdd(), persisted.schema(), false);
  }
}
