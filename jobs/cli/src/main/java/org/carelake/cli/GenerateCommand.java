package org.carelake.cli;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import org.carelake.synthetic.DefectRates;
import org.carelake.synthetic.ExtractKind;
import org.carelake.synthetic.GeneratorSettings;
import org.carelake.synthetic.Manifest;
import org.carelake.synthetic.SyntheticLanding;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Writes one night's synthetic landing zone (and, apart from it, the ground truth). */
@Command(name = "generate", mixinStandardHelpOptions = true,
    description = "Write one night of synthetic extracts for the ten boroughs: OUT/landing/<date>/<borough>/*.csv,"
        + " with the ground truth and manifest in OUT/ground-truth (outside the landing zone).")
final class GenerateCommand implements Callable<Integer> {
  @Option(names = "--date", required = true, description = "The night (YYYY-MM-DD).")
  LocalDate date;

  @Option(names = "--persons", defaultValue = "2000", description = "People in the region (default ${DEFAULT-VALUE}).")
  long persons;

  @Option(names = "--seed", defaultValue = "42", description = "Random seed; same seed, same bytes (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--out", required = true, description = "Output folder.")
  Path out;

  @Option(names = "--initial", description = "The first, full extract: every registration and condition history.")
  boolean initial;

  @Option(names = "--history-years", defaultValue = "0",
      description = "Years of history the initial extract holds, at national yearly rates per person (0, the default, keeps the"
          + " original one-night model). Give the same value on later nights: they are then increments at a 365th of a year's rates.")
  int historyYears;

  @Option(names = "--defects", defaultValue = "default", description = "Defect rates: default, test (higher) or none.")
  String defects;

  @Override
  public Integer call() {
    DefectRates rates = switch (defects) {
      case "default" -> DefectRates.defaults();
      case "test" -> DefectRates.testPreset();
      case "none" -> DefectRates.none();
      default -> throw new picocli.CommandLine.ParameterException(
          new picocli.CommandLine(this), "--defects must be default, test or none");
    };
    GeneratorSettings settings =
        new GeneratorSettings(date, persons, seed, rates, initial ? ExtractKind.INITIAL : ExtractKind.INCREMENT, historyYears);
    long start = System.nanoTime();
    Manifest manifest = new SyntheticLanding(settings).generate(out.resolve("landing"), out.resolve("ground-truth"));
    long rows = manifest.files().stream().mapToLong(Manifest.FileEntry::rows).sum();
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(java.util.Locale.ROOT,
        "generated night %s: %,d people, %d files, %,d rows in %.1f s (%,.0f rows/s)%n  landing zone: %s%n  ground truth: %s%n",
        date, persons, manifest.files().size(), rows, seconds, rows / Math.max(seconds, 1e-9),
        out.resolve("landing"), out.resolve("ground-truth").resolve(date.toString()));
    return 0;
  }
}
