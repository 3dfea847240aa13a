package org.carelake.nightly;

/** Receives progress while a night runs: counts and table names only, never row values. */
public interface Progress {
  void stageStarted(Stage stage, int index, int of);

  void stageFinished(Stage stage, String summary, java.time.Duration duration);

  static Progress silent() {
    return new Progress() {
      @Override
      public void stageStarted(Stage stage, int index, int of) {}

      @Override
      public void stageFinished(Stage stage, String summary, java.time.Duration duration) {}
    };
  }
}
