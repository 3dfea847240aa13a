package org.carelake.airflow;

/**
 * Airflow answered with an HTTP error that has no more specific exception; carries its status and
 * detail.
 */
public final class AirflowHttpException extends AirflowException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String detail;

  AirflowHttpException(String message, int status, String detail) {
    super(message);
    this.status = status;
    this.detail = detail;
  }

  public int status() {
    return status;
  }

  /** Airflow's {@code detail}, or the start of the body when it had none. */
  public String detail() {
    return detail;
  }
}
