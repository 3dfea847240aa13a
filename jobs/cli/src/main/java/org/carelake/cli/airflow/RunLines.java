package org.carelake.cli.airflow;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.carelake.airflow.DagRun;
import org.carelake.airflow.TaskInstance;

/** How runs and tasks are printed: one line each, the same in every subcommand. */
final class RunLines {
  private RunLines() {}

  static String run(DagRun run) {
    return "run "
        + run.runId()
        + " of "
        + run.dagId()
        + ": "
        + run.state().apiName()
        + run.logicalDate().map(date -> " (logical date " + date + ")").orElse("");
  }

  static String task(TaskInstance task) {
    return String.format(
        "  %-40s %-16s try %d", task.key(), task.state().apiName(), task.tryNumber());
  }

  static String change(Instant at, TaskInstance task) {
    return at.truncatedTo(ChronoUnit.SECONDS) + task(task);
  }
}
