package org.carelake.nightly;

/** Receives progress while a night runs: counts and table names only, never row values. */
public interface Progress {
  void stageStarted(Stage stage, int index, int of);

  void stageFinished(Stage stage, String summary, java.time.Duration duration);

  /** A long stage is on step {@code done + 1} of {@code of}: {@code step} names it (a feed, a table). */
  default void stageStep(Stage stage, String step, int done, int of) {}

  static Progress silent() {
    return new Progress() {
      @Override
      public void stageStarted(Stage stage, int index, int of) {}

      @Override
      public void stageFinished(Stage stage, String summary, java.time.Duration duration) {}
    };
  }
}
