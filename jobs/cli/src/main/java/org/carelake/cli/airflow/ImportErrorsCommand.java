package org.carelake.cli.airflow;

import java.util.List;
import org.carelake.airflow.AirflowClient;
import org.carelake.airflow.ImportError;
import picocli.CommandLine.Command;

/** {@code carelake airflow import-errors}: DAG files Airflow cannot import, and why. */
@Command(
    name = "import-errors",
    description = "List DAG files that Airflow cannot import. Exit 1 when there are any.",
    mixinStandardHelpOptions = true)
final class ImportErrorsCommand extends AirflowSubcommand {
  @Override
  int run(AirflowClient client, String dagId) {
    List<ImportError> errors = client.importErrors();
    if (errors.isEmpty()) {
      out().println("no import errors");
      return AirflowCommand.OK;
    }
    errors.forEach(
        error ->
            out().println(error.bundleName() + "/" + error.filename() + ": " + error.summary()));
    return AirflowCommand.RUN_FAILED;
  }
}
