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
}
