package org.carelake.airflow;

/**
 * JSON answers shaped like Airflow 3.3's, trimmed to the fields the client reads plus a few more.
 */
final class AirflowFixtures {
  private AirflowFixtures() {}

  static String dag(String dagId, boolean paused) {
    return """
    {"dag_id": "%s", "dag_display_name": "%s", "is_paused": %s, "is_stale": false,
     "has_import_errors": false, "relative_fileloc": "%s.py", "tags": []}
    """
        .formatted(dagId, dagId, paused, dagId);
  }

  static String dagRun(String dagId, String runId, String state) {
    return """
    {"dag_run_id": "%s", "dag_id": "%s", "logical_date": "2026-11-25T02:00:00Z",
     "queued_at": "2026-11-25T02:00:01.5Z", "start_date": null, "end_date": null,
     "run_type": "manual", "state": "%s", "triggered_by": "rest_api",
     "conf": {"night": "2026-11-24"}, "note": null}
    """
        .formatted(runId, dagId, state);
  }

  static String taskInstance(String taskId, int mapIndex, String state, int tryNumber) {
    String stateJson = state == null ? "null" : "\"" + state + "\"";
    return """
    {"id": "01a2", "task_id": "%s", "map_index": %d, "state": %s, "try_number": %d,
     "max_tries": 1, "start_date": "2026-11-25T02:00:03.25+00:00", "end_date": null,
     "operator": "_PythonDecorated"}
    """
        .formatted(taskId, mapIndex, stateJson, tryNumber);
  }

  static String taskInstances(String... taskInstances) {
    return "{\"task_instances\": ["
        + String.join(",", taskInstances)
        + "], \"total_entries\": "
        + taskInstances.length
        + "}";
  }
}
