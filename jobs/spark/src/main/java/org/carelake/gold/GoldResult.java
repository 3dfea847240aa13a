package org.carelake.gold;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What the gold stage published, and how many persons each opt-out list kept out of it (by list
 * id; counts only). {@code gateTime} is the part of the stage spent in the identifier-leak gate.
 * A table the gate stopped fails the night ({@link #gateFailure}) after the other tables are published.
 */
public record GoldResult(
    List<GoldTableOutcome> tables, java.util.Map<String, Long> optedOutPersons, Duration duration, Duration gateTime)
    implements org.carelake.nightly.StageResult {
  public GoldResult {
    tables = List.copyOf(tables);
    optedOutPersons = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(optedOutPersons));
  }

  @Override
  public String summaryLine() {
    return tables.stream()
        .map(t -> t.table() + (t.held() ? " NOT PUBLISHED (identifier-leak gate)"
            : t.skipped() ? " unchanged" : " v" + t.version() + " (" + t.rows() + " rows)"))
        .collect(Collectors.joining(", "))
        + "; opted out: " + optedOutPersons.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
            .collect(Collectors.joining(", "))
        + " (persons excluded); leak gate " + String.format(java.util.Locale.ROOT, "%.1f s", gateTime.toMillis() / 1000.0);
  }

  /** Published tables only: a held table's version is yesterday's. */
  @Override
  public java.util.Map<String, Long> tableVersions() {
    java.util.Map<String, Long> versions = new java.util.TreeMap<>();
    tables.stream().filter(t -> !t.held()).forEach(t -> versions.put(t.table(), t.version()));
    return versions;
  }

  @Override
  public Optional<String> gateFailure() {
    List<String> leaks = tables.stream().filter(GoldTableOutcome::held).flatMap(t -> t.leaks().stream()).toList();
    if (leaks.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of("identifier-leak gate held back "
        + tables.stream().filter(GoldTableOutcome::held).map(GoldTableOutcome::table).collect(Collectors.joining(", "))
        + " (the previous versions stay published): " + String.join("; ", leaks));
  }
}
