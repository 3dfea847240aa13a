package org.carelake.airflow;

/** A DAG run had not finished when waiting for it timed out; the run goes on in Airflow. */
public final class DagRunWaitTimeoutException extends AirflowException {
  private static final long serialVersionUID = 1L;

  private final DagRun lastSeen;

  DagRunWaitTimeoutException(String message, DagRun lastSeen) {
    super(message);
    this.lastSeen = lastSeen;
  }

  /** The run as it was last seen. */
  public DagRun lastSeen() {
    return lastSeen;
  }
}
