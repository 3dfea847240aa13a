package org.carelake.quality;

import java.time.Duration;
import java.util.List;

/**
 * The night's quality gates. {@code failures} name the gate and the table or file, never a value.
 */
public record CheckResult(long filesReconciled, long tablesScanned, long columnsScanned, List<String> failures, Duration duration) {
  public CheckResult {
    failures = List.copyOf(failures);
  }

  public boolean passed() {
    return failures.isEmpty();
  }
}
