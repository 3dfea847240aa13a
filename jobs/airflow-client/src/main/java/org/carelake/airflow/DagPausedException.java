package org.carelake.airflow;

/**
 * The DAG is paused, so a run triggered now would wait in the queue forever; the client refuses.
 */
public final class DagPausedException extends AirflowException {
  private static final long serialVersionUID = 1L;

  private final String dagId;

  DagPausedException(String message, String dagId) {
    super(message);
    this.dagId = dagId;
  }

  public String dagId() {
    return dagId;
  }
}
