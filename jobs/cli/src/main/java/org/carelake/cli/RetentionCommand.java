package org.carelake.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.Callable;
import org.carelake.audit.AuditEntry;
import org.carelake.audit.AuditLog;
import org.carelake.lake.DeltaIo;
import org.carelake.lake.RunLock;
import org.carelake.lake.Lake;
import org.carelake.nightly.Release;
import org.carelake.nightly.RunLog;
import org.carelake.retention.RetentionPurge;
import org.carelake.run.RunId;
import org.carelake.run.Settings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Purges raw and quarantined rows past their retention period, from disk and history; audited. */
@Command(name = "retention", mixinStandardHelpOptions = true,
    description = {"Purge raw rows and quarantined rows loaded more than the retention period ago, for real: the",
        "rows leave the current table and, through REORG PURGE, VACUUM with no retention and old log entries",
        "deleted, every older file. Silver keeps its de-identified rows. Recorded in ops.runs and ops.audit."})
final class RetentionCommand implements Callable<Integer> {
  @Mixin LakeOptions lake;

  @Option(names = "--raw-days", defaultValue = "365", description = "Keep raw rows this many days after their night (default ${DEFAULT-VALUE}).")
  int rawDays;

  @Option(names = "--quarantine-days", defaultValue = "90",
      description = "Keep quarantined rows this many days after their night (default ${DEFAULT-VALUE}).")
  int quarantineDays;

  @Option(names = "--today", description = "The day to count back from (default: today, UTC).")
  LocalDate today;

  @Override
  public Integer call() {
    Settings settings = lake.settings();
    DeltaIo io = Lakehouse.open(settings);
    Lake root = new Lake(settings.lakeRoot());
    Instant startedAt = Instant.now();
    LocalDate day = today != null ? today : LocalDate.ofInstant(startedAt, ZoneOffset.UTC);
    String runId = RunId.of(day, startedAt).value();
    Map<String, Long> purged;
    try (RunLock lock = Lakehouse.lockWholeLake(io, settings, runId, "retention")) {
      purged = new RetentionPurge(io, root).purge(day, rawDays, quarantineDays, runId);
    }
    long rows = purged.values().stream().mapToLong(Long::longValue).sum();
    String message = "retention (raw " + rawDays + " days, quarantine " + quarantineDays + " days): " + rows + " rows purged from "
        + purged.size() + " tables";
    new RunLog(io, root.runs()).append(new RunLog.Entry(runId, day, "retention", null, "SUCCEEDED", message, null, null, null, null,
        Release.version(), null, startedAt, Instant.now()));
    new AuditLog(io, root, settings.sqlDir()).append(new AuditEntry(System.getProperty("user.name", "unknown"), "data-engineer",
        null, "retention of raw and quarantined rows", "retention purge", purged.toString(), "ALLOWED", rows, false), Instant.now());
    purged.forEach((table, n) -> System.out.printf(java.util.Locale.ROOT, "  %-40s %,d rows purged%n", table, n));
    System.out.println(message);
    return 0;
  }
}
