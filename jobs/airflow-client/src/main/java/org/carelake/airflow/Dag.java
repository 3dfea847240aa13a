package org.carelake.airflow;

import static java.util.Objects.requireNonNull;

/**
 * What the client needs to know about a DAG.
 *
 * @param dagId the DAG's id
 * @param paused whether the scheduler ignores it; Airflow queues runs of a paused DAG but never
 *     starts them
 * @param hasImportErrors whether its file currently fails to import
 * @param fileLocation the DAG file relative to its bundle, or empty when Airflow does not say
 */
public record Dag(String dagId, boolean paused, boolean hasImportErrors, String fileLocation) {
  public Dag {
    requireNonNull(dagId, "dagId is null");
    requireNonNull(fileLocation, "fileLocation is null");
  }
}
