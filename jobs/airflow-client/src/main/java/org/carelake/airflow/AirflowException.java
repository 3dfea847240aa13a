package org.carelake.airflow;

/**
 * Anything that went wrong talking to Airflow. Subclasses name the case; every message says what
 * was wrong and what to do, so a command line can print it as it is. Created in {@link
 * AirflowErrors}.
 */
public abstract class AirflowException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  AirflowException(String message) {
    super(message);
  }

  AirflowException(String message, Throwable cause) {
    super(message, cause);
  }
}
