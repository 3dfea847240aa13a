package org.carelake.airflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.carelake.airflow.local.LocalAirflow;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The client against a real Airflow 3.3 (API server, scheduler, DAG processor) on loopback, with
 * the DAGs in {@code src/test/resources/airflow/dags}.
 */
@ExtendWith(LocalAirflowExtension.class)
class AirflowClientIT {
  private static final WaitOptions QUICKLY =
      new WaitOptions(Duration.ofSeconds(1), Duration.ofMinutes(4));

  private static LocalAirflow airflow;
  private static AirflowClient client;

  @BeforeAll
  static void connect(LocalAirflow localAirflow) {
    airflow = localAirflow;
    client = new AirflowClient(localAirflow.config());
    awaitTestDagsParsed();
  }

  @Test
  void aTriggeredRunSucceedsWithItsMappedTasks() {
    DagRun triggered =
        client.trigger("it_succeeds", TriggerRequest.forRunDate(LocalDate.of(2026, 1, 10)));
    List<String> progress = new ArrayList<>();

    RunSnapshot finished =
        client.waitForCompletion(
            "it_succeeds",
            triggered.runId(),
            QUICKLY,
            (snapshot, previous) ->
                snapshot
                    .changesSince(previous)
                    .forEach(task -> progress.add(task.key() + " " + task.state())));

    assertThat(finished.run().state()).as(airflow.logTails()).isEqualTo(DagRunState.SUCCESS);
    assertThat(finished.run().conf()).containsEntry("night", "2026-01-10");
    assertThat(finished.tasks())
        .extracting(TaskInstance::key)
        .containsExactlyInAnyOrder("partitions", "touch[0]", "touch[1]");
    assertThat(finished.tasks())
        .allSatisfy(
            task -> {
              assertThat(task.state()).isEqualTo(TaskInstanceState.SUCCESS);
              assertThat(task.tryNumber()).isEqualTo(1);
            });
    assertThat(progress).contains("touch[0] SUCCESS", "touch[1] SUCCESS");
    assertThat(client.runForDate("it_succeeds", LocalDate.of(2026, 1, 10)).runId())
        .isEqualTo(triggered.runId());
  }

  @Test
  void aFailingRunIsSeenAsFailedWithItsFailedTask() {
    DagRun triggered =
        client.trigger("it_fails", TriggerRequest.forRunDate(LocalDate.of(2026, 1, 11)));

    RunSnapshot finished =
        client.waitForCompletion("it_fails", triggered.runId(), QUICKLY, RunProgressListener.NONE);

    assertThat(finished.run().state()).as(airflow.logTails()).isEqualTo(DagRunState.FAILED);
    assertThat(finished.failedTasks())
        .singleElement()
        .satisfies(
            task -> {
              assertThat(task.key()).isEqualTo("always_fails");
              assertThat(task.state()).isEqualTo(TaskInstanceState.FAILED);
              assertThat(task.tryNumber()).isEqualTo(1);
            });
  }

  @Test
  void clearingFailedTasksRetriesThemAndTheRunThenSucceeds() {
    DagRun triggered =
        client.trigger("it_fails_once", TriggerRequest.forRunDate(LocalDate.of(2026, 1, 12)));
    RunSnapshot failed =
        client.waitForCompletion(
            "it_fails_once", triggered.runId(), QUICKLY, RunProgressListener.NONE);
    assertThat(failed.run().state()).as(airflow.logTails()).isEqualTo(DagRunState.FAILED);
    assertThat(failed.failedTasks())
        .extracting(TaskInstance::key, TaskInstance::state)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("flaky", TaskInstanceState.FAILED),
            org.assertj.core.groups.Tuple.tuple("after_flaky", TaskInstanceState.UPSTREAM_FAILED));

    List<TaskInstance> cleared = client.clearFailedTasks("it_fails_once", triggered.runId());
    RunSnapshot retried =
        client.waitForCompletion(
            "it_fails_once", triggered.runId(), QUICKLY, RunProgressListener.NONE);

