package org.carelake.cli.airflow;

import org.carelake.airflow.AirflowClient;
import org.carelake.airflow.DagRun;
import org.carelake.airflow.TaskInstance;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;

/** {@code carelake airflow status}: a run's state and its tasks'. */
@Command(
    name = "status",
    description = "Show a run's state and each task's state and try number.",
    mixinStandardHelpOptions = true)
final class StatusCommand extends AirflowSubcommand {
  @ArgGroup(exclusive = true, multiplicity = "1")
  RunSelector selector;

  @Override
  int run(AirflowClient client, String dagId) {
    DagRun run = selector.find(client, dagId);
    out().println(RunLines.run(run));
    for (TaskInstance task : client.taskInstances(dagId, run.runId())) {
      out().println(RunLines.task(task));
    }
    return AirflowCommand.OK;
  }
}
