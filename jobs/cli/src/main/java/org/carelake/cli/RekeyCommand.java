package org.carelake.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;
import org.carelake.audit.AuditEntry;
import org.carelake.audit.AuditLog;
import org.carelake.error.CareLakeException;
import org.carelake.keys.KeyRotation;
import org.carelake.lake.DeltaIo;
import org.carelake.lake.RunLock;
import org.carelake.lake.Lake;
import org.carelake.nightly.Release;
import org.carelake.nightly.RunLog;
import org.carelake.pseudonym.PseudonymKey;
import org.carelake.run.RunId;
import org.carelake.run.Settings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Key rotation: re-keys the pseudonymised and published zones to a new key in one run, without re-ingesting. */
@Command(name = "rekey", mixinStandardHelpOptions = true,
    description = {"Rotate the pseudonymisation key: every pseudonym in silver (and restricted.duplicate_event) is",
        "replaced by the new key's pseudonym of the same input, and gold is rebuilt under the new key.",
        "The current key comes from --key-file or CARELAKE_PSEUDONYM_KEY; afterwards runs need the new key",
        "and the old one is refused. Recorded in ops.pseudonym_key, ops.runs and ops.audit."})
final class RekeyCommand implements Callable<Integer> {
  @Mixin LakeOptions lake;

  @Option(names = "--new-key-file", required = true, paramLabel = "FILE",
      description = "The new key, written id:version:hex (a new id or version), outside the lake and git.")
  Path newKeyFile;

  @Override
  public Integer call() {
    Settings settings = lake.settings();
    PseudonymKey from = Lakehouse.key(settings);
    PseudonymKey to = PseudonymKey.fromFile(newKeyFile);
    DeltaIo io = Lakehouse.open(settings);
    Lake root = new Lake(settings.lakeRoot());
    Clock clock = Clock.systemUTC();
    Instant startedAt = clock.instant();
    LocalDate today = LocalDate.ofInstant(startedAt, ZoneOffset.UTC);
    String runId = RunId.of(today, startedAt).value();
    String outcome = "SUCCEEDED";
    String message;
    try (RunLock lock = Lakehouse.lockWholeLake(io, settings, runId, "rekey")) {
      KeyRotation.Result result = new KeyRotation(io, root, settings, clock)
          .rotate(from, to, runId);
      long rows = result.rowsByTable().values().stream().mapToLong(Long::longValue).sum();
      message = "re-keyed from " + from.label() + " to " + to.label() + ": " + result.rowsByTable().size() + " tables, " + rows
          + " rows, " + result.unknownPseudonyms() + " pseudonyms without a source re-derived; gold rebuilt: "
          + String.join(", ", result.goldTables());
      result.rowsByTable().forEach((table, n) -> System.out.printf(java.util.Locale.ROOT, "  %-40s %,d rows%n", table, n));
    } catch (CareLakeException e) {
      outcome = "FAILED";
      message = e.oneLine();
    }
    Instant finishedAt = clock.instant();
    new RunLog(io, root.runs()).append(new RunLog.Entry(runId, today, "rekey", null, outcome, message, null, null, null, null,
        Release.version(), to.fingerprint(), startedAt, finishedAt, to.id(), to.version()));
    new AuditLog(io, root, settings.sqlDir()).append(new AuditEntry(System.getProperty("user.name", "unknown"), "data-engineer",
        null, "pseudonymisation key rotation", "rekey", "from " + from.label() + " to " + to.label(), outcome.equals("FAILED") ? "FAILED" : "ALLOWED",
        0, false), finishedAt);
    System.out.println(message);
    if (outcome.equals("FAILED")) {
      System.err.println("carelake: " + message);
      return 1;
    }
    return 0;
  }
}
