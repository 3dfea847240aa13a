package org.carelake.spark;

import org.apache.spark.sql.SparkSession;

/**
 * How Spark runs a stage's queries, chosen per stage by how much the stage reads: whether it
 * compiles generated code or evaluates expressions interpreted (setting {@code spark.codegen}),
 * and whether it re-plans a query between its steps with adaptive query execution or runs the plan
 * it chose before starting (setting {@code spark.adaptive}). Each setting is {@code auto}, {@code
 * on} or {@code off}; the rows a query gives are the same every way.
 *
 * <p>Both pay per query, not per row. Compiling generates, formats and compiles Java for every
 * stage of every query, and the JVM compiles those classes again (profiled: two minutes of JIT
 * time and ~15% of CPU samples in code formatting for a 30-row night). Adaptive execution runs
 * each shuffle of a query as a Spark job of its own and plans the rest again after it: on a
 * 300-person lake's gold stage it doubled the jobs (421 against 210) and cost a fifth of the
 * stage's time, while at that size there is nothing to re-plan. On a large stage the per-row
 * saving of generated code, and adaptive execution's choice of joins and partitions from the sizes
 * it has measured, win.
 *
 * <p>A stage that keeps its first plan has no adaptive coalescing of shuffle partitions, so each of
 * its shuffles would run the configured number of tasks and a write after one would leave that many
 * files. It uses one shuffle partition per core instead, at most the configured number: on a
 * 300-person demo (2 cores) four partitions left 581 files and took 373 s, two left 510 files and
 * took 360 s (adaptive: 456 files, 400 s).
 *
 * <p>{@code auto} calls a stage large when the night landed {@link #LARGE_FROM_LANDED_BYTES} or
 * more, or when the stage reads the lake's tables whole (the gold stage reads silver) and they hold
 * {@link #LARGE_FROM_LAKE_BYTES} or more on disk. A stage that joins the night's few rows against a
 * large table (the link stage against the master person index) plans adaptively from {@link
 * #ADAPTIVE_FROM_JOINED_BYTES} of that table, without compiling: adaptive execution measures the
 * night's side small and broadcasts it, where the first plan shuffles the whole table for each join.
 */
public final class StageExecution {
  /** Landed bytes from which {@code auto} treats every stage of the night as large. */
  public static final long LARGE_FROM_LANDED_BYTES = 256L * 1024 * 1024;

  /**
   * Bytes of Delta files (compressed Parquet, several times denser than the landed CSV) read whole
   * by a stage from which {@code auto} treats it as large. Measured on a normal night's gold stage:
   * on a 30,000-person, 2-year lake (about 240 MB of silver) compiled won (239 s against 272 s
   * interpreted); on a 10,000-person, 2-year lake (92 MB) interpreted with the first plan won
   * (45.7 s against 56.7 s compiled and adaptive). The threshold sits between the two.
   */
  public static final long LARGE_FROM_LAKE_BYTES = 160L * 1024 * 1024;

  /**
   * Bytes of the tables a stage joins the night's rows against from which {@code auto} plans that
   * stage adaptively. Measured on the link stage of a normal night (392 new identity records):
   * against a 100,000-person, 1-year master person index (70 MB) adaptive planning took 53.3 s
   * against 82.4 s with the first plan (64.1 s compiled and adaptive); against a 3,000-person,
   * 2-year one (under 2 MB) 29.9 s against 29.4 s. The threshold sits between the two.
   */
  public static final long ADAPTIVE_FROM_JOINED_BYTES = 16L * 1024 * 1024;

  /** What was chosen for a stage. */
  public record Choice(boolean compiled, boolean adaptive, int shufflePartitions) {
    /** For the run's log. */
    public String describe() {
      return "queries " + (compiled ? "compile generated code" : "are interpreted") + " and "
          + (adaptive ? "re-plan adaptively" : "keep their first plan") + ", " + shufflePartitions + " shuffle partitions";
    }
  }

  private StageExecution() {}

  /** Whether {@code auto} treats a stage with these inputs as large. */
  public static boolean large(long landedBytes, long lakeBytes) {
    return landedBytes >= LARGE_FROM_LANDED_BYTES || lakeBytes >= LARGE_FROM_LAKE_BYTES;
  }

  /**
   * Sets the session for a stage.
   *
   * @param codegen the {@code spark.codegen} setting
   * @param adaptive the {@code spark.adaptive} setting
   * @param landedBytes the night's landed files
   * @param lakeBytes the lake tables the stage reads whole, on disk (0 for a stage that reads only the night's rows)
   * @param joinedBytes the lake tables the stage joins the night's rows against, on disk (0 for none)
   * @param shufflePartitions the run's configured shuffle partitions ({@link #shufflePartitions(SparkSession)} before the first stage)
   */
  public static Choice apply(
      SparkSession spark, String codegen, String adaptive, long landedBytes, long lakeBytes, long joinedBytes,
      int shufflePartitions) {
    boolean large = large(landedBytes, lakeBytes);
    boolean compile = choose("spark.codegen", codegen, large);
    boolean adapt = choose("spark.adaptive", adaptive, large || joinedBytes >= ADAPTIVE_FROM_JOINED_BYTES);
    int partitions = adapt ? shufflePartitions : Math.max(1, Math.min(shufflePartitions, spark.sparkContext().defaultParallelism()));
    spark.conf().set("spark.sql.codegen.wholeStage", Boolean.toString(compile));
    spark.conf().set("spark.sql.codegen.factoryMode", compile ? "FALLBACK" : "NO_CODEGEN");
    spark.conf().set("spark.sql.adaptive.enabled", Boolean.toString(adapt));
    spark.conf().set("spark.sql.shuffle.partitions", Integer.toString(partitions));
    return new Choice(compile, adapt, partitions);
  }

  /** The session's shuffle partitions as configured, to pass to {@link #apply} and restore after the run. */
  public static int shufflePartitions(SparkSession spark) {
    return Integer.parseInt(spark.conf().get("spark.sql.shuffle.partitions"));
  }

  /** Whether the setting needs to know the stage's size at all (so the caller can skip measuring it). */
  public static boolean needsSize(String codegen, String adaptive) {
    return codegen.equals("auto") || adaptive.equals("auto");
  }

  private static boolean choose(String setting, String mode, boolean large) {
    return switch (org.carelake.run.Settings.requireMode(setting, mode)) {
      case "on" -> true;
      case "off" -> false;
      default -> large;
    };
  }
}
