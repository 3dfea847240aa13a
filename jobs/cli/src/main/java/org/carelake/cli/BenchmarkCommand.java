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
 * with an explicit schema and nothing else. One run generates an initial extract with years of
 * history and then normal nights, and prints for each night rows per second per stage and the
 * ratio of each stage and of the whole night to the bare copy of that night's files. It then
 * builds a second lake holding twice the history and runs the first normal night again on it: the
 * history-doubling ratio says whether a night's cost grows with the lake's age.
 */
@Command(name = "benchmark", mixinStandardHelpOptions = true,
    description = "Generate N people's initial extract with Y years of history and K normal nights; time a bare Spark copy"
        + " of each night's files into Delta and the whole nightly; print rows/s, ratios and the history-doubling ratio.")
final class BenchmarkCommand implements Callable<Integer> {
  @Mixin LakeOptions lake;

  @Option(names = "--persons", defaultValue = "100000") long persons;

  @Option(names = "--history-years", defaultValue = "1",
      description = "Years of history in the initial extract (default ${DEFAULT-VALUE}).")
  int historyYears;

  @Option(names = "--nights", defaultValue = "2", description = "Normal nights after the initial load (default ${DEFAULT-VALUE}).")
  int nights;

  @Option(names = "--skip-doubling", description = "Leave out the second lake with twice the history (saves its initial load).")
  boolean skipDoubling;

  @Option(names = "--dir", defaultValue = "target/benchmark", description = "Work folder (deleted first; default ${DEFAULT-VALUE}).")
  Path dir;

  @Option(names = "--night", defaultValue = "2026-11-23", description = "The initial load's night (default ${DEFAULT-VALUE}).")
  LocalDate night;

  @Option(names = "--seed", defaultValue = "7") long seed;

  /** One night's measurements. */
  private record Measured(String label, LocalDate night, long rows, int files, double generate, double bare,
      Map<String, Duration> stages, double whole) {}

