package org.carelake.airflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.carelake.airflow.AirflowFixtures.dag;
import static org.carelake.airflow.AirflowFixtures.dagRun;
import static org.carelake.airflow.AirflowFixtures.taskInstance;
import static org.carelake.airflow.AirflowFixtures.taskInstances;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client's requests and error mapping, against a fake Airflow on loopback. */
class AirflowClientTest {
  private static final String RUN_ID = "manual__2026-11-25T02:00:00+00:00";
  private static final String RUN_PATH =
      "/api/v2/dags/nightly/dagRuns/manual__2026-11-25T02%3A00%3A00%2B00%3A00";

  private FakeAirflowServer airflow;
  private AirflowClient client;

  @BeforeEach
  void startFake() throws IOException {
    airflow = new FakeAirflowServer();
    client = new AirflowClient(AirflowConfig.of(airflow.url(), "engineer", "secret"));
  }

  @AfterEach
  void stopFake() {
    airflow.close();
  }

  @Test
  void triggerLogsInOnceAndPostsTheLogicalDateAndConf() {
    airflow
        .answer("GET", "/api/v2/dags/nightly", 200, dag("nightly", false))
        .answer("POST", "/api/v2/dags/nightly/dagRuns", 200, dagRun("nightly", RUN_ID, "queued"));

    DagRun run = client.trigger("nightly", TriggerRequest.forRunDate(LocalDate.of(2026, 11, 24)));

    assertThat(run.runId()).isEqualTo(RUN_ID);
    assertThat(run.state()).isEqualTo(DagRunState.QUEUED);
    assertThat(run.logicalDate()).contains(Instant.parse("2026-11-25T02:00:00Z"));
    assertThat(run.conf()).isEqualTo(Map.of("night", "2026-11-24"));
    assertThat(airflow.requests("POST", "/auth/token"))
        .singleElement()
        .satisfies(
            login ->
                assertThat(login.body())
                    .contains("\"username\":\"engineer\"", "\"password\":\"secret\""));
    FakeAirflowServer.Request trigger =
        airflow.requests("POST", "/api/v2/dags/nightly/dagRuns").get(0);
    assertThat(trigger.authorization()).isEqualTo("Bearer token-1");
    assertThat(trigger.body())
        .contains(
            "\"logical_date\":\"2026-11-25T02:00:00Z\"", "\"conf\":{\"night\":\"2026-11-24\"}");
  }

  @Test
  void triggerRefusesAPausedDagWithoutCreatingARun() {
    airflow.answer("GET", "/api/v2/dags/nightly", 200, dag("nightly", true));

    assertThatThrownBy(
            () -> client.trigger("nightly", TriggerRequest.forRunDate(LocalDate.of(2026, 11, 24))))
        .isInstanceOf(DagPausedException.class)
        .hasMessageContaining("'nightly' is paused")
        .hasMessageContaining("Unpause it");
    assertThat(airflow.requests("POST", "/api/v2/dags/nightly/dagRuns")).isEmpty();
  }

  @Test
  void badCredentialsNameTheUserAndTheSettingsToFix() {
    airflow.answer("POST", "/auth/token", 401, "{\"detail\": \"Invalid credentials\"}");

    assertThatThrownBy(() -> client.dag("nightly"))
        .isInstanceOf(AirflowAuthenticationException.class)
        .hasMessageContaining("user 'engineer'")
        .hasMessageContaining("HTTP 401")
        .hasMessageContaining("CARELAKE_AIRFLOW_PASSWORD");
  }

  @Test
  void unknownDagIsDagNotFound() {
    airflow.answer(
        "GET", "/api/v2/dags/nope", 404, "{\"detail\": \"The Dag with ID: `nope` was not found\"}");

    assertThatThrownBy(() -> client.dag("nope"))
        .isInstanceOf(DagNotFoundException.class)
        .hasMessageContaining("has no DAG 'nope'")
        .hasMessageContaining(airflow.url());
  }

  @Test
  void missingRunOfAKnownDagIsDagRunNotFound() {
    airflow
        .answer("GET", RUN_PATH, 404, "{\"detail\": \"The DagRun was not found\"}")
        .answer("GET", "/api/v2/dags/nightly", 200, dag("nightly", false));

    assertThatThrownBy(() -> client.dagRun("nightly", RUN_ID))
        .isInstanceOf(DagRunNotFoundException.class)
        .hasMessageContaining("has no run '" + RUN_ID + "'");
  }

  @Test
  void missingRunOfAnUnknownDagIsDagNotFound() {
    airflow.answer("GET", "/api/v2/dags/nightly/dagRuns/x", 404, "{\"detail\": \"Dag not found\"}");

    assertThatThrownBy(() -> client.dagRun("nightly", "x"))
        .isInstanceOf(DagNotFoundException.class);
  }

