package org.carelake.gold;

import java.time.Duration;
import java.util.List;

/**
 * What the gold stage published, and how many persons each opt-out list kept out of it (by list
 * id; counts only).
 */
public record GoldResult(List<GoldTableOutcome> tables, java.util.Map<String, Long> optedOutPersons, Duration duration)
    implements org.carelake.nightly.StageResult {
  public GoldResult {
    tables = List.copyOf(tables);
    optedOutPersons = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(optedOutPersons));
  }

  @Override
  public String summaryLine() {
    return tables.stream()
        .map(t -> t.table() + (t.skipped() ? " unchanged" : " v" + t.version() + " (" + t.rows() + " rows)"))
        .collect(java.util.stream.Collectors.joining(", "))
        + "; opted out: " + optedOutPersons.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
            .collect(java.util.stream.Collectors.joining(", "))
        + " (persons excluded)";
  }

  @Override
  public java.util.Map<String, Long> tableVersions() {
    java.util.Map<String, Long> versions = new java.util.TreeMap<>();
    tables.forEach(t -> versions.put(t.table(), t.version()));
    return versions;
  }
}
