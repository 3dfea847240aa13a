package org.carelake.spark;

import org.apache.spark.sql.SparkSession;

/**
 * Whether Spark compiles generated code for a night's queries or evaluates them interpreted
 * (setting {@code spark.codegen}: auto, on, off).
 *
 * <p>Compiling pays per query, not per row: Spark generates, formats and compiles Java for every
 * stage of every query, and the JVM then compiles those classes again. A night runs about a
 * thousand small queries, so on a small night compilation is most of the work (profiled: two
 * minutes of JIT time and ~15% of CPU samples in code formatting for a 30-row night) while
 * interpreted evaluation of a few thousand rows costs nothing. On a large night the per-row
 * saving of generated code wins. {@code auto} decides per stage, by what the stage reads: it
 * compiles from {@link #COMPILE_FROM_BYTES} of landed files, or when the stage reads the lake's
 * tables whole (the gold stage reads silver) and they hold {@link #COMPILE_FROM_LAKE_BYTES} on
 * disk; otherwise it interprets. The results are the same either way.
 */
public final class Codegen {
  /** Landed bytes from which {@code auto} compiles generated code. */
  public static final long COMPILE_FROM_BYTES = 256L * 1024 * 1024;

  /**
   * Bytes of Delta files (compressed Parquet, several times denser than the landed CSV) read by a
   * stage from which {@code auto} compiles: a small night's gold stage on a 30,000-person lake
   * (about 240 MB of silver) spent a third of its measures' time in interpreted projections.
   */
  public static final long COMPILE_FROM_LAKE_BYTES = 64L * 1024 * 1024;

  private Codegen() {}

  /**
   * Sets the session for the night.
   *
   * @return true when queries will compile generated code
   */
  public static boolean apply(SparkSession spark, String mode, long landedBytes) {
    return apply(spark, mode, landedBytes, 0);
  }

  /**
   * Sets the session for a stage.
   *
   * @param landedBytes the night's landed files
   * @param lakeBytes the lake tables the stage reads whole, on disk (0 for a stage that reads only the night's rows)
   * @return true when queries will compile generated code
   */
  public static boolean apply(SparkSession spark, String mode, long landedBytes, long lakeBytes) {
    boolean compile =
        switch (mode) {
          case "on" -> true;
          case "off" -> false;
          case "auto" -> landedBytes >= COMPILE_FROM_BYTES || lakeBytes >= COMPILE_FROM_LAKE_BYTES;
          default -> throw new IllegalArgumentException("spark.codegen must be auto, on or off, was '" + mode + "'");
        };
    spark.conf().set("spark.sql.codegen.wholeStage", Boolean.toString(compile));
    spark.conf().set("spark.sql.codegen.factoryMode", compile ? "FALLBACK" : "NO_CODEGEN");
    return compile;
  }
}
