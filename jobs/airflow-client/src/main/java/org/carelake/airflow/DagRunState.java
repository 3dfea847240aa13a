package org.carelake.airflow;

import java.util.Locale;

/** The state of a DAG run, as Airflow reports it; {@link #UNKNOWN} for states newer than us. */
public enum DagRunState {
  QUEUED,
  RUNNING,
  SUCCESS,
  FAILED,
  UNKNOWN;

  /** Parses Airflow's lower-case state name; unrecognised or missing names become UNKNOWN. */
  public static DagRunState fromApi(String name) {
    if (name == null) {
      return UNKNOWN;
    }
    try {
      return valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException unrecognised) {
      return UNKNOWN;
    }
  }

  /** True when the run will not change state again unless someone clears its tasks. */
  public boolean isFinished() {
    return this == SUCCESS || this == FAILED;
  }

  /** The name Airflow uses. */
  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