  @Test
  void anExpiredTokenIsRenewedOnce() {
    airflow
        .answer("GET", "/api/v2/dags/nightly", 200, dag("nightly", false))
        .answer("POST", "/auth/token", 201, "{\"access_token\": \"token-1\"}")
        .thenAnswer("POST", "/auth/token", 201, "{\"access_token\": \"token-2\"}");
    client.dag("nightly");
    airflow
        .answer("GET", "/api/v2/dags/nightly", 401, "{\"detail\": \"Token Expired\"}")
        .thenAnswer("GET", "/api/v2/dags/nightly", 200, dag("nightly", true));

    assertThat(client.dag("nightly").paused()).isTrue();

    List<FakeAirflowServer.Request> dagReads = airflow.requests("GET", "/api/v2/dags/nightly");
    assertThat(dagReads)
        .extracting(FakeAirflowServer.Request::authorization)
        .containsExactly("Bearer token-1", "Bearer token-1", "Bearer token-2");
  }

  @Test
  void aTokenRefusedAgainAfterRenewalIsAnAuthenticationError() {
    airflow.answer("GET", "/api/v2/dags/nightly", 200, dag("nightly", false));
    client.dag("nightly");
    airflow.answer("GET", "/api/v2/dags/nightly", 401, "{\"detail\": \"Token Expired\"}");

    assertThatThrownBy(() -> client.dag("nightly"))
        .isInstanceOf(AirflowAuthenticationException.class)
        .hasMessageContaining("HTTP 401: Token Expired");
    assertThat(airflow.requests("POST", "/auth/token")).hasSize(2);
  }

  @Test
  void forbiddenIsNotRetried() {
    airflow.answer("GET", "/api/v2/importErrors", 403, "{\"detail\": \"Forbidden\"}");

    assertThatThrownBy(() -> client.importErrors())
        .isInstanceOf(AirflowAuthenticationException.class)
        .hasMessageContaining("Ask an Airflow admin");
    assertThat(airflow.requests("POST", "/auth/token")).hasSize(1);
  }

  @Test
  void otherHttpErrorsCarryStatusAndDetail() {
    airflow.answer("GET", "/api/v2/dags/nightly", 500, "{\"detail\": \"database is locked\"}");

    assertThatThrownBy(() -> client.dag("nightly"))
        .isInstanceOfSatisfying(
            AirflowHttpException.class,
            error -> {
              assertThat(error.status()).isEqualTo(500);
              assertThat(error.detail()).isEqualTo("database is locked");
            })
        .hasMessageContaining("HTTP 500: database is locked");
  }

  @Test
  void aSecondRunForTheSameNightIsAConflict() {
    airflow
        .answer("GET", "/api/v2/dags/nightly", 200, dag("nightly", false))
        .answer(
            "POST",
            "/api/v2/dags/nightly/dagRuns",
            409,
            "{\"detail\": {\"reason\": \"Unique constraint violation\"}}");

    assertThatThrownBy(
            () -> client.trigger("nightly", TriggerRequest.forRunDate(LocalDate.of(2026, 11, 24))))
        .isInstanceOf(DagRunConflictException.class)
        .hasMessageContaining("Unique constraint violation")
        .hasMessageContaining("'retry'");
  }

  @Test
  void refusedConnectionNamesTheUrl() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    AirflowClient nowhere =
        new AirflowClient(AirflowConfig.of("http://127.0.0.1:" + closedPort, "engineer", "secret"));

