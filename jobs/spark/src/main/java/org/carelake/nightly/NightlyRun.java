package org.carelake.nightly;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.carelake.contract.Contract;
import org.carelake.contract.ContractLoader;
import org.carelake.error.CareLakeErrors;
import org.carelake.error.CareLakeException;
import org.carelake.gold.GoldResult;
import org.carelake.gold.GoldStage;
import org.carelake.ingest.IngestResult;
import org.carelake.ingest.IngestStage;
import org.carelake.ingest.LandingZone;
import org.carelake.lake.DeltaIo;
import org.carelake.lake.Lake;
import org.carelake.pseudonym.PseudonymKey;
import org.carelake.quality.CheckResult;
import org.carelake.quality.CheckStage;
import org.carelake.run.RunId;
import org.carelake.run.Settings;
import org.carelake.silver.SilverResult;
import org.carelake.silver.SilverStage;
import org.carelake.spark.CareLakeFunctions;

/**
 * Runs a night, or chosen stages of it, in order: ingest, silver, gold, check. Each stage is one
 * object with its inputs in the constructor and an immutable result; this class only sequences
 * them, reports progress, decides the outcome and writes the run table.
 */
public final class NightlyRun {
  private static final Logger LOG = Logger.getLogger(NightlyRun.class.getName());

  private final DeltaIo io;
  private final Settings settings;
  private final Optional<PseudonymKey> key;
  private final LocalDate night;
  private final Set<Stage> stages;
  private final Optional<String> borough;
  private final Optional<String> feed;
  private final Progress progress;
  private final Clock clock;

  public NightlyRun(
      DeltaIo io,
      Settings settings,
      Optional<PseudonymKey> key,
      LocalDate night,
      Set<Stage> stages,
      Optional<String> borough,
      Optional<String> feed,
      Progress progress,
      Clock clock) {
    this.io = requireNonNull(io, "io is null");
    this.settings = requireNonNull(settings, "settings is null");
    this.key = requireNonNull(key, "key is null");
    this.night = requireNonNull(night, "night is null");
    this.stages = stages.isEmpty() ? EnumSet.allOf(Stage.class) : EnumSet.copyOf(stages);
    this.borough = requireNonNull(borough, "borough is null");
    this.feed = requireNonNull(feed, "feed is null");
    this.progress = requireNonNull(progress, "progress is null");
    this.clock = requireNonNull(clock, "clock is null");
    if (key.isEmpty() && (this.stages.contains(Stage.SILVER) || this.stages.contains(Stage.GOLD))) {
      throw CareLakeErrors.missingKey();
    }
  }

