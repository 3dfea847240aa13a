package org.carelake.airflow;

/**
 * Airflow refused because of the state of an existing run, for example a run for the same logical
 * date.
 */
public final class DagRunConflictException extends AirflowException {
  private static final long serialVersionUID = 1L;

  private final String detail;

  DagRunConflictException(String message, String detail) {
    super(message);
    this.detail = detail;
  }

  /** What Airflow said. */
  public String detail() {
    return detail;
  }
}
