package org.carelake.airflow;

/** The DAG exists but has no run with this id, or none for this date. */
public final class DagRunNotFoundException extends AirflowException {
  private static final long serialVersionUID = 1L;

  private final String dagId;

  DagRunNotFoundException(String message, String dagId) {
    super(message);
    this.dagId = dagId;
  }

  public String dagId() {
    return dagId;
  }
}
