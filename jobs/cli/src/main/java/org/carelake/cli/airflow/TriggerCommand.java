package org.carelake.cli.airflow;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.carelake.airflow.AirflowClient;
import org.carelake.airflow.DagRun;
import org.carelake.airflow.TriggerRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code carelake airflow trigger --date D}: start the run for one night. */
@Command(
    name = "trigger",
    description =
        "Trigger the run for a night. Refuses a paused DAG and a night that already has a run.",
    mixinStandardHelpOptions = true)
final class TriggerCommand extends AirflowSubcommand {
  @Option(names = "--date", required = true, description = "The night to process (YYYY-MM-DD).")
  LocalDate date;

  @Option(names = "--conf", description = "A run configuration entry key=value; repeatable.")
  Map<String, String> conf = new LinkedHashMap<>();

  @Override
  int run(AirflowClient client, String dagId) {
    TriggerRequest request = TriggerRequest.forRunDate(date);
    for (Map.Entry<String, String> entry : conf.entrySet()) {
      request = request.withConf(entry.getKey(), entry.getValue());
    }
    DagRun run = client.trigger(dagId, request);
    out().println("triggered " + RunLines.run(run));
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
