package org.carelake.gold;

import java.time.Duration;
import java.util.List;

/** What the gold stage published. */
public record GoldResult(List<GoldTableOutcome> tables, Duration duration) {
  public GoldResult {
    tables = List.copyOf(tables);
  }
}
