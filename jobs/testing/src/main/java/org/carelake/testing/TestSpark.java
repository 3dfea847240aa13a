package org.carelake.testing;

import org.apache.spark.sql.SparkSession;

/**
 * The one Spark session tests share: local[2], two shuffle partitions, UI off, Delta on, the same
 * SQL settings as production ({@code org.carelake.spark.SparkSessions}), and interpreted
 * expressions, as production uses them on a small night. Starting Spark costs
 * seconds, so every test class in a JVM reuses it.
 */
public final class TestSpark {
  private static SparkSession session;

  private TestSpark() {}

  public static synchronized SparkSession session() {
    if (session == null) {
      session =
          SparkSession.builder()
              .appName("carelake-tests")
              .master("local[2]")
              .config("spark.ui.enabled", "false")
              .config("spark.driver.host", "127.0.0.1")
              .config("spark.driver.bindAddress", "127.0.0.1")
              .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
              .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
              .config("spark.sql.datetime.java8API.enabled", "true")
              .config("spark.sql.session.timeZone", "UTC")
              .config("spark.sql.shuffle.partitions", "2")
              .config("spark.default.parallelism", "2")
              .config("spark.databricks.delta.snapshotPartitions", "2")
              // A MERGE into a table laid out by month writes one file per month it touches, not one per
              // month and task.
              .config("spark.databricks.delta.merge.repartitionBeforeWrite.enabled", "true")
              .config("spark.ui.showConsoleProgress", "false")
              // Test data is tiny: interpreted expressions, as a small night runs them
              // (org.carelake.spark.Codegen), instead of compiling code for every query.
              .config("spark.sql.codegen.wholeStage", "false")
              .config("spark.sql.codegen.factoryMode", "NO_CODEGEN")
              .getOrCreate();
      session.sparkContext().setLogLevel("WARN");
    }
    return session;
  }
}
