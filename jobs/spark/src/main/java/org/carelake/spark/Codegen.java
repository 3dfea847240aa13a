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
 * saving of generated code wins. {@code auto} interprets below {@link #COMPILE_FROM_BYTES} of
 * landed files and compiles from there; the results are the same either way.
 */
public final class Codegen {
  /** Landed bytes from which {@code auto} compiles generated code. */
  public static final long COMPILE_FROM_BYTES = 256L * 1024 * 1024;

  private Codegen() {}

  /**
   * Sets the session for the night.
   *
   * @return true when queries will compile generated code
   */
  public static boolean apply(SparkSession spark, String mode, long landedBytes) {
    boolean compile =
        switch (mode) {
          case "on" -> true;
          case "off" -> false;
          case "auto" -> landedBytes >= COMPILE_FROM_BYTES;
          default -> throw new IllegalArgumentException("spark.codegen must be auto, on or off, was '" + mode + "'");
        };
    spark.conf().set("spark.sql.codegen.wholeStage", Boolean.toString(compile));
    spark.conf().set("spark.sql.codegen.factoryMode", compile ? "FALLBACK" : "NO_CODEGEN");
    return compile;
  }
}
