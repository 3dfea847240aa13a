package org.carelake.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.carelake.lake.DeltaIo;
import org.carelake.lake.Lake;
import org.carelake.nightly.Release;
import org.carelake.nightly.RunLog;
import org.carelake.run.Settings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Records a scheduler task's failure in the run table, so the night's history is in one place. */
@Command(name = "record-failure", mixinStandardHelpOptions = true,
    description = "Record a failed scheduler task in the run table (used by the Airflow failure callback).")
final class RecordFailureCommand implements Callable<Integer> {
  @Mixin LakeOptions lake;

  @Option(names = "--date", required = true) LocalDate date;

  @Option(names = "--task", required = true, description = "The scheduler's task id.") String task;

  @Option(names = "--try", defaultValue = "1", description = "The try number.") int tryNumber;

  @Option(names = "--reason", defaultValue = "task failed", description = "One line; no patient values.") String reason;

  @Override
  public Integer call() {
    Settings settings = lake.settings();
    DeltaIo io = Lakehouse.open(settings);
    Instant now = Instant.now();
    String oneLine = reason.replaceAll("\\s+", " ");
    if (oneLine.length() > 500) {
      oneLine = oneLine.substring(0, 500) + "…";
    }
    new RunLog(io, new Lake(settings.lakeRoot()).runs())
        .append(new RunLog.Entry(
            "task-" + date + "-" + task.replaceAll("[^A-Za-z0-9_.:-]", "_") + "-try" + tryNumber, date, task,
            "task=" + task + " try=" + tryNumber, "FAILED", oneLine, null, null, null, null,
            Release.version(), null, now, now));
    System.out.println("recorded failure of " + task + " (try " + tryNumber + ") for night " + date);
    return 0;
  }
}
