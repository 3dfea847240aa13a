package org.carelake.cli.airflow;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.carelake.airflow.local.AirflowInstallation;
import org.carelake.airflow.local.LocalAirflow;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One real Airflow for the CLI's tests: installed by {@code airflow/install.sh}, serving the test
 * DAGs of the airflow-client module ({@code jobs/airflow-client/src/test/resources/airflow/dags}),
 * stopped when the test run ends. Fails, never skips, when Airflow cannot be installed.
 */
final class SharedLocalAirflow implements ParameterResolver {
  private static final String TEST_DAGS = "jobs/airflow-client/src/test/resources/airflow/dags";

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == LocalAirflow.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context
        .getRoot()
        .getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent(LocalAirflow.class, key -> start(), LocalAirflow.class);
  }

  private static LocalAirflow start() {
    Duration timeout =
        Duration.ofSeconds(Long.getLong("carelake.airflow.startup-timeout-seconds", 600));
    Path repository = AirflowInstallation.repositoryRoot();
    Path dags = repository.resolve(TEST_DAGS);
    if (!Files.isDirectory(dags)) {
      throw new IllegalStateException("No test DAGs at " + dags);
    }
    LocalAirflow airflow =
        LocalAirflow.start(AirflowInstallation.install(repository, timeout), dags, timeout);
    System.out.printf(
        "Local Airflow for the CLI tests started in %.1fs%n",
        airflow.startupTime().toMillis() / 1000.0);
    return airflow;
  }
}
