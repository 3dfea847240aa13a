package org.carelake.nightly;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import org.carelake.audit.AuditEntry;
import org.carelake.audit.AuditLog;
import org.carelake.contract.Contract;
import org.carelake.contract.ContractLoader;
import org.carelake.error.CareLakeErrors;
import org.carelake.error.CareLakeException;
import org.carelake.ingest.IngestResult;
import org.carelake.quality.QualityResult;
import org.carelake.silver.SilverResult;
import org.carelake.lake.DeltaIo;
import org.carelake.lake.Lake;
import org.carelake.lake.RunLock;
import org.carelake.keys.KeyRegister;
import org.carelake.pseudonym.PseudonymKey;
import org.carelake.run.RunId;
import org.carelake.run.Settings;
import org.carelake.silver.SilverMappingCheck;
import org.carelake.ingest.LandingZone;
import org.carelake.spark.CareLakeFunctions;
import org.carelake.spark.StageExecution;

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
  private final List<Stage> stages;
  private final Optional<String> borough;
  private final Optional<String> feed;
  private final Progress progress;
  private final Clock clock;

  /**
   * @param stages the stages to run, in any order ({@link Stages#select}); empty runs every stage
   */
  public NightlyRun(
      DeltaIo io,
      Settings settings,
      Optional<PseudonymKey> key,
      LocalDate night,
      Collection<Stage> stages,
      Optional<String> borough,
      Optional<String> feed,
      Progress progress,
      Clock clock) {
    this.io = requireNonNull(io, "io is null");
    this.settings = requireNonNull(settings, "settings is null");
    this.key = requireNonNull(key, "key is null");
    this.night = requireNonNull(night, "night is null");
    this.stages = stages.isEmpty() ? Stages.all() : Stages.select(stages.stream().map(Stage::id).toList());
    this.borough = requireNonNull(borough, "borough is null");
    this.feed = requireNonNull(feed, "feed is null");
    this.progress = requireNonNull(progress, "progress is null");
    this.clock = requireNonNull(clock, "clock is null");
    if (key.isEmpty() && this.stages.stream().anyMatch(Stage::needsKey)) {
      throw CareLakeErrors.missingKey();
    }
  }

  public NightlyResult run() {
    Instant startedAt = clock.instant();
    String runId = RunId.of(night, startedAt, borough, feed).value();
    Lake lake = new Lake(settings.lakeRoot());
    Map<String, StageResult> results = new LinkedHashMap<>();
    NightlyResult.Outcome outcome = NightlyResult.Outcome.SUCCEEDED;
    String message = "ok";
    RunLock lock = null;
    // A small stage runs fewer shuffle partitions (StageExecution); the session gets its own back after the run.
    int shufflePartitions = StageExecution.shufflePartitions(io.spark());
    try {
      // A second run over the same scope stops here, before anything is read or written.
      lock = RunLock.acquire(settings.lakeRoot(), io.spark().sparkContext().hadoopConfiguration(), runId, night.toString(),
          borough, feed, Stages.ids(stages));
      recordInterrupted(lake, lock.tookOver(), runId);
      // A wrong key stops the run here, before any stage writes.
      key.ifPresent(k -> new KeyRegister(io, lake, settings.sqlDir()).verify(k, runId, startedAt));
      List<Contract> contracts = ContractLoader.loadAll(settings.contractsDir());
      // A mapping that would put a direct identifier into silver stops the run before it writes.
      SilverMappingCheck.verifyAll(contracts, settings.sqlDir());
      key.ifPresent(k -> CareLakeFunctions.register(io.spark(), k));
      boolean measure = StageExecution.needsSize(settings.codegen(), settings.adaptive());
      long landed = measure
          ? new LandingZone(settings.landingRoot(), io.spark().sparkContext().hadoopConfiguration()).nightBytes(night) : 0;
      StageContext context = new StageContext(io, lake, settings, contracts, night, runId, startedAt, borough, feed, key, progress);
      int index = 0;
      for (Stage stage : stages) {
        index++;
        progress.stageStarted(stage, index, stages.size());
        Instant stageStart = clock.instant();
        long lakeRead = measure ? stage.lakeBytesRead(context) : 0;
        long lakeJoined = measure ? stage.lakeBytesJoined(context) : 0;
        StageExecution.Choice choice = StageExecution.apply(io.spark(), settings.codegen(), settings.adaptive(), landed, lakeRead,
            lakeJoined, shufflePartitions);
        LOG.info(() -> "run " + runId + " " + stage.id() + ": spark.codegen=" + settings.codegen() + ", spark.adaptive="
            + settings.adaptive() + ", " + landed + " bytes landed, " + lakeRead + " bytes of lake read whole, " + lakeJoined
            + " bytes of lake joined: " + choice.describe());
        StageResult result = stage.run(context);
        results.put(stage.id(), result);
        if (result.gateFailure().isPresent()) {
          throw CareLakeErrors.invariant(result.gateFailure().get());
        }
        progress.stageFinished(stage, result.summaryLine(), Duration.between(stageStart, clock.instant()));
      }
      Optional<IngestResult> ingest = results.values().stream()
          .filter(IngestResult.class::isInstance).map(IngestResult.class::cast).findFirst();
      if (ingest.map(IngestResult::rejectedFiles).orElse(0L) > 0) {
        outcome = NightlyResult.Outcome.SUCCEEDED_WITH_REJECTED_FILES;
        message = ingest.get().rejectedFiles() + " landed files were rejected; see the ledger";
      }
      List<String> held = results.values().stream().filter(QualityResult.class::isInstance).map(QualityResult.class::cast)
          .flatMap(q -> q.failedGates().stream()).toList();
      if (!held.isEmpty()) {
        outcome = NightlyResult.Outcome.SUCCEEDED_WITH_HELD_FEEDS;
        message = (message.equals("ok") ? "" : message + "; ") + held.size() + " quality gates failed, holding those feeds back: "
            + String.join("; ", held);
      }
      List<String> broken = results.values().stream().filter(SilverResult.class::isInstance).map(SilverResult.class::cast)
          .flatMap(s -> s.brokenMappings().stream()).toList();
      if (!broken.isEmpty()) {
        outcome = NightlyResult.Outcome.SUCCEEDED_WITH_HELD_FEEDS;
        message = (message.equals("ok") ? "" : message + "; ") + String.join("; ", broken);
      }
    } catch (CareLakeException e) {
      outcome = NightlyResult.Outcome.FAILED;
      message = e.oneLine();
    } catch (Exception e) {
      // Exception, not RuntimeException: Spark's SparkException is a checked exception that Scala
      // code throws undeclared, and a run failing on one must still be recorded with its reason.
      outcome = NightlyResult.Outcome.FAILED;
      message = ioFailure(e).map(reason -> "I/O error: " + reason + "; every table keeps its last committed version (no "
              + "partial commit): free space or restore write access to the lake, then re-run the night")
          .orElseGet(() -> "internal: " + e.getClass().getSimpleName() + " " + firstLine(e.getMessage()));
      LOG.severe(() -> "run " + runId + " failed: " + e.getClass().getName());
    }
    Instant finishedAt = clock.instant();
    NightlyResult result = new NightlyResult(runId, night, results, outcome, message, Duration.between(startedAt, finishedAt));
    try {
      record(lake, result, startedAt, finishedAt);
    } finally {
      io.spark().conf().set("spark.sql.shuffle.partitions", Integer.toString(shufflePartitions));
      if (lock != null) {
        lock.close();
      }
    }
    return result;
  }

  /**
   * Runs that died without finishing (killed, crashed: found by their stale locks) get their row in
   * the run table too, with the last moment they were known alive.
   */
  private void recordInterrupted(Lake lake, List<RunLock.Holder> dead, String foundBy) {
    for (RunLock.Holder run : dead) {
      if (run.night().isEmpty()) {
        continue; // an unreadable lock names no run
      }
      String scope = (run.borough().equals("all") ? "" : "borough=" + run.borough())
          + (run.feed().equals("all") ? "" : (run.borough().equals("all") ? "" : " ") + "feed=" + run.feed());
      try {
        new RunLog(io, lake.runs()).append(new RunLog.Entry(run.runId(), LocalDate.parse(run.night()), run.stages(),
            scope.isEmpty() ? null : scope, "INTERRUPTED",
            "interrupted: the run stopped without finishing (its process died; last alive " + run.renewed()
                + "); found by run " + foundBy + ", which re-runs its work",
            null, null, null, null, Release.version(), null, run.acquired(), run.renewed(), null, null));
      } catch (Exception e) {
        LOG.warning(() -> "could not record the interrupted run " + run.runId() + ": " + e.getClass().getSimpleName());
      }
    }
  }

  private void record(Lake lake, NightlyResult result, Instant startedAt, Instant finishedAt) {
    try {
      String scope = borough.map(b -> "borough=" + b).orElse("") + feed.map(f -> (borough.isPresent() ? " " : "") + "feed=" + f).orElse("");
      new RunLog(io, lake.runs())
          .append(
              new RunLog.Entry(
                  result.runId(), night,
                  Stages.ids(stages),
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
                  finishedAt,
                  key.map(PseudonymKey::id).orElse(null),
                  key.map(PseudonymKey::version).orElse(null)));
    } catch (Exception e) {
      LOG.warning(() -> "could not write the run table: " + e.getClass().getSimpleName());
    }
    // Every run is audited too, beside ops.runs: who ran what, with which outcome (counts only).
    try {
      String what = "night " + night + " stages " + Stages.ids(stages)
          + borough.map(b -> " borough " + b).orElse("") + feed.map(f -> " feed " + f).orElse("");
      new AuditLog(io, lake, settings.sqlDir()).append(
          new AuditEntry("run " + result.runId(), "data-engineer", null, "pipeline operation", "nightly run", what,
              result.outcome().name(), 0, false),
          finishedAt);
    } catch (Exception e) {
      LOG.warning(() -> "could not write the run's audit record: " + e.getClass().getSimpleName());
    }
  }

  private static final java.util.regex.Pattern REMOTE_IO_ERROR =
      java.util.regex.Pattern.compile("(?:java\\.io\\.\\w*IOException|java\\.nio\\.file\\.\\w+Exception): ([^\\n]+)");

  /**
   * The file system's own words when a run failed on I/O (a full disk, a permission taken away):
   * the innermost {@link java.io.IOException} among the causes, or, for a task that failed in
   * another JVM (its exception arrives as text in Spark's message), the first one named in it.
   */
  static Optional<String> ioFailure(Throwable failure) {
    java.io.IOException innermost = null;
    StringBuilder text = new StringBuilder();
    for (Throwable t = failure; t != null && text.length() < 200_000; t = t.getCause() == t ? null : t.getCause()) {
      if (t instanceof java.io.IOException io) {
        innermost = io;
      }
      text.append(t.getMessage()).append('\n');
    }
    if (innermost != null && innermost.getMessage() != null) {
      return Optional.of(firstLine(innermost.getMessage()));
    }
    java.util.regex.Matcher remote = REMOTE_IO_ERROR.matcher(text);
    return remote.find() ? Optional.of(firstLine(remote.group(1))) : Optional.empty();
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