  @Override
  public Integer call() {
    Path work = dir.toAbsolutePath().normalize();
    DemoCommand.deleteRecursively(work);
    PseudonymKey key = PseudonymKey.fromHex(java.util.HexFormat.of().formatHex(new java.security.SecureRandom().generateSeed(32)));
    Runtime runtime = Runtime.getRuntime();
    PeakHeap peak = new PeakHeap();
    List<Measured> measured = new ArrayList<>();
    Settings settings = settings(work, "lake");
    DeltaIo io = Lakehouse.open(settings);
    List<Contract> contracts = ContractLoader.loadAll(settings.contractsDir());
    for (int i = 0; i <= nights; i++) {
      LocalDate date = night.plusDays(i);
      Optional<Measured> m = night(io, settings, contracts, key, work.resolve("landing"), date,
          i == 0 ? ExtractKind.INITIAL : ExtractKind.INCREMENT, historyYears, i == 0 ? "initial load" : "normal night " + i);
      if (m.isEmpty()) {
        return 1;
      }
      measured.add(m.get());
    }
    Optional<Measured> doubled = Optional.empty();
    if (!skipDoubling && nights > 0 && historyYears > 0) {
      // The same first normal night on a lake holding twice the history: same seed, same night's files.
      Settings twice = settings(work, "lake-2x");
      Path landing = work.resolve("landing-2x");
      Optional<Measured> load = night(io, twice, contracts, key, landing, night, ExtractKind.INITIAL, 2 * historyYears,
          "initial load, " + (2 * historyYears) + " years");
      if (load.isEmpty()) {
        return 1;
      }
      measured.add(load.get());
      doubled = night(io, twice, contracts, key, landing, night.plusDays(1), ExtractKind.INCREMENT, 2 * historyYears,
          "normal night 1, 2x history");
      if (doubled.isEmpty()) {
        return 1;
      }
      measured.add(doubled.get());
    }

    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "%nCareLake benchmark: %,d people, %d year(s) of history, %d normal night(s) (%s, %d cores,"
            + " heap max %,d MB)%n", persons, historyYears, nights, settings.sparkMaster(), runtime.availableProcessors(),
        runtime.maxMemory() >> 20));
    for (Measured m : measured) {
      out.append(String.format(Locale.ROOT, "%n%s (%s): %,d landed rows in %d files%n", m.label(), m.night(), m.rows(), m.files()));
      List<List<String>> table = new ArrayList<>();
      table.add(List.of("generate (not in ratio)", secs(m.generate()), perSecond(m.rows(), m.generate()), ""));
      table.add(List.of("bare copy CSV -> Delta", secs(m.bare()), perSecond(m.rows(), m.bare()), "1.00"));
      for (Map.Entry<String, Duration> entry : m.stages().entrySet()) {
        double seconds = entry.getValue().toMillis() / 1000.0;
        table.add(List.of("nightly: " + entry.getKey(), secs(seconds), perSecond(m.rows(), seconds), ratio(seconds, m.bare())));
      }
      table.add(List.of("nightly: whole night", secs(m.whole()), perSecond(m.rows(), m.whole()), ratio(m.whole(), m.bare())));
      RunSummary.table(out, List.of("step", "seconds", "landed rows/s", "x bare copy"), table);
    }
    out.append("\nSummary\n");
    List<List<String>> summary = new ArrayList<>();
    for (Measured m : measured) {
      summary.add(List.of(m.label(), secs(m.whole()), ratio(m.whole(), m.bare())));
    }
    RunSummary.table(out, List.of("night", "seconds", "x bare copy"), summary);
    if (doubled.isPresent() && measured.size() > 1) {
      Measured once = measured.get(1);
      out.append(String.format(Locale.ROOT, "%nhistory doubling: the same normal night takes %.1f s on %d year(s) of history, %.1f s on %d:"
          + " ratio %.2f%n", once.whole(), historyYears, doubled.get().whole(), 2 * historyYears, doubled.get().whole() / once.whole()));
    }
    out.append(String.format(Locale.ROOT, "peak heap in use %,d MB (sampled every 100 ms)%n", peak.mb()));
    System.out.print(out);
    return 0;
  }

  private Settings settings(Path work, String lakeFolder) {
    return lake.settings().withLakeRoot(work.resolve(lakeFolder).toString()).withLandingRoot(work.resolve("landing").toString());
  }

  /** Generates one night into {@code landing}, copies it bare, runs the whole nightly; empty when the night failed. */
  private Optional<Measured> night(DeltaIo io, Settings base, List<Contract> contracts, PseudonymKey key, Path landing,
      LocalDate date, ExtractKind extract, int years, String label) {
    Settings settings = base.withLandingRoot(landing.toString());
    System.out.println(label + " " + date + ": generating ...");
    long t0 = System.nanoTime();
    Manifest manifest = new SyntheticLanding(new GeneratorSettings(date, persons, seed, DefectRates.defaults(), extract, years))
        .generate(landing, landing.resolveSibling(landing.getFileName() + "-ground-truth"));
    double generate = (System.nanoTime() - t0) / 1e9;
    Path work = landing.getParent();
    double bareFirst = bareCopy(io.spark(), contracts, landing.resolve(date.toString()), work.resolve("bare").resolve(date.toString()));
    Map<String, Duration> stageTimes = new java.util.LinkedHashMap<>();
    long n0 = System.nanoTime();
    NightlyResult result = new NightlyRun(io, settings, Optional.of(key), date, Stages.all(), Optional.empty(),
        Optional.empty(), new Progress() {
          @Override public void stageStarted(Stage stage, int index, int of) {
            System.out.println("  running " + stage.id() + " ...");
          }
          @Override public void stageFinished(Stage stage, String summary, Duration duration) {
            stageTimes.put(stage.id(), duration);
          }
        }, Clock.systemUTC()).run();
    double whole = (System.nanoTime() - n0) / 1e9;
    if (result.outcome() == NightlyResult.Outcome.FAILED) {
      System.err.println("carelake: benchmark nightly failed on " + date + ": " + result.message());
      return Optional.empty();
    }
    // Copied again after the night: the faster copy is the floor, the slower one paid for a cold JVM or a busy machine.
    double bareSecond = bareCopy(io.spark(), contracts, landing.resolve(date.toString()), work.resolve("bare-again").resolve(date.toString()));
    return Optional.of(new Measured(label, date, manifest.totalRows(), manifest.files().size(), generate,
        Math.min(bareFirst, bareSecond), stageTimes, whole));
  }

  /** The heap in use, sampled every 100 ms by a daemon thread; keeps the largest. */
  private static final class PeakHeap {
    private final java.util.concurrent.atomic.AtomicLong peak = new java.util.concurrent.atomic.AtomicLong();

    PeakHeap() {
      java.lang.management.MemoryMXBean memory = java.lang.management.ManagementFactory.getMemoryMXBean();
      Thread sampler = new Thread(() -> {
        while (true) {
          peak.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
          try {
            Thread.sleep(100);
          } catch (InterruptedException e) {
            return;
          }
        }
      }, "benchmark-heap-sampler");
      sampler.setDaemon(true);
      sampler.start();
    }

    long mb() {
      return peak.get() >> 20;
    }
  }

  /** Reads every landed file of each feed with an explicit schema and writes it to a Delta table. */
  private static double bareCopy(SparkSession spark, List<Contract> contracts, Path nightLanding, Path target) {
    long start = System.nanoTime();
    for (Contract contract : contracts) {
      String glob = nightLanding + "/*/" + contract.id() + "*.csv";
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
      reader.csv(glob).write().format("delta").mode("overwrite").save(target.resolve(contract.id()).toString());
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
