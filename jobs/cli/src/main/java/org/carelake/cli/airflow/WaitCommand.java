package org.carelake.cli.airflow;

import java.time.Duration;
import java.time.Instant;
import org.carelake.airflow.AirflowClient;
import org.carelake.airflow.DagRun;
import org.carelake.airflow.DagRunState;
import org.carelake.airflow.RunSnapshot;
import org.carelake.airflow.TaskInstance;
import org.carelake.airflow.WaitOptions;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code carelake airflow wait}: follow a run until it ends; the exit status is its outcome. */
@Command(
    name = "wait",
    description =
        "Follow a run until it ends, printing each task state change. Exit 0 when it"
            + " succeeded, 1 when it failed.",
    mixinStandardHelpOptions = true)
final class WaitCommand extends AirflowSubcommand {
  @ArgGroup(exclusive = true, multiplicity = "1")
  RunSelector selector;

  @Option(
      names = "--poll-seconds",
      defaultValue = "10",
      description = "Seconds between looks (default ${DEFAULT-VALUE}).")
  int pollSeconds;

  @Option(
      names = "--timeout-minutes",
      defaultValue = "480",
      description = "Give up after this long (default ${DEFAULT-VALUE}).")
  int timeoutMinutes;

  @Override
  int run(AirflowClient client, String dagId) {
    if (pollSeconds <= 0 || timeoutMinutes <= 0) {
      throw new IllegalArgumentException(
          "--poll-seconds and --timeout-minutes must be positive: "
              + pollSeconds
              + ", "
              + timeoutMinutes);
    }
    DagRun run = selector.find(client, dagId);
    out().println("waiting for " + RunLines.run(run));
    out().flush();
    WaitOptions options =
        new WaitOptions(Duration.ofSeconds(pollSeconds), Duration.ofMinutes(timeoutMinutes));
    RunSnapshot finished =
        client.waitForCompletion(
            dagId,
            run.runId(),
            options,
            (snapshot, previous) -> {
              Instant now = Instant.now();
              for (TaskInstance task : snapshot.changesSince(previous)) {
                out().println(RunLines.change(now, task));
              }
              out().flush();
            });
    out().println(RunLines.run(finished.run()));
    if (finished.run().state() == DagRunState.SUCCESS) {
      return AirflowCommand.OK;
    }
    finished.failedTasks().forEach(task -> out().println("failed:" + RunLines.task(task)));
    out()
        .println(
            "retry its failed tasks with: carelake airflow retry --dag "
                + dagId
                + " --run-id '"
                + run.runId()
                + "'");
    return AirflowCommand.RUN_FAILED;
  }
}
