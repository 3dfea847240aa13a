package org.carelake.spark;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * Creates or joins the Spark session. Under spark-submit the master and resources come from the
 * submit command; run in-process, CareLake starts local mode itself. Either way Delta's extension
 * and catalog are set, java.time types are used for dates, and the session time zone is UTC.
 */
public final class SparkSessions {
  private SparkSessions() {}

  /**
   * The settings every CareLake session has, in production and in tests ({@code TestSpark} reads
   * them from here): Delta, java.time dates, UTC, Delta's small-log and MERGE layout choices, and
   * the local file system that forks no processes ({@link LocalFileSystemWithoutForks}).
   */
  public static Map<String, String> settings() {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension");
    settings.put("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog");
    settings.put("spark.sql.datetime.java8API.enabled", "true");
    settings.put("spark.sql.session.timeZone", "UTC");
    settings.put("spark.sql.adaptive.enabled", "true");
    // Delta rebuilds table state with 50 partitions by default: far too many for nightly-sized logs.
    settings.put("spark.databricks.delta.snapshotPartitions", "4");
    settings.put("spark.databricks.delta.schema.autoMerge.enabled", "false");
    settings.put("spark.databricks.delta.retentionDurationCheck.enabled", "true");
    // A MERGE into a table laid out by month writes one file per month it touches, not one per
    // month and task.
    settings.put("spark.databricks.delta.merge.repartitionBeforeWrite.enabled", "true");
    settings.put("spark.ui.showConsoleProgress", "false");
    // Every query posts its plan's description (for a UI or an event log); the default "formatted"
    // explain of a large plan cost a tenth of the driver's time on a small night.
    settings.put("spark.sql.ui.explainMode", "simple");
    settings.putAll(LocalFileSystemWithoutForks.HADOOP_SETTINGS);
    return settings;
  }

  public static SparkSession getOrCreate(String defaultMaster, int shufflePartitions) {
    SparkSession.Builder builder = SparkSession.builder().appName("carelake");
    // A -Dspark.* option on the command line wins over CareLake's choice, for tuning experiments.
    settings().forEach((key, value) -> builder.config(key, System.getProperty(key, value)));
    runSettings(defaultMaster, shufflePartitions).forEach((key, value) -> builder.config(key, System.getProperty(key, value)));
    SparkSession spark = builder.getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    profileIfAsked(spark);
    return spark;
  }

  /**
   * A run's own settings over {@link #settings()}: its shuffle partitions and, when neither
   * spark-submit nor {@code -Dspark.master} chose a master, local mode on loopback without the UI.
   */
  public static Map<String, String> runSettings(String defaultMaster, int shufflePartitions) {
    Map<String, String> run = new LinkedHashMap<>();
    run.put("spark.sql.shuffle.partitions", Integer.toString(shufflePartitions));
    if (System.getProperty("spark.master") == null && !isSubmitted()) {
      run.put("spark.master", defaultMaster);
      run.put("spark.ui.enabled", "false");
      run.put("spark.driver.host", "127.0.0.1");
      run.put("spark.driver.bindAddress", "127.0.0.1");
    }
    return run;
  }

  /** The Spark context whose jobs are being timed, so that a second command in one JVM does not time them twice. */
  private static org.apache.spark.SparkContext profiled;

  /**
   * With {@code CARELAKE_PROFILE=1}, prints every Spark job's duration and description to stderr,
   * once per Spark context (several commands run in one JVM, as the command line's tests do, share
   * one session and so one listener).
   */
  public static synchronized void profileIfAsked(SparkSession spark) {
    if (System.getenv("CARELAKE_PROFILE") != null && profiled != spark.sparkContext()) {
      profiled = spark.sparkContext();
      profiled.addSparkListener(new JobTimer());
    }
  }

  private static boolean isSubmitted() {
    return System.getenv("SPARK_SUBMIT") != null || System.getProperty("spark.app.id") != null
        || System.getProperty("spark.submit.deployMode") != null;
  }
}
