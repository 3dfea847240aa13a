package org.carelake.airflow;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What to trigger: a logical date, the run's configuration and, optionally, its run id.
 *
 * <p>CareLake's convention for a night's run date {@code D} (see {@link #forRunDate}): logical date
 * {@code D}T00:00Z and {@code conf.run_date = "D"}, so {@code {{ ds }}} in the DAG is the run date.
 *
 * @param logicalDate the run's logical date; Airflow allows one run per DAG and logical date
 * @param conf the run's configuration, readable in tasks as {@code dag_run.conf}
 * @param runId a run id to use instead of Airflow's {@code manual__<timestamp>}
 */
public record TriggerRequest(Instant logicalDate, Map<String, Object> conf, Optional<String> runId) {
  /** The key under which {@link #forRunDate} puts the run date into the run's configuration. */
  public static final String RUN_DATE_KEY = "run_date";

  public TriggerRequest {
    requireNonNull(logicalDate, "logicalDate is null");
    conf = Map.copyOf(requireNonNull(conf, "conf is null"));
    requireNonNull(runId, "runId is null");
    runId.ifPresent(
        id -> {
          if (id.isBlank()) {
            throw new IllegalArgumentException("runId is blank");
          }
        });
  }

  /** A run for one night: logical date at the start of the day in UTC, run date in the conf. */
  public static TriggerRequest forRunDate(LocalDate runDate) {
    return new TriggerRequest(
        logicalDateOf(runDate), Map.of(RUN_DATE_KEY, runDate.toString()), Optional.empty());
  }

  /** The logical date CareLake uses for a run date. */
  public static Instant logicalDateOf(LocalDate runDate) {
    return requireNonNull(runDate, "runDate is null").atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  /** This request with one more configuration entry (replacing one with the same key). */
  public TriggerRequest withConf(String key, Object value) {
    requireNonNull(key, "key is null");
    requireNonNull(value, "value is null");
    Map<String, Object> merged = new LinkedHashMap<>(conf);
    merged.put(key, value);
    return new TriggerRequest(logicalDate, merged, runId);
  }

  public TriggerRequest withRunId(String runId) {
    return new TriggerRequest(logicalDate, conf, Optional.of(runId));
  }
}
