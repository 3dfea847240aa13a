package org.carelake.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.carelake.lake.DeltaIo;
import org.carelake.nightly.NightlyResult;
import org.carelake.nightly.NightlyRun;
import org.carelake.pseudonym.PseudonymKey;
import org.carelake.run.Settings;
import org.carelake.synthetic.DefectRates;
import org.carelake.synthetic.ExtractKind;
import org.carelake.synthetic.GeneratorSettings;
import org.carelake.synthetic.SyntheticLanding;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The demo: synthetic extracts for all ten boroughs through the whole nightly pipeline into a
 * local lake, night after night, ending with each night's summary.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Generate synthetic nights for the ten boroughs and run them through the whole pipeline into a local lake.")
final class DemoCommand implements Callable<Integer> {
  @Mixin LakeOptions lake;

  @Option(names = "--dir", description = "Demo folder (default .carelake/demo under CARELAKE_HOME or the current folder).")
  Path dir;

  @Option(names = "--persons", defaultValue = "3000", description = "People in the synthetic region (default ${DEFAULT-VALUE}).")
  long persons;

  @Option(names = "--nights", defaultValue = "2", description = "Nights to run: the first is the initial full extract (default ${DEFAULT-VALUE}).")
  int nights;

  @Option(names = "--history-years", defaultValue = "2",
      description = "Years of history in the first night's initial extract, at national yearly rates (default ${DEFAULT-VALUE}).")
  int historyYears;

  @Option(names = "--first-night", defaultValue = "2026-11-23", description = "Date of the first night (default ${DEFAULT-VALUE}).")
  LocalDate firstNight;

  @Option(names = "--seed", defaultValue = "42") long seed;

  @Option(names = "--detail", description = "Print each night's whole summary: every borough and feed, every table written.")
  boolean detail;

  @Override
  public Integer call() {
    Path home = ProjectHome.folder();
    Path demo = (dir != null ? dir : home.resolve(".carelake").resolve("demo")).toAbsolutePath().normalize();
    Path keyFile = demo.getParent().resolve("demo.key");
    deleteRecursively(demo);
    createKey(keyFile);
    Settings settings =
        lake.settings().withLakeRoot(demo.resolve("lake").toString()).withLandingRoot(demo.resolve("landing").toString()).withKeyFile(keyFile);
    PseudonymKey key = Lakehouse.key(settings);
    System.out.println("CareLake demo: " + persons + " synthetic people in the ten Greater Manchester boroughs, " + historyYears
        + (historyYears == 1 ? " year" : " years") + " of history, " + nights + (nights == 1 ? " night" : " nights"));
    System.out.println("  lake:     " + settings.lakeRoot());
    System.out.println("  landing:  " + settings.landingRoot());
    System.out.println("  key:      " + keyFile + " (a local demo key, outside the lake; fingerprint " + key.fingerprint() + ")");
    DeltaIo io = Lakehouse.open(settings);
    NightlyResult last = null;
    for (int i = 0; i < nights; i++) {
      LocalDate night = firstNight.plusDays(i);
      ExtractKind extract = i == 0 ? ExtractKind.INITIAL : ExtractKind.INCREMENT;
      var manifest = new SyntheticLanding(new GeneratorSettings(night, persons, seed, DefectRates.defaults(), extract, historyYears))
          .generate(demo.resolve("landing"), demo.resolve("ground-truth"));
      System.out.printf(java.util.Locale.ROOT, "%nNight %s: generated %d files, %,d rows (%s extract, defects injected at default rates)%n",
          night, manifest.files().size(), manifest.totalRows(), extract.name().toLowerCase(java.util.Locale.ROOT));
      last = new NightlyRun(io, settings, Optional.of(key), night, org.carelake.nightly.Stages.all(),
              Optional.empty(), Optional.empty(), new Terminal(System.out), Clock.systemUTC()).run();
      System.out.print(RunSummary.render(last, detail, Lakehouse.fullRefreshFeeds(settings)));
      if (last.outcome() == NightlyResult.Outcome.FAILED) {
        System.err.println("carelake: " + last.message());
        return 1;
      }
    }
    System.out.println("\nThe injected defects above are expected: every landed row is loaded or quarantined with its rule.");
    System.out.println("Look around:  ./carelake status --lake " + settings.lakeRoot());
    return 0;
  }

  private static void createKey(Path keyFile) {
    try {
      Files.createDirectories(keyFile.getParent());
      if (!Files.exists(keyFile)) {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        Files.writeString(keyFile, HexFormat.of().formatHex(secret) + "\n");
        try {
          Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
          // not a POSIX file system; the key is still outside the lake and git
        }
        System.out.println("Created a local demo pseudonymisation key at " + keyFile + " (never commit it; real runs use their own key).");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the demo key " + keyFile, e);
    }
  }

  static void deleteRecursively(Path folder) {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clear " + folder, e);
    }
  }
}
