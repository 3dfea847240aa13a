package org.carelake.airflow;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * How to wait for a DAG run.
 *
 * @param pollInterval how long to sleep between looks
 * @param timeout how long to wait in all before giving up (the run goes on in Airflow)
 */
public record WaitOptions(Duration pollInterval, Duration timeout) {
  /** Pinned default: look every 10 seconds. */
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(10);

  /** Pinned default: give up after 8 hours, longer than a night's run should take. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofHours(8);

  public WaitOptions {
    requireNonNull(pollInterval, "pollInterval is null");
    requireNonNull(timeout, "timeout is null");
    if (pollInterval.isNegative() || pollInterval.isZero()) {
      throw new IllegalArgumentException("pollInterval must be positive: " + pollInterval);
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
  }

  public static WaitOptions defaults() {
    return new WaitOptions(DEFAULT_POLL_INTERVAL, DEFAULT_TIMEOUT);
  }
}
