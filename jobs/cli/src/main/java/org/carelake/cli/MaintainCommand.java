package org.carelake.cli;

import java.util.concurrent.Callable;
import org.carelake.lake.DeltaIo;
import org.carelake.lake.Lake;
import org.carelake.lake.LakeTables;
import org.carelake.lake.TableRef;
import org.carelake.run.Settings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Weekly maintenance: compacts small files and vacuums files older than the retention period.
 * The retention period bounds how far back time travel (and so reproducibility of a build) reaches;
 * Delta refuses less than 168 hours.
 */
@Command(name = "maintain", mixinStandardHelpOptions = true,
    description = "OPTIMIZE (compact) and VACUUM every table in the lake within the retention period.")
final class MaintainCommand implements Callable<Integer> {
  @Mixin LakeOptions lake;

  @Option(names = "--retain-hours", defaultValue = "168", description = "Keep files needed for time travel this far back (default ${DEFAULT-VALUE}; minimum 168).")
  double retainHours;

  @Override
  public Integer call() {
    if (retainHours < 168) {
      throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
          "--retain-hours must be at least 168: shorter retention breaks time travel for readers and rebuilds");
    }
    Settings settings = lake.settings();
    DeltaIo io = Lakehouse.open(settings);
    int count = 0;
    java.time.Instant now = java.time.Instant.now();
    String runId = org.carelake.run.RunId.of(java.time.LocalDate.ofInstant(now, java.time.ZoneOffset.UTC), now).value();
    // Compaction commits beside a night's MERGEs would make either fail: one at a time.
    try (org.carelake.lake.RunLock lock = Lakehouse.lockWholeLake(io, settings, runId, "maintain")) {
      for (TableRef table : LakeTables.all(io, new Lake(settings.lakeRoot()))) {
        long start = System.nanoTime();
        io.spark().sparkContext().setJobDescription("maintain: " + table.qualifiedName());
        io.delta(table).optimize().executeCompaction();
        io.delta(table).vacuum(retainHours);
        count++;
        System.out.printf(java.util.Locale.ROOT, "  %-40s optimised and vacuumed in %.1f s%n", table.qualifiedName(), (System.nanoTime() - start) / 1e9);
      }
    }
    System.out.println("maintained " + count + " tables (retention " + retainHours + " h)");
    return 0;
  }
}
