package org.carelake.airflow;

import static java.util.Objects.requireNonNull;

import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A DAG run and its task instances, as seen at one moment.
 *
 * @param run the run
 * @param tasks its task instances, one per task and map index
 */
public record RunSnapshot(DagRun run, List<TaskInstance> tasks) {
  public RunSnapshot {
    requireNonNull(run, "run is null");
    tasks = List.copyOf(requireNonNull(tasks, "tasks is null"));
  }

  /** The tasks that failed, or could not run because an upstream task failed. */
  public List<TaskInstance> failedTasks() {
    return tasks.stream().filter(task -> task.state().isFailure()).toList();
  }

  /** How many task instances are in each state. */
  public Map<TaskInstanceState, Integer> countsByState() {
    Map<TaskInstanceState, Integer> counts = new EnumMap<>(TaskInstanceState.class);
    tasks.forEach(task -> counts.merge(task.state(), 1, Integer::sum));
    return counts;
  }

  /**
   * The task instances that are new, or whose state or try number differ from {@code previous}; all
   * of them when there is no previous snapshot.
   */
  public List<TaskInstance> changesSince(RunSnapshot previous) {
    if (previous == null) {
      return tasks;
    }
    Map<String, TaskInstance> before = new HashMap<>();
    previous.tasks().forEach(task -> before.put(task.key(), task));
    return tasks.stream()
        .filter(
            task -> {
              TaskInstance old = before.get(task.key());
              return old == null
                  || old.state() != task.state()
                  || !Objects.equals(old.tryNumber(), task.tryNumber());
            })
        .toList();
  }
}
