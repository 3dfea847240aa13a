package org.carelake.airflow;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * A DAG file that Airflow could not import.
 *
 * @param id Airflow's id for this error
 * @param filename the file, relative to its bundle
 * @param bundleName the DAG bundle the file belongs to
 * @param timestamp when Airflow last tried the file
 * @param stackTrace Python's traceback
 */
public record ImportError(
    long id, String filename, String bundleName, Instant timestamp, String stackTrace) {
  public ImportError {
    requireNonNull(filename, "filename is null");
    requireNonNull(bundleName, "bundleName is null");
    requireNonNull(timestamp, "timestamp is null");
    requireNonNull(stackTrace, "stackTrace is null");
  }

  /** The last line of the traceback, which usually names the exception and its message. */
  public String summary() {
    String[] lines = stackTrace.strip().split("\n");
    return lines.length == 0 ? "" : lines[lines.length - 1].strip();
  }
}