    assertThatThrownBy(() -> nowhere.dag("nightly"))
        .isInstanceOf(AirflowUnreachableException.class)
        .hasMessageContaining("Cannot reach Airflow at http://127.0.0.1:" + closedPort)
        .hasMessageContaining("--url");
  }

  @Test
  void aServerThatDoesNotAnswerInTimeIsUnreachable() {
    airflow.answerSlowly("GET", "/api/v2/dags/nightly", 2_000);
    AirflowClient impatient =
        new AirflowClient(
            AirflowConfig.of(airflow.url(), "engineer", "secret")
                .withRequestTimeout(Duration.ofMillis(200)));

    assertThatThrownBy(() -> impatient.dag("nightly"))
        .isInstanceOf(AirflowUnreachableException.class)
        .hasMessageContaining("did not answer within");
  }

  @Test
  void aNonJsonSuccessIsUnreadable() {
    airflow.answer("GET", "/api/v2/dags/nightly", 200, "<html>login</html>");

    assertThatThrownBy(() -> client.dag("nightly"))
        .isInstanceOf(AirflowResponseException.class)
        .hasMessageContaining("Airflow 3 API server");
  }

  @Test
  void taskInstancesKeepMapIndexTryNumberAndUnknownStates() {
    airflow.answer(
        "GET",
        RUN_PATH + "/taskInstances",
        200,
        taskInstances(
            taskInstance("plan", -1, "success", 1),
            taskInstance("ingest", 0, "up_for_retry", 2),
            taskInstance("ingest", 1, null, 0),
            taskInstance("publish", -1, "some_future_state", 1)));

    List<TaskInstance> tasks = client.taskInstances("nightly", RUN_ID);

    assertThat(tasks)
        .extracting(TaskInstance::key, TaskInstance::state, TaskInstance::tryNumber)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("plan", TaskInstanceState.SUCCESS, 1),
            org.assertj.core.groups.Tuple.tuple("ingest[0]", TaskInstanceState.UP_FOR_RETRY, 2),
            org.assertj.core.groups.Tuple.tuple("ingest[1]", TaskInstanceState.NONE, 0),
            org.assertj.core.groups.Tuple.tuple("publish", TaskInstanceState.UNKNOWN, 1));
    assertThat(tasks.get(0).startDate()).contains(Instant.parse("2026-11-25T02:00:03.25Z"));
  }

  @Test
  void listsArePagedUntilAShortPage() {
    List<String> errors = new ArrayList<>();
    for (int id = 1; id <= 101; id++) {
      errors.add(
          "{\"import_error_id\": %d, \"timestamp\": \"2026-11-25T01:00:00Z\", \"filename\": \"f%d.py\", \"bundle_name\": \"dags-folder\", \"stack_trace\": \"Traceback\\nImportError: nope\\n\"}"
              .formatted(id, id));
    }
    airflow
        .answer(
            "GET",
            "/api/v2/importErrors?order_by=id&limit=100&offset=0",
            200,
            "{\"import_errors\": ["
                + String.join(",", errors.subList(0, 100))
                + "], \"total_entries\": 101}")
        .answer(
            "GET",
            "/api/v2/importErrors?order_by=id&limit=100&offset=100",
            200,
            "{\"import_errors\": [" + errors.get(100) + "], \"total_entries\": 101}");

    List<ImportError> importErrors = client.importErrors();

    assertThat(importErrors).hasSize(101);
    assertThat(importErrors.get(100).filename()).isEqualTo("f101.py");
    assertThat(importErrors.get(100).summary()).isEqualTo("ImportError: nope");
  }

  @Test
  void clearFailedTasksIsNotADryRun() {
    airflow.answer(
        "POST",
        "/api/v2/dags/nightly/clearTaskInstances",
        200,
        taskInstances(taskInstance("ingest", 3, null, 1)));

    List<TaskInstance> cleared = client.clearFailedTasks("nightly", RUN_ID);

    assertThat(cleared).extracting(TaskInstance::key).containsExactly("ingest[3]");
    assertThat(airflow.requests("POST", "/api/v2/dags/nightly/clearTaskInstances").get(0).body())
        .contains(
            "\"dry_run\":false",
            "\"dag_run_id\":\"" + RUN_ID + "\"",
            "\"only_failed\":true",
            "\"reset_dag_runs\":true");
  }

  @Test
  void waitForCompletionReportsEachLookUntilTheRunEnds() {
    airflow
        .answer("GET", RUN_PATH, 200, dagRun("nightly", RUN_ID, "queued"))
        .thenAnswer("GET", RUN_PATH, 200, dagRun("nightly", RUN_ID, "running"))
        .thenAnswer("GET", RUN_PATH, 200, dagRun("nightly", RUN_ID, "failed"))
        .answer(
            "GET",
            RUN_PATH + "/taskInstances",
            200,
            taskInstances(taskInstance("ingest", -1, null, 0)))
        .thenAnswer(
            "GET",
            RUN_PATH + "/taskInstances",
            200,
            taskInstances(taskInstance("ingest", -1, "running", 1)))
        .thenAnswer(
            "GET",
            RUN_PATH + "/taskInstances",
            200,
            taskInstances(taskInstance("ingest", -1, "failed", 1)));
    List<String> changes = new ArrayList<>();

    RunSnapshot last =
        client.waitForCompletion(
            "nightly",
            RUN_ID,
            new WaitOptions(Duration.ofMillis(10), Duration.ofMinutes(1)),
            (snapshot, previous) ->
                snapshot
                    .changesSince(previous)
                    .forEach(task -> changes.add(task.key() + " " + task.state())));

    assertThat(last.run().state()).isEqualTo(DagRunState.FAILED);
    assertThat(last.failedTasks()).extracting(TaskInstance::key).containsExactly("ingest");
    assertThat(changes).containsExactly("ingest NONE", "ingest RUNNING", "ingest FAILED");
  }

  @Test
  void waitForCompletionGivesUpAfterItsTimeout() {
    airflow
        .answer("GET", RUN_PATH, 200, dagRun("nightly", RUN_ID, "running"))
        .answer("GET", RUN_PATH + "/taskInstances", 200, taskInstances());

    assertThatThrownBy(
            () ->
                client.waitForCompletion(
                    "nightly",
                    RUN_ID,
                    new WaitOptions(Duration.ofMillis(20), Duration.ofMillis(100)),
                    RunProgressListener.NONE))
        .isInstanceOfSatisfying(
            DagRunWaitTimeoutException.class,
            timeout -> assertThat(timeout.lastSeen().state()).isEqualTo(DagRunState.RUNNING))
        .hasMessageContaining("still running");
  }
}
