package org.carelake.quality;

import java.time.Duration;
import java.util.List;

/**
 * The night's quality gates. {@code failures} name the gate and the table or file, never a value.
 */
public record CheckResult(long filesReconciled, long tablesScanned, long columnsScanned, List<String> failures, Duration duration)
    implements org.carelake.nightly.StageResult {
  public CheckResult {
    failures = List.copyOf(failures);
  }

  public boolean passed() {
    return failures.isEmpty();
  }

  @Override
  public String summaryLine() {
    return filesReconciled + " files reconciled, " + columnsScanned + " columns in " + tablesScanned
        + " tables scanned for identifiers, " + failures.size() + " failures";
  }

  @Override
  public java.util.Optional<String> gateFailure() {
    return passed() ? java.util.Optional.empty() : java.util.Optional.of("quality gate failed: " + String.join("; ", failures));
  }
}
