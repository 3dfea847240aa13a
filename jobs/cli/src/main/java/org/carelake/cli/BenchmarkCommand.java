package org.carelake.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.carelake.contract.Column;
import org.carelake.contract.Contract;
import org.carelake.contract.ContractLoader;
import org.carelake.contract.LogicalType;
import org.carelake.ingest.IngestSchemas;
import org.carelake.lake.DeltaIo;
import org.carelake.nightly.NightlyResult;
import org.carelake.nightly.NightlyRun;
import org.carelake.nightly.Progress;
import org.carelake.nightly.Stage;
import org.carelake.nightly.Stages;
import org.carelake.pseudonym.PseudonymKey;
import org.carelake.run.Settings;
import org.carelake.synthetic.DefectRates;
import org.carelake.synthetic.ExtractKind;
import org.carelake.synthetic.GeneratorSettings;
import org.carelake.synthetic.Manifest;
import org.carelake.synthetic.SyntheticLanding;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Measures the nightly against its floor: the same landed files copied into Delta tables by Spark
 * with an explicit schema and nothing else. Prints rows per second per stage and the ratio of the
 * whole nightly to the bare copy, all from one run on one machine.
 */
@Command(name = "benchmark", mixinStandardHelpOptions = true,
    description = "Generate N people's initial night, time a bare Spark copy of the landed files into Delta and the whole nightly; print rows/s and the ratio.")
final class BenchmarkCommand implements Callable<Integer> {
  @Mixin LakeOptions lake;

  @Option(names = "--persons", defaultValue = "100000") long persons;

  @Option(names = "--dir", defaultValue = "target/benchmark", description = "Work folder (deleted first; default ${DEFAULT-VALUE}).")
  Path dir;

  @Option(names = "--night", defaultValue = "2026-11-23") LocalDate night;

  @Option(names = "--seed", defaultValue = "7") long seed;

  @Option(names = "--extract", defaultValue = "INITIAL", description = "INITIAL (full history) or INCREMENT (a normal night).")
  ExtractKind extract;

  @Override
  public Integer call() {
    Path work = dir.toAbsolutePath().normalize();
    DemoCommand.deleteRecursively(work);
    Settings settings = lake.settings()
        .withLakeRoot(work.resolve("lake").toString())
        .withLandingRoot(work.resolve("landing").toString());
    PseudonymKey key = PseudonymKey.fromHex(java.util.HexFormat.of().formatHex(new java.security.SecureRandom().generateSeed(32)));

    long t0 = System.nanoTime();
    Manifest manifest = new SyntheticLanding(new GeneratorSettings(night, persons, seed, DefectRates.defaults(), extract))
        .generate(work.resolve("landing"), work.resolve("ground-truth"));
    double generateSeconds = (System.nanoTime() - t0) / 1e9;
    long rows = manifest.totalRows();

    DeltaIo io = Lakehouse.open(settings);
    List<Contract> contracts = ContractLoader.loadAll(settings.contractsDir());
    double bareFirst = bareCopy(io.spark(), contracts, work, "bare-1");

    Map<String, Duration> stageTimes = new java.util.LinkedHashMap<>();
    long n0 = System.nanoTime();
    NightlyResult result = new NightlyRun(io, settings, Optional.of(key), night, Stages.all(), Optional.empty(),
        Optional.empty(), new Progress() {
          @Override public void stageStarted(Stage stage, int index, int of) {
            System.out.println("  running " + stage.id() + " ...");
          }
          @Override public void stageFinished(Stage stage, String summary, Duration duration) {
            stageTimes.put(stage.id(), duration);
          }
        }, Clock.systemUTC()).run();
    double nightlySeconds = (System.nanoTime() - n0) / 1e9;
    if (result.outcome() == NightlyResult.Outcome.FAILED) {
      System.err.println("carelake: benchmark nightly failed: " + result.message());
      return 1;
    }
    double bareSecond = bareCopy(io.spark(), contracts, work, "bare-2");
    // The faster of the two copies is the floor: the slower one paid for a cold JVM or a busy machine.
    double bare = Math.min(bareFirst, bareSecond);

    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "%nCareLake benchmark: %,d people, %s extract, %,d landed rows in %d files (%s, %d cores)%n",
        persons, extract.name().toLowerCase(Locale.ROOT), rows, manifest.files().size(), settings.sparkMaster(),
        Runtime.getRuntime().availableProcessors()));
    List<List<String>> table = new ArrayList<>();
    table.add(List.of("generate (not in ratio)", secs(generateSeconds), perSecond(rows, generateSeconds), ""));
    table.add(List.of("bare copy CSV -> Delta (best of 2)", secs(bare), perSecond(rows, bare), "1.00"));
    table.add(List.of("  bare copy run 1 / run 2", secs(bareFirst) + " / " + secs(bareSecond), "", ""));
    for (Map.Entry<String, Duration> entry : stageTimes.entrySet()) {
      double seconds = entry.getValue().toMillis() / 1000.0;
      table.add(List.of("nightly: " + entry.getKey(), secs(seconds), perSecond(rows, seconds), ratio(seconds, bare)));
    }
    table.add(List.of("nightly: whole run", secs(nightlySeconds), perSecond(rows, nightlySeconds), ratio(nightlySeconds, bare)));
    RunSummary.table(out, List.of("step", "seconds", "landed rows/s", "x bare copy"), table);
    out.append(String.format(Locale.ROOT, "%nnightly / bare copy = %.2f (ingest alone %.2f)%n", nightlySeconds / bare,
        stageTimes.getOrDefault("ingest", Duration.ZERO).toMillis() / 1000.0 / bare));
    System.out.print(out);
    return 0;
  }

  /** Reads every landed file of each feed with an explicit schema and writes it to a Delta table. */
  private static double bareCopy(SparkSession spark, List<Contract> contracts, Path work, String folder) {
    long start = System.nanoTime();
    for (Contract contract : contracts) {
      String glob = work.resolve("landing").toString() + "/*/*/" + contract.id() + "*.csv";
      StructType schema = DataTypes.createStructType(
          contract.columns().stream()
              .map(c -> DataTypes.createStructField(c.physicalName(), IngestSchemas.sparkType(c), true))
              .toList());
      var reader = spark.read().option("header", "true").option("mode", "PERMISSIVE").schema(schema);
      Optional<String> dateFormat = contract.columns().stream().filter(c -> c.type() == LogicalType.DATE)
          .map(Column::format).flatMap(Optional::stream).findFirst();
      Optional<String> timestampFormat = contract.columns().stream().filter(c -> c.type() == LogicalType.TIMESTAMP)
          .map(Column::format).flatMap(Optional::stream).findFirst();
      if (dateFormat.isPresent()) {
        reader = reader.option("dateFormat", dateFormat.get());
      }
      if (timestampFormat.isPresent()) {
        reader = reader.option("timestampNTZFormat", timestampFormat.get());
      }
      spark.sparkContext().setJobDescription("benchmark: bare copy " + contract.id());
      reader.csv(glob).write().format("delta").mode("overwrite").save(work.resolve(folder).resolve(contract.id()).toString());
    }
    return (System.nanoTime() - start) / 1e9;
  }

  private static String secs(double seconds) {
    return String.format(Locale.ROOT, "%.1f", seconds);
  }

  private static String perSecond(long rows, double seconds) {
    return String.format(Locale.ROOT, "%,.0f", rows / Math.max(seconds, 1e-9));
  }

  private static String ratio(double seconds, double bare) {
    return String.format(Locale.ROOT, "%.2f", seconds / bare);
  }
}
