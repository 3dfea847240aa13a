package org.carelake.gold;

import java.time.Duration;
import java.util.List;

/** What the gold stage published. */
public record GoldResult(List<GoldTableOutcome> tables, Duration duration) implements org.carelake.nightly.StageResult {
  public GoldResult {
    tables = List.copyOf(tables);
  }

  @Override
  public String summaryLine() {
    return tables.stream()
        .map(t -> t.table() + (t.skipped() ? " unchanged" : " v" + t.version() + " (" + t.rows() + " rows)"))
        .collect(java.util.stream.Collectors.joining(", "));
  }

  @Override
  public java.util.Map<String, Long> tableVersions() {
    java.util.Map<String, Long> versions = new java.util.TreeMap<>();
    tables.forEach(t -> versions.put(t.table(), t.version()));
    return versions;
  }
}
