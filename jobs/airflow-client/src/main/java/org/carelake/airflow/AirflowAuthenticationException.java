package org.carelake.airflow;

/** Airflow refused the credentials, or the authenticated user may not do what was asked. */
public final class AirflowAuthenticationException extends AirflowException {
  private static final long serialVersionUID = 1L;

  private final int status;

  AirflowAuthenticationException(String message, int status) {
    super(message);
    this.status = status;
  }

  /** The HTTP status Airflow answered with (401 or 403). */
  public int status() {
    return status;
  }
}
