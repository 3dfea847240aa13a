package org.carelake.cli.airflow;

import java.time.LocalDate;
import org.carelake.airflow.AirflowClient;
import org.carelake.airflow.DagRun;
import picocli.CommandLine.Option;

/** Which run: by Airflow's run id, or by the night it processes. */
final class RunSelector {
  @Option(names = "--run-id", description = "Airflow's run id.")
  String runId;

  @Option(
      names = "--date",
      description =
          "The night (YYYY-MM-DD): its run is the latest with a logical date on the"
              + " London day after it.")
  LocalDate date;

  DagRun find(AirflowClient client, String dagId) {
    return runId != null ? client.dagRun(dagId, runId) : client.runForDate(dagId, date);
  }
}
