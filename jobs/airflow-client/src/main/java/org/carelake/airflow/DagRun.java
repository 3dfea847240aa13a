package org.carelake.airflow;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * One run of a DAG.
 *
 * @param dagId the DAG
 * @param runId Airflow's run id, unique within the DAG (for example {@code
 *     manual__2026-11-24T00:00:00+00:00})
 * @param state where the run is
 * @param runType how it was created: {@code manual}, {@code scheduled}, {@code backfill}, ...
 * @param logicalDate the run's logical date; empty for runs created without one
 * @param startDate when it started running
 * @param endDate when it finished
 * @param conf the configuration it was triggered with (JSON values as Jackson reads them)
 */
public record DagRun(
    String dagId,
    String runId,
    DagRunState state,
    String runType,
    Optional<Instant> logicalDate,
    Optional<Instant> startDate,
    Optional<Instant> endDate,
    Map<String, Object> conf) {
  public DagRun {
    requireNonNull(dagId, "dagId is null");
    requireNonNull(runId, "runId is null");
    requireNonNull(state, "state is null");
    requireNonNull(runType, "runType is null");
    requireNonNull(logicalDate, "logicalDate is null");
    requireNonNull(startDate, "startDate is null");
    requireNonNull(endDate, "endDate is null");
    conf = Map.copyOf(requireNonNull(conf, "conf is null"));
  }
}
