package org.carelake.airflow.local;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.carelake.airflow.AirflowConfig;

/**
 * A throwaway Airflow on loopback: API server, scheduler and DAG processor from a virtual
 * environment, with a fresh {@code AIRFLOW_HOME} (sqlite, LocalExecutor, SimpleAuthManager with one
 * admin user) and a given DAG folder. For integration tests and for trying DAGs locally; {@link
 * #close()} stops every process it started, children included, and deletes the home.
 */
public final class LocalAirflow implements AutoCloseable {
  /** The admin user the local Airflow knows. */
  public static final String USER = "carelake-local";

  private static final List<String> COMPONENTS =
      List.of("api-server", "scheduler", "dag-processor");

  private final AirflowConfig config;
  private final Path home;
  private final List<Process> processes;
  private final Duration startupTime;

  private LocalAirflow(
      AirflowConfig config, Path home, List<Process> processes, Duration startupTime) {
    this.config = config;
    this.home = home;
    this.processes = processes;
    this.startupTime = startupTime;
  }

  /**
   * Starts Airflow and waits until its API server reports the metadata database, scheduler and DAG
   * processor healthy.
   *
   * @param airflowExecutable {@code <venv>/bin/airflow}
   * @param dagsFolder the DAG files to serve
   * @param timeout how long to wait for the whole start
   */
  public static LocalAirflow start(Path airflowExecutable, Path dagsFolder, Duration timeout) {
    requireNonNull(airflowExecutable, "airflowExecutable is null");
    requireNonNull(dagsFolder, "dagsFolder is null");
    if (!Files.isExecutable(airflowExecutable)) {
      throw new IllegalStateException(
          "No Airflow at " + airflowExecutable + "; run 'bash airflow/install.sh' to install it");
    }
    if (!Files.isDirectory(dagsFolder)) {
      throw new IllegalArgumentException("DAG folder does not exist: " + dagsFolder);
    }
    long started = System.nanoTime();
    long deadline = started + timeout.toNanos();
    try {
      Path home = Files.createTempDirectory("carelake-airflow-");
      String password = HexFormat.of().formatHex(randomBytes(12));
      Files.writeString(
          home.resolve("passwords.json"), "{\"" + USER + "\": \"" + password + "\"}\n");
      int port = freePort();
      Map<String, String> environment = environment(home, dagsFolder, port);
      run(
          List.of(airflowExecutable.toString(), "db", "migrate"),
          environment,
          home.resolve("db-migrate.log"),
          deadline);
      List<Process> processes = new ArrayList<>();
      LocalAirflow airflow =
          new LocalAirflow(
              AirflowConfig.of("http://127.0.0.1:" + port, USER, password),
              home,
              processes,
              Duration.ZERO);
      try {
        for (String component : COMPONENTS) {
          List<String> command = new ArrayList<>(List.of(airflowExecutable.toString(), component));
          if (component.equals("api-server")) {
            command.addAll(
                List.of("--host", "127.0.0.1", "--port", Integer.toString(port), "--workers", "1"));
          }
          processes.add(launch(command, environment, home.resolve(component + ".log")));
        }
        airflow.awaitHealthy(deadline);
      } catch (RuntimeException failed) {
        airflow.close();
        throw failed;
      }
      return new LocalAirflow(
          airflow.config, home, processes, Duration.ofNanos(System.nanoTime() - started));
    } catch (IOException failed) {
      throw new UncheckedIOException(
          "Cannot prepare a local Airflow: " + failed.getMessage(), failed);
    }
  }

  /** Where the API server listens, and the admin's credentials. */
  public AirflowConfig config() {
    return config;
  }

  /** The temporary AIRFLOW_HOME, with each component's log ({@code scheduler.log}, ...). */
  public Path home() {
    return home;
  }

  /** How long {@link #start} took. */
  public Duration startupTime() {
    return startupTime;
  }

  /** The last lines of every component's log, to explain a failure. */
  public String logTails() {
    StringBuilder tails = new StringBuilder();
    for (String component : COMPONENTS) {
      tails
          .append("--- ")
          .append(component)
          .append(".log ---\n")
          .append(tail(home.resolve(component + ".log"), 30));
    }
    return tails.toString();
  }

  @Override
  public void close() {
    for (Process process : processes) {
      process.descendants().forEach(ProcessHandle::destroy);
      process.destroy();
    }
    for (Process process : processes) {
      try {
        if (!process.waitFor(15, TimeUnit.SECONDS)) {
          process.descendants().forEach(ProcessHandle::destroyForcibly);
          process.destroyForcibly();
        }
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
      }
      process.descendants().forEach(ProcessHandle::destroyForcibly);
    }
    deleteRecursively(home);
  }

  private static void deleteRecursively(Path folder) {
    try (var paths = Files.walk(folder)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException | UncheckedIOException ignored) {
      // A leftover temporary folder is harmless.
    }
  }

