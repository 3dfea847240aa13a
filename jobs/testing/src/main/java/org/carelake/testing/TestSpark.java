package org.carelake.testing;

import org.apache.spark.sql.SparkSession;

/**
 * The one Spark session tests share: production's settings ({@code org.carelake.spark.SparkSessions}),
 * then local[2], two shuffle partitions, UI off, interpreted expressions and no adaptive
 * re-planning, as production runs a small night. Starting Spark costs
 * seconds, so every test class in a JVM reuses it.
 */
public final class TestSpark {
  private static SparkSession session;

  private TestSpark() {}

  public static synchronized SparkSession session() {
    if (session == null) {
      SparkSession.Builder builder = SparkSession.builder().appName("carelake-tests");
      productionSettings().forEach(builder::config);
      session = builder
          .master("local[2]")
          .config("spark.ui.enabled", "false")
          .config("spark.driver.host", "127.0.0.1")
          .config("spark.driver.bindAddress", "127.0.0.1")
          .config("spark.sql.shuffle.partitions", "2")
          .config("spark.default.parallelism", "2")
          .config("spark.databricks.delta.snapshotPartitions", "2")
          // Test data is tiny: interpreted expressions and the first plan, as a small night runs
          // them (org.carelake.spark.StageExecution), instead of compiling code and re-planning
          // every query.
          .config("spark.sql.codegen.wholeStage", "false")
          .config("spark.sql.codegen.factoryMode", "NO_CODEGEN")
          .config("spark.sql.adaptive.enabled", "false")
          .getOrCreate();
      session.sparkContext().setLogLevel("WARN");
      invokeSparkSessions("profileIfAsked", new Class<?>[] {SparkSession.class}, session);
    }
    return session;
  }

  /**
   * Drops every cached dataset and Delta's cached table states, if the session was started; the
   * session itself stays. {@link ReleaseSparkCaches} calls it after each test class.
   */
  public static synchronized void releaseCaches() {
    if (session != null) {
      session.catalog().clearCache();
      org.apache.spark.sql.delta.DeltaLog.clearCache();
    }
  }

  /**
   * {@code org.carelake.spark.SparkSessions.settings()}, read by reflection: this module sits below
   * the Spark stages' module (whose tests use it), so it cannot name the class, and a second copy of
   * the settings would drift from production's.
   */
  @SuppressWarnings("unchecked")
  private static java.util.Map<String, String> productionSettings() {
    return (java.util.Map<String, String>) invokeSparkSessions("settings", new Class<?>[0]);
  }

  /** A static method of {@code org.carelake.spark.SparkSessions}, called by reflection (see above). */
  private static Object invokeSparkSessions(String method, Class<?>[] types, Object... arguments) {
    try {
      return Class.forName("org.carelake.spark.SparkSessions").getMethod(method, types).invoke(null, arguments);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("TestSpark needs the Spark stages module (org.carelake.spark.SparkSessions) on the test classpath", e);
    }
  }
}
