package org.carelake.run;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Identifies one run of a night: the night's date and the moment the run started (UTC). */
public record RunId(String value) {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  public RunId {
    requireNonNull(value, "value is null");
    if (!value.matches("[A-Za-z0-9_.:-]+")) {
      throw new IllegalArgumentException("run id may hold letters, digits and _ . : - only");
    }
  }

  public static RunId of(LocalDate night, Instant startedAt) {
    return new RunId("night-" + night + "-" + STAMP.format(startedAt));
  }

  /**
   * A run over part of the night (one borough, one feed): the scope is in the id, so the Airflow
   * DAG's ingest tasks for different boroughs, started in the same second, still have ids of their
   * own. Two runs of the same scope never run at once (the run lock).
   */
  public static RunId of(LocalDate night, Instant startedAt, java.util.Optional<String> borough, java.util.Optional<String> feed) {
    return new RunId(of(night, startedAt).value() + borough.map(b -> "-" + b).orElse("") + feed.map(f -> "-" + f).orElse(""));
  }

  @Override
  public String toString() {
    return value;
  }
}
