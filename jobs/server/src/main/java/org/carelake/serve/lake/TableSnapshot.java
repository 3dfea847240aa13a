package org.carelake.serve.lake;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One version of a published table, decoded into memory: its column names and rows (each a value
 * per column: String, Long, Integer, Double, Boolean, LocalDate or Instant; null where empty).
 * Planning tables are aggregates of a few hundred thousand cells at most, so holding them is cheap
 * and every request is served from here.
 */
public record TableSnapshot(PublishedTable table, long version, Instant committedAt, List<String> columns, List<Object[]> rows) {
  public TableSnapshot {
    requireNonNull(table, "table is null");
    requireNonNull(committedAt, "committedAt is null");
    columns = List.copyOf(columns);
    rows = List.copyOf(rows);
  }

  /** An absent table: version -1, no rows. */
  public static TableSnapshot absent(PublishedTable table) {
    return new TableSnapshot(table, -1, Instant.EPOCH, List.of(), List.of());
  }

  public boolean exists() {
    return version >= 0;
  }

  /** Column positions by name, for {@link #value}. */
  public Map<String, Integer> positions() {
    Map<String, Integer> out = new HashMap<>();
    for (int i = 0; i < columns.size(); i++) {
      out.put(columns.get(i), i);
    }
    return out;
  }
}
