package org.carelake.airflow;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What to trigger: a logical date, the run's configuration and, optionally, its run id.
 *
 * <p>CareLake's nightly DAG processes night {@code D} in the run scheduled at 02:00 Europe/London
 * on day {@code D+1}, or the night named by {@code conf.night}. {@link #forRunDate} follows both:
 * the logical date a scheduled run would have, and {@code {"night": "D"}}; so a manual run and a
 * scheduled run for the same night collide (HTTP 409) instead of running the night twice.
 *
 * @param logicalDate the run's logical date; Airflow allows one run per DAG and logical date
 * @param conf the run's configuration, readable in tasks as {@code dag_run.conf}
 * @param runId a run id to use instead of Airflow's {@code manual__<timestamp>}
 */
public record TriggerRequest(
    Instant logicalDate, Map<String, Object> conf, Optional<String> runId) {
  /** The configuration key the nightly DAG reads the night to process from. */
  public static final String NIGHT_KEY = "night";

  /** Where the nightly DAG's schedule lives: 02:00 Europe/London, the day after the night. */
  public static final ZoneId SCHEDULE_ZONE = ZoneId.of("Europe/London");

  private static final LocalTime SCHEDULED_AT = LocalTime.of(2, 0);

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

  /** A run for one night, with the logical date its scheduled run has and the night in the conf. */
  public static TriggerRequest forRunDate(LocalDate runDate) {
    return new TriggerRequest(
        logicalDateOf(runDate), Map.of(NIGHT_KEY, runDate.toString()), Optional.empty());
  }

  /** The logical date of the scheduled run for a night: 02:00 Europe/London the next day. */
  public static Instant logicalDateOf(LocalDate runDate) {
    LocalDate nextDay = requireNonNull(runDate, "runDate is null").plusDays(1);
    return nextDay.atTime(SCHEDULED_AT).atZone(SCHEDULE_ZONE).toInstant();
  }

  /**
   * The logical dates of every run that processes a night by default: the whole London day after
   * it, as {@code [start, end)}.
   */
  public static List<Instant> logicalDateWindowOf(LocalDate runDate) {
    LocalDate nextDay = requireNonNull(runDate, "runDate is null").plusDays(1);
    return List.of(
        nextDay.atStartOfDay(SCHEDULE_ZONE).toInstant(),
        nextDay.plusDays(1).atStartOfDay(SCHEDULE_ZONE).toInstant());
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
