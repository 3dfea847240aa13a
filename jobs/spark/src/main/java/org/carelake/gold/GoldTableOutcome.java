package org.carelake.gold;

import java.util.Map;

/**
 * One published table: its version, row count, the Delta versions of the inputs it was built from,
 * and whether it was skipped because nothing it reads had changed.
 */
public record GoldTableOutcome(String table, long version, long rows, Map<String, Long> inputVersions, String codeVersion, boolean skipped) {
  public GoldTableOutcome {
    inputVersions = Map.copyOf(inputVersions);
  }
}
