package org.carelake.airflow;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

/**
 * Airflow's REST API v2, as CareLake's data engineers use it: trigger a night, follow it, retry its
 * failed tasks, and see why a DAG file does not import. Thread-safe; one per Airflow.
 */
public final class AirflowClient {
  private static final int PAGE_SIZE = 100;
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final AirflowConnection connection;

  public AirflowClient(AirflowConfig config) {
    this.connection = new AirflowConnection(requireNonNull(config, "config is null"));
  }

  public AirflowConfig config() {
    return connection.config();
  }

  /** The DAG; throws {@link DagNotFoundException} when Airflow does not know it. */
  public Dag dag(String dagId) {
    return read("GET", dagPath(dagId), null, dagId, null, AirflowJson::dag);
  }

  public Dag pause(String dagId) {
    return setPaused(dagId, true);
  }

  public Dag unpause(String dagId) {
    return setPaused(dagId, false);
  }

  private Dag setPaused(String dagId, boolean paused) {
    ObjectNode body = connection.newObject().put("is_paused", paused);
    return read(
        "PATCH", dagPath(dagId) + "?update_mask=is_paused", body, dagId, null, AirflowJson::dag);
  }

  /**
   * Triggers a run. Refuses with {@link DagPausedException} when the DAG is paused, because Airflow
   * would queue the run and never start it.
   */
  public DagRun trigger(String dagId, TriggerRequest request) {
    requireNonNull(request, "request is null");
    if (dag(dagId).paused()) {
      throw AirflowErrors.dagPaused(dagId);
    }
    ObjectNode body = connection.newObject();
    body.put("logical_date", request.logicalDate().toString());
    body.set("conf", MAPPER.valueToTree(request.conf()));
    request.runId().ifPresent(runId -> body.put("dag_run_id", runId));
    return read("POST", dagPath(dagId) + "/dagRuns", body, dagId, null, AirflowJson::dagRun);
  }

  public DagRun dagRun(String dagId, String runId) {
    return read("GET", runPath(dagId, runId), null, dagId, runId, AirflowJson::dagRun);
  }

  /** The runs whose logical date is in {@code [from, until)}, latest logical date first. */
  public List<DagRun> dagRuns(String dagId, Instant from, Instant until) {
    String query =
        "?logical_date_gte="
            + encode(from.toString())
            + "&logical_date_lt="
            + encode(until.toString())
            + "&order_by=-logical_date";
    return pages(dagPath(dagId) + "/dagRuns" + query, "dag_runs", dagId, null, AirflowJson::dagRun);
  }

  /**
   * The latest run for a night, by the nightly DAG's convention ({@link
   * TriggerRequest#forRunDate}): a logical date on the London day after it.
   */
  public DagRun runForDate(String dagId, LocalDate runDate) {
    List<Instant> window = TriggerRequest.logicalDateWindowOf(runDate);
    return dagRuns(dagId, window.get(0), window.get(1)).stream()
        .max(Comparator.comparing(run -> run.logicalDate().orElse(Instant.MIN)))
        .orElseThrow(() -> AirflowErrors.noRunForDate(dagId, runDate));
  }

  /** The run's task instances, one per task and map index, in Airflow's order. */
  public List<TaskInstance> taskInstances(String dagId, String runId) {
    return pages(
        runPath(dagId, runId) + "/taskInstances?order_by=id",
        "task_instances",
        dagId,
        runId,
        AirflowJson::taskInstance);
  }

  public RunSnapshot snapshot(String dagId, String runId) {
    DagRun run = dagRun(dagId, runId);
    return new RunSnapshot(run, taskInstances(dagId, runId));
  }

  /**
   * Clears the run's failed and upstream-failed tasks so the scheduler runs them again (their try
   * numbers go up) and sets the run back to queued. Returns the task instances it cleared; none
   * when nothing had failed.
   */
  public List<TaskInstance> clearFailedTasks(String dagId, String runId) {
    requireNonNull(runId, "runId is null");
    ObjectNode body = connection.newObject();
    body.put("dry_run", false);
    body.put("dag_run_id", runId);
    body.put("only_failed", true);
    body.put("reset_dag_runs", true);
    return read(
        "POST",
        dagPath(dagId) + "/clearTaskInstances",
        body,
        dagId,
        runId,
        node -> AirflowJson.list(node, "task_instances", AirflowJson::taskInstance));
  }

  /** DAG files that currently fail to import, across all bundles. */
  public List<ImportError> importErrors() {
    return pages(
        "/api/v2/importErrors?order_by=id", "import_errors", null, null, AirflowJson::importError);
  }

  /**
   * Polls the run until it succeeds or fails, telling the listener at every look. Throws {@link
   * DagRunWaitTimeoutException} when it is still going after the timeout.
   */
  public RunSnapshot waitForCompletion(
      String dagId, String runId, WaitOptions options, RunProgressListener listener) {
    return new DagRunWaiter(this, options, listener).waitFor(dagId, runId);
  }

  private <T> T read(
      String method,
      String path,
      JsonNode body,
      String dagId,
      String runId,
      Function<JsonNode, T> reader) {
    AirflowConnection.Answer answer = connection.send(method, path, body);
    requireSuccess(method, path, answer, dagId, runId);
    try {
      return reader.apply(answer.body());
    } catch (RuntimeException unreadable) {
      throw AirflowErrors.unreadable(method, path, unreadable);
    }
  }

  private <T> List<T> pages(
      String path, String field, String dagId, String runId, Function<JsonNode, T> reader) {
    List<T> all = new ArrayList<>();
    String separator = path.contains("?") ? "&" : "?";
    while (true) {
      String page = path + separator + "limit=" + PAGE_SIZE + "&offset=" + all.size();
      List<T> items =
          read("GET", page, null, dagId, runId, node -> AirflowJson.list(node, field, reader));
      all.addAll(items);
      if (items.size() < PAGE_SIZE) {
        return List.copyOf(all);
      }
    }
  }

  private void requireSuccess(
      String method, String path, AirflowConnection.Answer answer, String dagId, String runId) {
    if (answer.isSuccess()) {
      return;
    }
    switch (answer.status()) {
      case 401, 403 ->
          throw AirflowErrors.forbidden(
              method, path, connection.config().username(), answer.status(), answer.detail());
      case 404 -> throw notFound(method, path, answer, dagId, runId);
      case 409 -> throw AirflowErrors.conflict(dagId, answer.detail());
      default -> throw AirflowErrors.http(method, path, answer.status(), answer.detail());
    }
  }

  private AirflowException notFound(
      String method, String path, AirflowConnection.Answer answer, String dagId, String runId) {
    if (dagId == null) {
      return AirflowErrors.http(method, path, answer.status(), answer.detail());
    }
    if (runId == null) {
      return AirflowErrors.dagNotFound(connection.config().baseUrl(), dagId);
    }
    dag(dagId); // Throws DagNotFoundException when it is the DAG that is missing.
    return AirflowErrors.dagRunNotFound(dagId, runId);
  }

  private static String dagPath(String dagId) {
    return "/api/v2/dags/" + encode(requireNonNull(dagId, "dagId is null"));
  }

  private static String runPath(String dagId, String runId) {
    return dagPath(dagId) + "/dagRuns/" + encode(requireNonNull(runId, "runId is null"));
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
