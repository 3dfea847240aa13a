package org.carelake.airflow;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;
import java.time.Duration;
import org.carelake.airflow.local.AirflowInstallation;
import org.carelake.airflow.local.LocalAirflow;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives tests one real Airflow for the whole test run: installs it with {@code airflow/install.sh}
 * (idempotent), starts it on loopback with the test DAGs in {@code
 * src/test/resources/airflow/dags}, and stops it, with all its processes, when the run ends. Never
 * skips: without Airflow the tests fail, saying how to install it.
 */
public final class LocalAirflowExtension implements ParameterResolver {
  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == LocalAirflow.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context
        .getRoot()
        .getStore(ExtensionContext.Namespace.GLOBAL)
        .getOrComputeIfAbsent(LocalAirflow.class, key -> startAirflow(), LocalAirflow.class);
  }

  private static LocalAirflow startAirflow() {
    Duration timeout =
        Duration.ofSeconds(Long.getLong("carelake.airflow.startup-timeout-seconds", 600));
    Path airflow = AirflowInstallation.install(AirflowInstallation.repositoryRoot(), timeout);
    LocalAirflow started = LocalAirflow.start(airflow, testDags(), timeout);
    System.out.printf(
        "Local Airflow for integration tests at %s started in %.1fs (home %s)%n",
        started.config().baseUrl(), started.startupTime().toMillis() / 1000.0, started.home());
    return started;
  }

  private static Path testDags() {
    URL dags = LocalAirflowExtension.class.getResource("/airflow/dags");
    if (dags == null) {
      throw new IllegalStateException("test resources have no airflow/dags folder");
    }
    try {
      return Path.of(dags.toURI());
    } catch (URISyntaxException impossible) {
      throw new IllegalStateException(impossible);
    }
  }
}
