package org.carelake.gold;

import java.util.List;
import java.util.Map;

/**
 * One gold table of the night: its version, row count, the Delta versions of the inputs it was
 * built from, and whether it was skipped because nothing it reads had changed. {@code leaks} is
 * empty for a published table; for a table the identifier-leak gate stopped it names the columns
 * (never a value), and {@code version} is the still-published version from before (-1 if none).
 * {@code refresh} says how tonight's rows were computed: {@code full} (and why, for an incremental
 * table), {@code incremental: ...} (months recomputed, persons updated), or {@code unchanged}.
 */
public record GoldTableOutcome(
    String table, long version, long rows, Map<String, Long> inputVersions, String codeVersion, boolean skipped,
    List<String> leaks, String refresh) {
  public GoldTableOutcome {
    inputVersions = Map.copyOf(inputVersions);
    leaks = List.copyOf(leaks);
  }

  /** True when the gate stopped the table: tonight's build was not published. */
  public boolean held() {
    return !leaks.isEmpty();
  }
}
