package org.carelake.airflow;

/** Airflow knows no DAG with this id (never parsed, deleted, or failing to import). */
public final class DagNotFoundException extends AirflowException {
  private static final long serialVersionUID = 1L;

  private final String dagId;

  DagNotFoundException(String message, String dagId) {
    super(message);
    this.dagId = dagId;
  }

  public String dagId() {
    return dagId;
  }
}
