package org.carelake.nightly;

/**
 * One step of the night. Stages are listed, in the order a night runs them, by {@link Stages};
 * a new stage is added there, not wired into the runner by hand. Each stage builds its one-step
 * object from the {@link StageContext} and returns that object's immutable result.
 */
public interface Stage {
  /** The name used on the command line ({@code --stage link}) and in run records. */
  String id();

  /** One line for progress output and help. */
  String description();

  /** True when the stage derives pseudonyms, so a run that includes it needs the key. */
  boolean needsKey();

  StageResult run(StageContext context);

  /**
   * Bytes on disk of the lake tables this stage reads whole rather than only the night's rows (0,
   * the default, for a stage whose work follows the night). Under {@code auto} a stage reading a
   * large lake compiles generated code and plans adaptively even on a small night ({@link
   * org.carelake.spark.StageExecution}).
   */
  default long lakeBytesRead(StageContext context) {
    return 0;
  }

  /**
   * Bytes on disk of the lake tables this stage joins the night's rows against (0, the default,
   * for none): the link stage's master person index. Under {@code auto} a stage joining a large
   * table plans adaptively, so the night's small side is broadcast ({@link
   * org.carelake.spark.StageExecution#ADAPTIVE_FROM_JOINED_BYTES}).
   */
  default long lakeBytesJoined(StageContext context) {
    return 0;
  }
}
