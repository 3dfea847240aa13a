package org.carelake.nightly;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.carelake.gold.GoldResult;
import org.carelake.ingest.IngestResult;
import org.carelake.quality.CheckResult;
import org.carelake.silver.SilverResult;

/**
 * Everything one nightly run did, stage by stage (by stage id, in night order), and how it ended.
 */
public record NightlyResult(
    String runId,
    LocalDate night,
    Map<String, StageResult> stages,
    Outcome outcome,
    String message,
    Duration duration) {

  public NightlyResult {
    requireNonNull(runId, "runId is null");
    stages = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(stages));
    requireNonNull(outcome, "outcome is null");
    requireNonNull(message, "message is null");
  }

  /** The result of the stage that returned this type, if it ran. */
  public <T extends StageResult> Optional<T> result(Class<T> type) {
    return stages.values().stream().filter(type::isInstance).map(type::cast).findFirst();
  }

  public Optional<IngestResult> ingest() {
    return result(IngestResult.class);
  }

  public Optional<SilverResult> silver() {
    return result(SilverResult.class);
  }

  public Optional<GoldResult> gold() {
    return result(GoldResult.class);
  }

  public Optional<CheckResult> check() {
    return result(CheckResult.class);
  }

  /** How a run ended, with the process exit status each maps to. */
  public enum Outcome {
    SUCCEEDED(0),
    /** Every stage ran, but some landed files were rejected as a whole. */
    SUCCEEDED_WITH_REJECTED_FILES(3),
    /** Every stage ran, but quality gates held some boroughs' feeds back from publication. */
    SUCCEEDED_WITH_HELD_FEEDS(4),
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
