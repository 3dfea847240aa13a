package org.carelake.spark;

import org.apache.spark.sql.SparkSession;

/**
 * Creates or joins the Spark session. Under spark-submit the master and resources come from the
 * submit command; run in-process, CareLake starts local mode itself. Either way Delta's extension
 * and catalog are set, java.time types are used for dates, and the session time zone is UTC.
 */
public final class SparkSessions {
  private SparkSessions() {}

  public static SparkSession getOrCreate(String defaultMaster, int shufflePartitions) {
    SparkSession.Builder builder =
        SparkSession.builder()
            .appName("carelake")
            .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
            .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
            .config("spark.sql.datetime.java8API.enabled", "true")
            .config("spark.sql.session.timeZone", "UTC")
            .config("spark.sql.shuffle.partitions", Integer.toString(shufflePartitions))
            .config("spark.sql.adaptive.enabled", "true")
            // Delta rebuilds table state with 50 partitions by default: far too many for nightly-sized logs.
            .config("spark.databricks.delta.snapshotPartitions", "4")
            .config("spark.databricks.delta.schema.autoMerge.enabled", "false")
            .config("spark.databricks.delta.retentionDurationCheck.enabled", "true")
            // A MERGE into a table laid out by month writes one file per month it touches, not one per
            // month and task.
            .config("spark.databricks.delta.merge.repartitionBeforeWrite.enabled", "true")
            .config("spark.ui.showConsoleProgress", "false");
    if (System.getProperty("spark.master") == null && !isSubmitted()) {
      builder
          .master(defaultMaster)
          .config("spark.ui.enabled", "false")
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.driver.bindAddress", "127.0.0.1");
    }
    SparkSession spark = builder.getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    if (System.getenv("CARELAKE_PROFILE") != null) {
      spark.sparkContext().addSparkListener(new JobTimer());
    }
    return spark;
  }

  private static boolean isSubmitted() {
    return System.getenv("SPARK_SUBMIT") != null || System.getProperty("spark.app.id") != null
        || System.getProperty("spark.submit.deployMode") != null;
  }
}
