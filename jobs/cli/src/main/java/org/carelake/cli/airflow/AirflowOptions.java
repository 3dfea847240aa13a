package org.carelake.cli.airflow;

import java.time.Duration;
import org.carelake.airflow.AirflowClient;
import org.carelake.airflow.AirflowConfig;
import picocli.CommandLine.Option;

/** Where Airflow is, who to log in as, and which DAG: shared by every airflow subcommand. */
final class AirflowOptions {
  /** The DAG in airflow/dags that runs a night. */
  static final String DEFAULT_DAG = "carelake_nightly";

  @Option(
      names = "--url",
      defaultValue = "${env:CARELAKE_AIRFLOW_URL:-http://localhost:8080}",
      description = "Airflow API server (env CARELAKE_AIRFLOW_URL; default ${DEFAULT-VALUE}).")
  String url;

  @Option(
      names = "--user",
      defaultValue = "${env:CARELAKE_AIRFLOW_USER}",
      description = "Airflow user (env CARELAKE_AIRFLOW_USER).")
  String user;

  @Option(
      names = "--password",
      defaultValue = "${env:CARELAKE_AIRFLOW_PASSWORD}",
      description = "Airflow password (env CARELAKE_AIRFLOW_PASSWORD; prefer the variable).")
  String password;

  @Option(
      names = "--dag",
      defaultValue = DEFAULT_DAG,
      description = "DAG id (default ${DEFAULT-VALUE}).")
  String dag;

  @Option(
      names = "--request-timeout-seconds",
      defaultValue = "60",
      description = "How long to wait for one answer from Airflow (default ${DEFAULT-VALUE}).")
  int requestTimeoutSeconds;

  AirflowClient client() {
    if (user == null || user.isBlank()) {
      throw new IllegalArgumentException("No Airflow user: set --user or CARELAKE_AIRFLOW_USER");
    }
    if (password == null) {
      throw new IllegalArgumentException(
          "No Airflow password: set CARELAKE_AIRFLOW_PASSWORD (or --password)");
    }
    if (requestTimeoutSeconds <= 0) {
      throw new IllegalArgumentException(
          "--request-timeout-seconds must be positive: " + requestTimeoutSeconds);
    }
    AirflowConfig config =
        AirflowConfig.of(url, user, password)
            .withRequestTimeout(Duration.ofSeconds(requestTimeoutSeconds));
    return new AirflowClient(config);
  }
}
