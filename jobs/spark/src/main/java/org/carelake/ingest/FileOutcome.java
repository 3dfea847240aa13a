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
    /** Recorded by an earlier run of this night; nothing to do. */
    ALREADY_LOADED
  }

  /** The reason of an {@link Status#ALREADY_LOADED} file that an earlier run of the night rejected. */
  public static final String REJECTED_EARLIER = "rejected by an earlier run of this night; see the ledger";

  /** Whether the night rejected this file: in this run, or in an earlier run of the night. */
  public boolean rejectedTonight() {
    return status == Status.REJECTED || status == Status.ALREADY_LOADED && reason.filter(REJECTED_EARLIER::equals).isPresent();
  }

  /** Invariant 1 for this file. */
  public boolean reconciles() {
    return rowsRead == rowsLoaded + rowsQuarantined;
  }
}
