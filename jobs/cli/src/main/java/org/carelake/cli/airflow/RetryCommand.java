package org.carelake.cli.airflow;

import java.util.List;
import org.carelake.airflow.AirflowClient;
import org.carelake.airflow.DagRun;
import org.carelake.airflow.TaskInstance;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;

/**
 * {@code carelake airflow retry}: clear a run's failed tasks so the scheduler runs them again. Safe
 * because every CareLake write is idempotent.
 */
@Command(
    name = "retry",
    description = "Clear a run's failed (and upstream-failed) tasks so Airflow runs them again.",
    mixinStandardHelpOptions = true)
final class RetryCommand extends AirflowSubcommand {
  @ArgGroup(exclusive = true, multiplicity = "1")
  RunSelector selector;

  @Override
  int run(AirflowClient client, String dagId) {
    DagRun run = selector.find(client, dagId);
    List<TaskInstance> cleared = client.clearFailedTasks(dagId, run.runId());
    if (cleared.isEmpty()) {
      out().println("nothing to retry: " + RunLines.run(run) + ", no failed tasks");
      return AirflowCommand.OK;
    }
    out()
        .println(
            "cleared "
                + cleared.size()
                + " task(s) of run "
                + run.runId()
                + "; Airflow runs them again:");
    cleared.forEach(task -> out().println(RunLines.task(task)));
    out()
        .println(
            "follow it with: carelake airflow wait --dag "
                + dagId
                + " --run-id '"
                + run.runId()
                + "'");
    return AirflowCommand.OK;
  }
}