  public NightlyResult run() {
    Instant startedAt = clock.instant();
    String runId = RunId.of(night, startedAt).value();
    Lake lake = new Lake(settings.lakeRoot());
    Optional<IngestResult> ingest = Optional.empty();
    Optional<SilverResult> silver = Optional.empty();
    Optional<GoldResult> gold = Optional.empty();
    Optional<CheckResult> check = Optional.empty();
    NightlyResult.Outcome outcome = NightlyResult.Outcome.SUCCEEDED;
    String message = "ok";
    try {
      List<Contract> contracts = ContractLoader.loadAll(settings.contractsDir());
      key.ifPresent(k -> CareLakeFunctions.register(io.spark(), k));
      int index = 0;
      for (Stage stage : stages) {
        index++;
        progress.stageStarted(stage, index, stages.size());
        Instant stageStart = clock.instant();
        String summary;
        switch (stage) {
          case INGEST -> {
            Configuration hadoop = io.spark().sparkContext().hadoopConfiguration();
            IngestResult result =
                new IngestStage(io, lake, new LandingZone(settings.landingRoot(), hadoop), contracts, night, runId, startedAt, borough, feed)
                    .run();
            ingest = Optional.of(result);
            summary = result.files().size() + " files, " + result.rowsRead() + " rows read, " + result.rowsLoaded() + " loaded, "
                + result.rowsQuarantined() + " quarantined, " + result.rejectedFiles() + " files rejected";
          }
          case SILVER -> {
            SilverResult result = new SilverStage(io, lake, contracts, settings.sqlDir(), night, runId, startedAt, feed).run();
            silver = Optional.of(result);
            long in = result.feeds().stream().mapToLong(f -> f.rowsIn()).sum();
            long out = result.feeds().stream().mapToLong(f -> f.rowsToSilver()).sum();
            long pending = result.feeds().stream().mapToLong(f -> f.pendingLinkage()).sum();
            long skipped = result.feeds().stream().filter(f -> f.skipped()).count();
            summary = in + " rows in, " + out + " to silver, " + pending + " pending linkage, " + skipped + " feeds unchanged";
          }
          case GOLD -> {
            GoldResult result =
                new GoldStage(io, lake, settings.sqlDir(), night, runId, startedAt, settings.researchProject(), Release.version()).run();
            gold = Optional.of(result);
            summary = result.tables().stream()
                .map(t -> t.table() + (t.skipped() ? " unchanged" : " v" + t.version() + " (" + t.rows() + " rows)"))
                .collect(Collectors.joining(", "));
          }
          case CHECK -> {
            CheckResult result = new CheckStage(io, lake, night).run();
            check = Optional.of(result);
            summary = result.filesReconciled() + " files reconciled, " + result.columnsScanned() + " columns in "
                + result.tablesScanned() + " tables scanned for identifiers, " + result.failures().size() + " failures";
            if (!result.passed()) {
              throw CareLakeErrors.invariant("quality gate failed: " + String.join("; ", result.failures()));
            }
          }
          default -> throw new IllegalStateException("unhandled stage " + stage);
        }
        progress.stageFinished(stage, summary, Duration.between(stageStart, clock.instant()));
      }
      if (ingest.map(IngestResult::rejectedFiles).orElse(0L) > 0) {
        outcome = NightlyResult.Outcome.SUCCEEDED_WITH_REJECTED_FILES;
        message = ingest.get().rejectedFiles() + " landed files were rejected; see the ledger";
      }
    } catch (CareLakeException e) {
      outcome = NightlyResult.Outcome.FAILED;
      message = e.oneLine();
    } catch (RuntimeException e) {
      outcome = NightlyResult.Outcome.FAILED;
      message = "internal: " + e.getClass().getSimpleName() + " " + firstLine(e.getMessage());
      LOG.severe(() -> "run " + runId + " failed: " + e.getClass().getName());
    }
    Instant finishedAt = clock.instant();
    NightlyResult result =
        new NightlyResult(runId, night, ingest, silver, gold, check, outcome, message, Duration.between(startedAt, finishedAt));
    record(lake, result, startedAt, finishedAt);
    return result;
  }

  private void record(Lake lake, NightlyResult result, Instant startedAt, Instant finishedAt) {
    try {
      String scope = borough.map(b -> "borough=" + b).orElse("") + feed.map(f -> (borough.isPresent() ? " " : "") + "feed=" + f).orElse("");
      new RunLog(io, lake.runs())
          .append(
              new RunLog.Entry(
                  result.runId(), night,
                  stages.stream().map(Stage::id).collect(Collectors.joining(",")),
                  scope.isEmpty() ? null : scope,
                  result.outcome().name(),
                  result.message(),
                  result.ingest().map(IngestResult::rowsRead).orElse(null),
                  result.ingest().map(IngestResult::rowsLoaded).orElse(null),
                  result.ingest().map(IngestResult::rowsQuarantined).orElse(null),
                  result.ingest().map(IngestResult::rejectedFiles).orElse(null),
                  Release.version(),
                  key.map(PseudonymKey::fingerprint).orElse(null),
                  startedAt,
                  finishedAt));
    } catch (RuntimeException e) {
      LOG.warning(() -> "could not write the run table: " + e.getClass().getSimpleName());
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int newline = message.indexOf('\n');
    String line = newline < 0 ? message : message.substring(0, newline);
    return line.length() > 300 ? line.substring(0, 300) + "…" : line;
  }
}
