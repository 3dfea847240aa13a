package org.carelake.airflow;

import static java.util.Objects.requireNonNull;

/** Polls one DAG run until it finishes or the wait times out. */
final class DagRunWaiter {
  private final AirflowClient client;
  private final WaitOptions options;
  private final RunProgressListener listener;

  DagRunWaiter(AirflowClient client, WaitOptions options, RunProgressListener listener) {
    this.client = requireNonNull(client, "client is null");
    this.options = requireNonNull(options, "options is null");
    this.listener = requireNonNull(listener, "listener is null");
  }

  RunSnapshot waitFor(String dagId, String runId) {
    long deadline = System.nanoTime() + options.timeout().toNanos();
    RunSnapshot previous = null;
    while (true) {
      RunSnapshot snapshot = client.snapshot(dagId, runId);
      listener.onProgress(snapshot, previous);
      if (snapshot.run().state().isFinished()) {
        return snapshot;
      }
      long remaining = deadline - System.nanoTime();
      if (remaining <= 0) {
        throw AirflowErrors.waitTimedOut(snapshot.run(), options.timeout());
      }
      sleep(Math.min(remaining, options.pollInterval().toNanos()));
      previous = snapshot;
    }
  }

  private static void sleep(long nanos) {
    try {
      Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a DAG run", interrupted);
    }
  }
}
