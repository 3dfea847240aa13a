package org.carelake.airflow;

/** Told about a DAG run each time {@link AirflowClient#waitForCompletion} looks at it. */
@FunctionalInterface
public interface RunProgressListener {
  /** A listener that ignores progress. */
  RunProgressListener NONE = (snapshot, previous) -> {};

  /**
   * @param snapshot the run now
   * @param previous the run at the previous look, or {@code null} at the first; {@link
   *     RunSnapshot#changesSince} gives what changed
   */
  void onProgress(RunSnapshot snapshot, RunSnapshot previous);
}
