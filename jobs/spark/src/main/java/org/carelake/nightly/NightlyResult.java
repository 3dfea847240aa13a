package org.carelake.nightly;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;
import org.carelake.gold.GoldResult;
import org.carelake.ingest.IngestResult;
import org.carelake.quality.CheckResult;
import org.carelake.silver.SilverResult;

/** Everything one nightly run did, stage by stage, and how it ended. */
public record NightlyResult(
    String runId,
    LocalDate night,
    Optional<IngestResult> ingest,
    Optional<SilverResult> silver,
    Optional<GoldResult> gold,
    Optional<CheckResult> check,
    Outcome outcome,
    String message,
    Duration duration) {

  public NightlyResult {
    requireNonNull(runId, "runId is null");
    requireNonNull(outcome, "outcome is null");
    requireNonNull(message, "message is null");
  }

  /** How a run ended, with the process exit status each maps to. */
  public enum Outcome {
    SUCCEEDED(0),
    /** Every stage ran, but some landed files were rejected as a whole. */
    SUCCEEDED_WITH_REJECTED_FILES(3),
    FAILED(1);

    private final int exitStatus;

    Outcome(int exitStatus) {
      this.exitStatus = exitStatus;
    }

    public int exitStatus() {
      return exitStatus;
    }
  }
}