    assertThat(cleared)
        .extracting(TaskInstance::key)
        .containsExactlyInAnyOrder("flaky", "after_flaky");
    assertThat(retried.run().state()).as(airflow.logTails()).isEqualTo(DagRunState.SUCCESS);
    assertThat(retried.tasks())
        .filteredOn(task -> task.taskId().equals("flaky"))
        .singleElement()
        .satisfies(task -> assertThat(task.tryNumber()).isEqualTo(2));
  }

  @Test
  void aSecondRunForTheSameNightIsAConflict() {
    TriggerRequest night = TriggerRequest.forRunDate(LocalDate.of(2026, 1, 13));
    client.trigger("it_succeeds", night);

    assertThatThrownBy(() -> client.trigger("it_succeeds", night))
        .isInstanceOf(DagRunConflictException.class);
  }

  @Test
  void anUnknownDagIsDagNotFound() {
    assertThatThrownBy(
            () ->
                client.trigger("no_such_dag", TriggerRequest.forRunDate(LocalDate.of(2026, 1, 14))))
        .isInstanceOf(DagNotFoundException.class)
        .hasMessageContaining("has no DAG 'no_such_dag'");
    assertThatThrownBy(() -> client.dagRun("it_succeeds", "no_such_run"))
        .isInstanceOf(DagRunNotFoundException.class);
    assertThatThrownBy(() -> client.runForDate("it_succeeds", LocalDate.of(1999, 1, 1)))
        .isInstanceOf(DagRunNotFoundException.class)
        .hasMessageContaining("trigger --date 1999-01-01");
  }

  @Test
  void aPausedDagIsRefused() {
    assertThat(client.dag("it_paused").paused()).isTrue();

    assertThatThrownBy(
            () -> client.trigger("it_paused", TriggerRequest.forRunDate(LocalDate.of(2026, 1, 15))))
        .isInstanceOf(DagPausedException.class)
        .hasMessageContaining("'it_paused' is paused");
    assertThat(
            client.dagRuns(
                "it_paused",
                java.time.Instant.EPOCH,
                java.time.Instant.parse("2100-01-01T00:00:00Z")))
        .isEmpty();
  }

  @Test
  void pauseAndUnpauseRoundTrip() {
    assertThat(client.pause("it_fails").paused()).isTrue();
    assertThat(client.unpause("it_fails").paused()).isFalse();
  }

  @Test
  void badCredentialsAreRefused() {
    AirflowConfig wrongPassword =
        new AirflowConfig(
            airflow.config().baseUrl(),
            LocalAirflow.USER,
            "not-the-password",
            Duration.ofSeconds(5),
            Duration.ofSeconds(30));

    assertThatThrownBy(() -> new AirflowClient(wrongPassword).dag("it_succeeds"))
        .isInstanceOfSatisfying(
            AirflowAuthenticationException.class,
            error -> assertThat(error.status()).isEqualTo(401))
        .hasMessageContaining("refused the credentials of user '" + LocalAirflow.USER + "'");
  }

  @Test
  void anUnreachableServerIsNamed() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    AirflowClient nowhere =
        new AirflowClient(AirflowConfig.of("http://127.0.0.1:" + closedPort, "someone", "x"));

    assertThatThrownBy(() -> nowhere.dag("it_succeeds"))
        .isInstanceOf(AirflowUnreachableException.class)
        .hasMessageContaining("Cannot reach Airflow at http://127.0.0.1:" + closedPort);
  }

  @Test
  void aBrokenDagFileIsListedAsAnImportError() {
    assertThat(client.importErrors())
        .filteredOn(error -> error.filename().endsWith("it_broken.py"))
        .singleElement()
        .satisfies(
            error ->
                assertThat(error.summary())
                    .isEqualTo("ImportError: it_broken is broken on purpose"));
  }

  /** The DAG processor parses the folder shortly after it starts; wait for every test DAG. */
  private static void awaitTestDagsParsed() {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    List<String> dagIds = List.of("it_succeeds", "it_fails", "it_fails_once", "it_paused");
    while (true) {
      try {
        dagIds.forEach(client::dag);
        if (client.importErrors().stream()
            .anyMatch(error -> error.filename().endsWith("it_broken.py"))) {
          return;
        }
      } catch (DagNotFoundException notYet) {
        // keep waiting
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "The test DAGs were not parsed in 2 minutes:\n" + airflow.logTails());
      }
      try {
        Thread.sleep(500);
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(interrupted);
      }
    }
  }
}
