package org.carelake.nightly;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.carelake.contract.Contract;
import org.carelake.lake.DeltaIo;
import org.carelake.lake.Lake;
import org.carelake.pseudonym.PseudonymKey;
import org.carelake.run.Settings;

/**
 * Everything a stage may take from the run: the lake port, the settings, the contracts, the
 * night and run, the optional narrowing to one borough or feed, the key when present, and where
 * a long stage reports its progress within itself.
 */
public record StageContext(
    DeltaIo io,
    Lake lake,
    Settings settings,
    List<Contract> contracts,
    LocalDate night,
    String runId,
    Instant startedAt,
    Optional<String> borough,
    Optional<String> feed,
    Optional<PseudonymKey> key,
    Progress progress) {

  public StageContext {
    requireNonNull(io, "io is null");
    requireNonNull(lake, "lake is null");
    requireNonNull(settings, "settings is null");
    contracts = List.copyOf(contracts);
    requireNonNull(night, "night is null");
    requireNonNull(runId, "runId is null");
    requireNonNull(startedAt, "startedAt is null");
    requireNonNull(borough, "borough is null");
    requireNonNull(feed, "feed is null");
    requireNonNull(key, "key is null");
    requireNonNull(progress, "progress is null");
  }

  /** A context whose stages report no progress within themselves. */
  public StageContext(
      DeltaIo io, Lake lake, Settings settings, List<Contract> contracts, LocalDate night, String runId, Instant startedAt,
      Optional<String> borough, Optional<String> feed, Optional<PseudonymKey> key) {
    this(io, lake, settings, contracts, night, runId, startedAt, borough, feed, key, Progress.silent());
  }

  /** Where {@code stage} reports its steps. */
  public StepListener steps(Stage stage) {
    return (step, done, of) -> progress.stageStep(stage, step, done, of);
  }
}
