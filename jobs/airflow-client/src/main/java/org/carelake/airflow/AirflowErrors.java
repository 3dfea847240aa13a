package org.carelake.airflow;

import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;

/** Every user-facing Airflow error is created here, so their wording stays consistent. */
final class AirflowErrors {
  private AirflowErrors() {}

  static AirflowUnreachableException connectionFailed(URI url, Throwable cause) {
    String reason =
        cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    return new AirflowUnreachableException(
        "Cannot reach Airflow at "
            + url
            + " ("
            + reason
            + "). Check that its API server is running and that --url (CARELAKE_AIRFLOW_URL)"
            + " points at it.",
        cause);
  }

  static AirflowUnreachableException noAnswer(URI url, Duration timeout, Throwable cause) {
    return new AirflowUnreachableException(
        "Airflow at "
            + url
            + " did not answer within "
            + timeout.toSeconds()
            + "s. Check that its API server is healthy (GET /api/v2/monitor/health), or raise the"
            + " request timeout.",
        cause);
  }

  static AirflowAuthenticationException badCredentials(URI url, String username, int status) {
    return new AirflowAuthenticationException(
        "Airflow at "
            + url
            + " refused the credentials of user '"
            + username
            + "' (HTTP "
            + status
            + "). Check --user and --password (CARELAKE_AIRFLOW_USER, CARELAKE_AIRFLOW_PASSWORD).",
        status);
  }

  static AirflowAuthenticationException forbidden(
      String method, String path, String username, int status, String detail) {
    return new AirflowAuthenticationException(
        "Airflow refused "
            + method
            + " "
            + path
            + " for user '"
            + username
            + "' (HTTP "
            + status
            + ": "
            + detail
            + "). Ask an Airflow admin for a role that allows it.",
        status);
  }

  static DagNotFoundException dagNotFound(URI url, String dagId) {
    return new DagNotFoundException(
        "Airflow at "
            + url
            + " has no DAG '"
            + dagId
            + "'. Check --dag, and list import errors: a DAG whose file fails to import does not"
            + " exist for Airflow.",
        dagId);
  }

  static DagRunNotFoundException dagRunNotFound(String dagId, String runId) {
    return new DagRunNotFoundException(
        "DAG '" + dagId + "' has no run '" + runId + "'. Check --run-id, or use --date.", dagId);
  }

  static DagRunNotFoundException noRunForDate(String dagId, LocalDate runDate) {
    return new DagRunNotFoundException(
        "DAG '"
            + dagId
            + "' has no run for "
            + runDate
            + ". Trigger one with 'carelake airflow trigger --date "
            + runDate
            + "'.",
        dagId);
  }

  static DagPausedException dagPaused(String dagId) {
    return new DagPausedException(
        "DAG '"
            + dagId
            + "' is paused, so a new run would wait in the queue and never start. Unpause it in"
            + " the Airflow UI (or 'airflow dags unpause "
            + dagId
            + "') and trigger again.",
        dagId);
  }

  static DagRunConflictException conflict(String dagId, String detail) {
    return new DagRunConflictException(
        "Airflow refused because of an existing run of DAG '"
            + dagId
            + "' (HTTP 409: "
            + detail
            + "). A run for this logical date may already exist: follow it with 'status' or"
            + " 'wait', or retry its failed tasks with 'retry'.",
        detail);
  }

  static AirflowHttpException http(String method, String path, int status, String detail) {
    return new AirflowHttpException(
        "Airflow answered " + method + " " + path + " with HTTP " + status + ": " + detail,
        status,
        detail);
  }

  static AirflowResponseException unreadable(String method, String path, Throwable cause) {
    return new AirflowResponseException(
        "Cannot read Airflow's answer to "
            + method
            + " "
            + path
            + " ("
            + cause.getMessage()
            + "). Check that --url points at an Airflow 3 API server.",
        cause);
  }

  static DagRunWaitTimeoutException waitTimedOut(DagRun run, Duration timeout) {
    return new DagRunWaitTimeoutException(
        "Run '"
            + run.runId()
            + "' of DAG '"
            + run.dagId()
            + "' was still "
            + run.state().apiName()
            + " after "
            + timeout.toMinutes()
            + " minutes; it goes on in Airflow. Wait again, or raise --timeout-minutes.",
        run);
  }
}
