package org.carelake.nightly;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** What a stage reports to the runner, the run summary and the run table: counts, names, versions. */
public interface StageResult {
  /** One line for the progress output: counts only, never a value from a row. */
  String summaryLine();

  Duration duration();

  /** Table (qualified name) to the version this stage wrote. */
  default Map<String, Long> tableVersions() {
    return Map.of();
  }

  /** Set when the stage completed but a gate it runs failed; the runner then fails the night. */
  default Optional<String> gateFailure() {
    return Optional.empty();
  }
}
