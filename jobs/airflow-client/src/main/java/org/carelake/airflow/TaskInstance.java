package org.carelake.airflow;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Optional;

/**
 * One try-able unit of work in a DAG run: a task, or one element of a mapped task.
 *
 * @param taskId the task's id
 * @param mapIndex the element of a mapped task, or {@code -1} for an unmapped task
 * @param state where it is
 * @param tryNumber how many times it has been tried (0 before its first try); clearing and
 *     re-running it increases this
 * @param maxTries how many tries it may have before it fails
 * @param startDate when its latest try started
 * @param endDate when its latest try ended
 */
public record TaskInstance(
    String taskId,
    int mapIndex,
    TaskInstanceState state,
    int tryNumber,
    int maxTries,
    Optional<Instant> startDate,
    Optional<Instant> endDate) {
  /** Airflow's map index for a task that is not mapped. */
  public static final int NOT_MAPPED = -1;

  public TaskInstance {
    requireNonNull(taskId, "taskId is null");
    requireNonNull(state, "state is null");
    requireNonNull(startDate, "startDate is null");
    requireNonNull(endDate, "endDate is null");
    if (mapIndex < NOT_MAPPED) {
      throw new IllegalArgumentException("mapIndex must be -1 (not mapped) or more: " + mapIndex);
    }
  }

  public boolean isMapped() {
    return mapIndex != NOT_MAPPED;
  }

  /** The task id, with the map index for a mapped task: {@code ingest[3]}. */
  public String key() {
    return isMapped() ? taskId + "[" + mapIndex + "]" : taskId;
  }
}
