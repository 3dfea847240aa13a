package org.carelake.ingest;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.Optional;

/** One ledger line: what became of a landed file. */
public record FileOutcome(
    String borough,
    String feed,
    String fileName,
    String path,
    String sha256,
    long bytes,
    Status status,
    Optional<String> reason,
    long rowsRead,
    long rowsLoaded,
    long rowsQuarantined,
    Map<String, Long> quarantinedByRule) {

  public FileOutcome {
    requireNonNull(borough, "borough is null");
    requireNonNull(feed, "feed is null");
    requireNonNull(status, "status is null");
    requireNonNull(reason, "reason is null");
    quarantinedByRule = Map.copyOf(quarantinedByRule);
  }

  public enum Status {
    /** Read; every row loaded or quarantined. */
    LOADED,
    /** The file as a whole broke its contract; its rows are in quarantine under the file rule. */
    REJECTED,
    /** An exact copy (same SHA-256) of a file already loaded; skipped. */
    DUPLICATE,
    /** Loaded (or recorded as a duplicate) by an earlier run of this night; nothing to do. */
    ALREADY_LOADED,
    /**
     * Rejected by an earlier run of this night; nothing to do, but still the night's rejection: a
     * re-run after a crash ends with the same exit status as an uninterrupted run.
     */
    ALREADY_REJECTED;

    /** Whether an earlier run of the night recorded the file, so this run did nothing with it. */
    public boolean earlier() {
      return this == ALREADY_LOADED || this == ALREADY_REJECTED;
    }
  }

  /** Whether the night rejected this file: in this run, or in an earlier run of the night. */
  public boolean rejectedTonight() {
    return status == Status.REJECTED || status == Status.ALREADY_REJECTED;
  }

  /** Invariant 1 for this file. */
  public boolean reconciles() {
    return rowsRead == rowsLoaded + rowsQuarantined;
  }
}
