package org.carelake.airflow.local;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The project's own Airflow: {@code airflow/install.sh} creates (or confirms, in under a second)
 * the virtual environment {@code airflow/.venv}; this finds the repository, runs the script and
 * returns the venv's {@code airflow}.
 */
public final class AirflowInstallation {
  private static final String INSTALL_SCRIPT = "airflow/install.sh";

  private AirflowInstallation() {}

  /**
   * The repository root: the {@code carelake.repository-root} system property if set, else the
   * nearest folder at or above the working directory that holds {@code airflow/install.sh}.
   */
  public static Path repositoryRoot() {
    String configured = System.getProperty("carelake.repository-root");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured).toAbsolutePath().normalize();
    }
    for (Path folder = Path.of("").toAbsolutePath(); folder != null; folder = folder.getParent()) {
      if (Files.isRegularFile(folder.resolve(INSTALL_SCRIPT))) {
        return folder;
      }
    }
    throw new IllegalStateException(
        "Cannot find the CareLake repository (no "
            + INSTALL_SCRIPT
            + " at or above "
            + Path.of("").toAbsolutePath()
            + "); set -Dcarelake.repository-root");
  }

  /**
   * Runs {@code bash airflow/install.sh} (idempotent) and returns the venv's {@code airflow}.
   * Respects {@code CARELAKE_AIRFLOW_VENV} as the script does. Fails, saying to run the script by
   * hand, when it is missing or fails.
   */
  public static Path install(Path repositoryRoot, Duration timeout) {
    requireNonNull(repositoryRoot, "repositoryRoot is null");
    Path script = repositoryRoot.resolve(INSTALL_SCRIPT);
    if (!Files.isRegularFile(script)) {
      throw new IllegalStateException(
          "No "
              + script
              + ": the Airflow integration tests need a real Airflow, installed by "
              + INSTALL_SCRIPT
              + " into airflow/.venv");
    }
    try {
      Path log = Files.createTempFile("carelake-airflow-install-", ".log");
      Process install =
          new ProcessBuilder("bash", script.toString())
              .directory(repositoryRoot.toFile())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      if (!install.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
        install.descendants().forEach(ProcessHandle::destroyForcibly);
        install.destroyForcibly();
        throw new IllegalStateException(
            "'bash "
                + INSTALL_SCRIPT
                + "' did not finish in "
                + timeout.toSeconds()
                + "s; run it by hand. Log: "
                + log);
      }
      if (install.exitValue() != 0) {
        throw new IllegalStateException(
            "'bash "
                + INSTALL_SCRIPT
                + "' failed with exit "
                + install.exitValue()
                + "; run it by hand to see why. Its output:\n"
                + lastLines(log));
      }
      Files.deleteIfExists(log);
    } catch (IOException failed) {
      throw new UncheckedIOException("Cannot run " + script + ": " + failed.getMessage(), failed);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while installing Airflow", interrupted);
    }
    String venv = System.getenv("CARELAKE_AIRFLOW_VENV");
    Path airflow =
        (venv == null || venv.isBlank() ? repositoryRoot.resolve("airflow/.venv") : repositoryRoot.resolve(venv))
            .resolve("bin/airflow");
    if (!Files.isExecutable(airflow)) {
      throw new IllegalStateException(
          INSTALL_SCRIPT
              + " succeeded but left no "
              + airflow
              + "; run 'bash "
              + INSTALL_SCRIPT
              + "' and check its output");
    }
    return airflow;
  }

  private static String lastLines(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
  }
}
