package org.carelake.airflow;

/**
 * Airflow's API server could not be reached: connection refused, unknown host or no answer in time.
 */
public final class AirflowUnreachableException extends AirflowException {
  private static final long serialVersionUID = 1L;

  AirflowUnreachableException(String message, Throwable cause) {
    super(message, cause);
  }
}
