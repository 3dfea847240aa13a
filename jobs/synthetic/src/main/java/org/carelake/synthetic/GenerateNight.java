package org.carelake.synthetic;

import java.nio.file.Path;
import java.time.LocalDate;

/**
 * Command line: {@code GenerateNight --night 2026-11-24 --persons 100000 --seed 42
 * --landing landing --ground-truth out/ground-truth [--initial] [--history-years Y] [--defects default|test|none]}.
 * Prints counts only, never identifiers.
 */
public final class GenerateNight {
  private GenerateNight() {}

  public static void main(String[] args) {
    LocalDate night = null;
    long persons = 100_000;
    long seed = 42;
    Path landing = Path.of("landing");
    Path truth = Path.of("out", "ground-truth");
    ExtractKind extract = ExtractKind.INCREMENT;
    DefectRates rates = DefectRates.defaults();
    int historyYears = 0;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--night" -> night = LocalDate.parse(args[++i]);
        case "--persons" -> persons = Long.parseLong(args[++i].replace("_", ""));
        case "--seed" -> seed = Long.parseLong(args[++i]);
        case "--landing" -> landing = Path.of(args[++i]);
        case "--ground-truth" -> truth = Path.of(args[++i]);
        case "--initial" -> extract = ExtractKind.INITIAL;
        case "--history-years" -> historyYears = Integer.parseInt(args[++i]);
        case "--defects" -> rates = switch (args[++i]) {
          case "default" -> DefectRates.defaults();
          case "test" -> DefectRates.testPreset();
          case "none" -> DefectRates.none();
          default -> throw new IllegalArgumentException("--defects must be default, test or none, was " + args[i]);
        };
        default -> throw new IllegalArgumentException("unknown option " + args[i]
            + "; usage: --night YYYY-MM-DD [--persons N] [--seed S] [--landing DIR] [--ground-truth DIR] [--initial] [--history-years Y] [--defects default|test|none]");
      }
    }
    if (night == null) {
      throw new IllegalArgumentException("--night YYYY-MM-DD is required");
    }
    long started = System.nanoTime();
    Manifest manifest = new SyntheticLanding(new GeneratorSettings(night, persons, seed, rates, extract, historyYears)).generate(landing, truth);
    double seconds = (System.nanoTime() - started) / 1e9;
    System.out.printf("night %s: %d files, %d rows in %.1f s (%.0f rows/s)%n", manifest.night(), manifest.files().size(),
        manifest.totalRows(), seconds, manifest.totalRows() / seconds);
    for (DefectKind kind : DefectKind.values()) {
      System.out.printf("  %-20s %d%n", kind.key(), manifest.total(kind));
    }
    for (Revision kind : Revision.values()) {
      System.out.printf("  %-20s %d%n", kind.key(), manifest.total(kind));
    }
  }
}