  private void awaitHealthy(long deadline) {
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    URI health = URI.create(config.baseUrl() + "/api/v2/monitor/health");
    String last = "no answer yet";
    while (System.nanoTime() < deadline) {
      for (int index = 0; index < processes.size(); index++) {
        if (!processes.get(index).isAlive()) {
          throw new IllegalStateException(
              "Local Airflow's "
                  + COMPONENTS.get(index)
                  + " exited with "
                  + processes.get(index).exitValue()
                  + " while starting:\n"
                  + logTails());
        }
      }
      try {
        HttpResponse<String> response =
            http.send(
                HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString());
        last = response.statusCode() + " " + response.body();
        if (response.statusCode() == 200 && isHealthy(response.body())) {
          return;
        }
      } catch (IOException notYet) {
        last = notYet.toString();
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while Airflow was starting", interrupted);
      }
      pause(Duration.ofMillis(500));
    }
    throw new IllegalStateException(
        "Local Airflow was not healthy in time (last health: " + last + "):\n" + logTails());
  }

  private static boolean isHealthy(String body) {
    String compact = body.replace(" ", "");
    return compact.contains("\"metadatabase\":{\"status\":\"healthy\"")
        && compact.contains("\"scheduler\":{\"status\":\"healthy\"")
        && compact.contains("\"dag_processor\":{\"status\":\"healthy\"");
  }

  private static Map<String, String> environment(Path home, Path dagsFolder, int port) {
    String baseUrl = "http://127.0.0.1:" + port;
    return Map.ofEntries(
        Map.entry("AIRFLOW_HOME", home.toString()),
        Map.entry("AIRFLOW__CORE__DAGS_FOLDER", dagsFolder.toAbsolutePath().toString()),
        Map.entry("AIRFLOW__CORE__LOAD_EXAMPLES", "False"),
        Map.entry("AIRFLOW__CORE__EXECUTOR", "LocalExecutor"),
        Map.entry("AIRFLOW__CORE__PARALLELISM", "4"),
        Map.entry("AIRFLOW__CORE__DAGS_ARE_PAUSED_AT_CREATION", "False"),
        Map.entry(
            "AIRFLOW__CORE__AUTH_MANAGER",
            "airflow.api_fastapi.auth.managers.simple.simple_auth_manager.SimpleAuthManager"),
        Map.entry("AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS", USER + ":admin"),
        Map.entry(
            "AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE",
            home.resolve("passwords.json").toString()),
        Map.entry("AIRFLOW__CORE__EXECUTION_API_SERVER_URL", baseUrl + "/execution/"),
        Map.entry("AIRFLOW__API__BASE_URL", baseUrl),
        Map.entry("AIRFLOW__API__WORKERS", "1"),
        // Every component must sign and check the same tokens; a fresh secret per instance.
        Map.entry("AIRFLOW__API_AUTH__JWT_SECRET", HexFormat.of().formatHex(randomBytes(32))),
        Map.entry("AIRFLOW__DATABASE__SQL_ALCHEMY_CONN", "sqlite:///" + home.resolve("airflow.db")),
        Map.entry("AIRFLOW__DAG_PROCESSOR__REFRESH_INTERVAL", "5"),
        Map.entry("AIRFLOW__SCHEDULER__SCHEDULER_HEARTBEAT_SEC", "2"),
        Map.entry("AIRFLOW__LOGGING__BASE_LOG_FOLDER", home.resolve("task-logs").toString()));
  }

  private static Process launch(List<String> command, Map<String, String> environment, Path log)
      throws IOException {
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.directory(Path.of(environment.get("AIRFLOW_HOME")).toFile());
    // Nothing from the caller's own Airflow may leak in.
    builder.environment().keySet().removeIf(name -> name.startsWith("AIRFLOW"));
    builder.environment().putAll(environment);
    return builder.start();
  }

  private static void run(
      List<String> command, Map<String, String> environment, Path log, long deadline)
      throws IOException {
    Process process = launch(command, environment, log);
    try {
      long remaining = Math.max(1, deadline - System.nanoTime());
      if (!process.waitFor(remaining, TimeUnit.NANOSECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(
            "'" + String.join(" ", command) + "' did not finish in time:\n" + tail(log, 30));
      }
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      throw new IllegalStateException("interrupted while running " + command, interrupted);
    }
    if (process.exitValue() != 0) {
      throw new IllegalStateException(
          "'"
              + String.join(" ", command)
              + "' failed with exit "
              + process.exitValue()
              + ":\n"
              + tail(log, 30));
    }
  }

  private static String tail(Path log, int lines) {
    try {
      List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size())) + "\n";
    } catch (IOException | UncheckedIOException unreadable) {
      return "(no log at " + log + ")\n";
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static byte[] randomBytes(int count) {
    byte[] bytes = new byte[count];
    new SecureRandom().nextBytes(bytes);
    return bytes;
  }

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while Airflow was starting", interrupted);
    }
  }
}
