package org.carelake.cli.airflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.carelake.airflow.AirflowClient;
import org.carelake.airflow.DagNotFoundException;
import org.carelake.airflow.local.LocalAirflow;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import picocli.CommandLine;

/** {@code carelake airflow ...} against a real Airflow on loopback with the test DAGs. */
@ExtendWith(SharedLocalAirflow.class)
class AirflowCommandTest {
  /** What one command printed and returned. */
  record Outcome(int status, String out, String err) {}

  private static LocalAirflow airflow;

  @BeforeAll
  static void awaitDags(LocalAirflow localAirflow) throws InterruptedException {
    airflow = localAirflow;
    AirflowClient client = new AirflowClient(localAirflow.config());
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    for (String dagId : List.of("it_succeeds", "it_fails", "it_fails_once", "it_paused")) {
      while (true) {
        try {
          client.dag(dagId);
          break;
        } catch (DagNotFoundException notYet) {
          if (System.nanoTime() > deadline) {
            throw new IllegalStateException(
                "Test DAG " + dagId + " not parsed:\n" + localAirflow.logTails());
          }
          Thread.sleep(500);
        }
      }
    }
  }

  @Test
  void triggerWaitAndStatusOfASucceedingNight() {
    Outcome trigger =
        airflow(
            "trigger", "--dag", "it_succeeds", "--date", "2026-02-01", "--conf", "boroughs=bolton");
    assertThat(trigger.status()).as(trigger.err()).isZero();
    assertThat(trigger.out()).contains("triggered run manual__", "of it_succeeds: queued");

    Outcome wait =
        airflow("wait", "--dag", "it_succeeds", "--date", "2026-02-01", "--poll-seconds", "1");
    assertThat(wait.status()).as(wait.out() + wait.err() + airflow.logTails()).isZero();
    assertThat(wait.out()).contains("touch[0]", "touch[1]", "of it_succeeds: success");

    Outcome status = airflow("status", "--dag", "it_succeeds", "--date", "2026-02-01");
    assertThat(status.status()).isZero();
    assertThat(status.out()).containsPattern("partitions\\s+success\\s+try 1");
  }

  @Test
  void waitExitsOneWhenTheRunFailsAndNamesTheFailedTask() {
    assertThat(airflow("trigger", "--dag", "it_fails", "--date", "2026-02-02").status()).isZero();

    Outcome wait =
        airflow("wait", "--dag", "it_fails", "--date", "2026-02-02", "--poll-seconds", "1");

    assertThat(wait.status()).as(wait.out() + wait.err()).isEqualTo(AirflowCommand.RUN_FAILED);
    assertThat(wait.out())
        .containsPattern("failed:\\s+always_fails\\s+failed\\s+try 1")
        .contains("carelake airflow retry");
  }

  @Test
  void retryClearsTheFailedTasksAndTheRunThenSucceeds() {
    assertThat(airflow("trigger", "--dag", "it_fails_once", "--date", "2026-02-03").status())
        .isZero();
    assertThat(
            airflow("wait", "--dag", "it_fails_once", "--date", "2026-02-03", "--poll-seconds", "1")
                .status())
        .isEqualTo(AirflowCommand.RUN_FAILED);

    Outcome retry = airflow("retry", "--dag", "it_fails_once", "--date", "2026-02-03");
    assertThat(retry.status()).as(retry.err()).isZero();
    assertThat(retry.out()).contains("cleared 2 task(s)", "flaky", "after_flaky");

    Outcome wait =
        airflow("wait", "--dag", "it_fails_once", "--date", "2026-02-03", "--poll-seconds", "1");
    assertThat(wait.status()).as(wait.out() + wait.err()).isZero();
    assertThat(airflow("status", "--dag", "it_fails_once", "--date", "2026-02-03").out())
        .containsPattern("flaky\\s+success\\s+try 2");
    assertThat(airflow("retry", "--dag", "it_fails_once", "--date", "2026-02-03").out())
        .contains("nothing to retry");
  }

  @Test
  void airflowErrorsPrintOneLineAndExitThree() throws IOException {
    assertOneLineError(
        airflow("trigger", "--dag", "no_such_dag", "--date", "2026-02-04"),
        "has no DAG 'no_such_dag'");
    assertOneLineError(
        airflow("trigger", "--dag", "it_paused", "--date", "2026-02-04"), "'it_paused' is paused");
    assertOneLineError(
        airflow("status", "--dag", "it_succeeds", "--date", "1999-01-01"),
        "has no run for 1999-01-01");
    assertOneLineError(
        run(
            "status",
            "--url",
            airflow.config().baseUrl().toString(),
            "--user",
            LocalAirflow.USER,
            "--password",
            "wrong",
            "--dag",
            "it_succeeds",
            "--date",
            "2026-02-01"),
        "refused the credentials of user '" + LocalAirflow.USER + "'");
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    assertOneLineError(
        run(
            "status",
            "--url",
            "http://127.0.0.1:" + closedPort,
            "--user",
            "someone",
            "--password",
            "x",
            "--run-id",
            "r"),
        "Cannot reach Airflow at http://127.0.0.1:" + closedPort);
  }

  @Test
  void badArgumentsExitTwo() {
    assertThat(airflow("trigger", "--dag", "it_succeeds").status()).isEqualTo(2);
    assertThat(airflow("status", "--run-id", "r", "--date", "2026-02-01").status()).isEqualTo(2);
    assertThat(airflow("trigger", "--dag", "it_succeeds", "--date", "24/11/2026").status())
        .isEqualTo(2);
    assertThat(run().status()).isEqualTo(2);
    Outcome noUser =
        run(
            "status",
            "--url",
            airflow.config().baseUrl().toString(),
            "--user",
            " ",
            "--password",
            "x",
            "--run-id",
            "r");
    assertThat(noUser.status()).isEqualTo(2);
    assertThat(noUser.err()).contains("CARELAKE_AIRFLOW_USER");
  }

  @Test
  void importErrorsListsTheBrokenDagFile() {
    Outcome errors = airflow("import-errors");

    assertThat(errors.status()).isEqualTo(AirflowCommand.RUN_FAILED);
    assertThat(errors.out()).contains("it_broken.py: ImportError: it_broken is broken on purpose");
  }

  private static void assertOneLineError(Outcome outcome, String expected) {
    assertThat(outcome.status()).as(outcome.out()).isEqualTo(AirflowCommand.AIRFLOW_ERROR);
    assertThat(outcome.err().strip())
        .doesNotContain("\n")
        .startsWith("carelake airflow ")
        .contains(expected);
  }

  /** Runs a subcommand logged in to the test Airflow. */
  private static Outcome airflow(String subcommand, String... arguments) {
    List<String> all = new ArrayList<>(List.of(subcommand));
    all.addAll(List.of(arguments));
    all.addAll(
        List.of(
            "--url",
            airflow.config().baseUrl().toString(),
            "--user",
            airflow.config().username(),
            "--password",
            airflow.config().password()));
    return run(all.toArray(String[]::new));
  }

  private static Outcome run(String... arguments) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine command = new CommandLine(new AirflowCommand());
    command.setOut(new PrintWriter(out, true));
    command.setErr(new PrintWriter(err, true));
    int status = command.execute(arguments);
    return new Outcome(status, out.toString(), err.toString());
  }
}
