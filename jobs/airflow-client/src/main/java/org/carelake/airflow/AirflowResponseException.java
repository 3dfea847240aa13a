package org.carelake.airflow;

/** Airflow answered with a body this client cannot read (not JSON, or missing a field it needs). */
public final class AirflowResponseException extends AirflowException {
  private static final long serialVersionUID = 1L;

  AirflowResponseException(String message, Throwable cause) {
    super(message, cause);
  }
}
