package org.carelake.airflow;

import java.util.Locale;

/**
 * The state of one task instance. {@link #NONE} is Airflow's {@code null} state (not yet scheduled,
 * or just cleared); {@link #UNKNOWN} stands for states newer than this client.
 */
public enum TaskInstanceState {
  NONE,
  REMOVED,
  SCHEDULED,
  QUEUED,
  RUNNING,
  SUCCESS,
  RESTARTING,
  FAILED,
  UP_FOR_RETRY,
  UP_FOR_RESCHEDULE,
  UPSTREAM_FAILED,
  SKIPPED,
  DEFERRED,
  AWAITING_INPUT,
  UNKNOWN;

  /**
   * Parses Airflow's lower-case state name; {@code null} is NONE, anything unrecognised UNKNOWN.
   */
  public static TaskInstanceState fromApi(String name) {
    if (name == null) {
      return NONE;
    }
    try {
      return valueOf(name.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException unrecognised) {
      return UNKNOWN;
    }
  }

  /** True for the states that clearing failed tasks retries (failed, and blocked by a failure). */
  public boolean isFailure() {
    return this == FAILED || this == UPSTREAM_FAILED;
  }

  /** The name Airflow uses ("none" for its null state). */
  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
