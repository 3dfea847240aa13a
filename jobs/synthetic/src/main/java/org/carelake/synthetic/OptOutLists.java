package org.carelake.synthetic;

import static java.util.Objects.requireNonNull;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.carelake.geography.Borough;

/**
 * The two opt-out lists each borough sends every night, in full: the National Data Opt-out and
 * the Type 1 (GP) opt-out, one NHS number per row ({@code national_data_opt_out.csv},
 * {@code type_1_opt_out.csv} in the borough's folder), for the people living and registered there.
 *
 * <p>Rates: about 5.4% of people have a National Data Opt-out (England's published rate) and about
 * 2.5% a Type 1 opt-out, each varying by borough (a fixed multiplier per borough). Status changes
 * over time: from {@link GeneratorSettings#POPULATION_AS_OF}, over three years, 0.6% of people not
 * opted out opt out and 6% of those opted out withdraw, each on a day of their own — at the
 * region's size about fifteen new opt-outs and nine withdrawals a night for each list. Whether a
 * person is on a list on a night is a pure function of the seed, the person and the night, so the
 * same settings give the same lists and consecutive nights differ only by those changes. Dead and
 * departed people (calibrated model) are not listed.
 *
 * <p>Ground truth goes to {@code opt_outs.csv} beside {@code ground_truth.csv}:
 * {@code list,borough_code,file,row_number,person_id}.
 */
final class OptOutLists {
  static final String TRUTH_FILE = "opt_outs.csv";
  static final String TRUTH_HEADER = "list,borough_code,file,row_number,person_id";
  /** Days over which opt-out and withdrawal days are spread, from {@link GeneratorSettings#POPULATION_AS_OF}. */
  static final int CHANGE_DAYS = 3 * 365;
  static final double OPT_OUT_LATER = 0.006;
  static final double WITHDRAW_LATER = 0.06;

  /** A list, with its national rate and how each borough (by ordinal) differs from it. */
  enum Kind {
    NATIONAL_DATA_OPT_OUT("national_data_opt_out", 0x4E444F50L, 0.054,
        new double[] {0.85, 0.95, 1.30, 0.80, 0.85, 1.05, 1.20, 0.90, 1.25, 0.75}),
    TYPE_1_OPT_OUT("type_1_opt_out", 0x54595031L, 0.025,
        new double[] {1.20, 0.80, 1.00, 1.30, 0.70, 1.10, 0.90, 1.00, 0.85, 1.15});

    final String feedId;
    final long salt;
    final double nationalRate;
    private final double[] boroughFactor;

    Kind(String feedId, long salt, double nationalRate, double[] boroughFactor) {
      this.feedId = feedId;
      this.salt = salt;
      this.nationalRate = nationalRate;
      this.boroughFactor = boroughFactor;
    }

    /** The share of the borough's people opted out at {@link GeneratorSettings#POPULATION_AS_OF}. */
    double rate(Borough borough) {
      return nationalRate * boroughFactor[borough.ordinal()];
    }
  }

  private final GeneratorSettings settings;
  private final Population population;

  OptOutLists(GeneratorSettings settings, Population population) {
    this.settings = requireNonNull(settings, "settings is null");
    this.population = requireNonNull(population, "population is null");
  }

  /** Whether person {@code index}, living in {@code home}, is on the list on {@code night} (alive or not). */
  boolean listed(Kind kind, long index, Borough home, LocalDate night) {
    long base = settings.seed() ^ kind.salt;
    boolean initially = Mix.unit(Mix.mix(base, index, 1)) < kind.rate(home);
    double change = Mix.unit(Mix.mix(base, index, 2));
    boolean changes = change < (initially ? WITHDRAW_LATER : OPT_OUT_LATER);
    if (changes) {
      LocalDate day = GeneratorSettings.POPULATION_AS_OF.plusDays((long) (Mix.unit(Mix.mix(base, index, 3)) * CHANGE_DAYS));
      if (!night.isBefore(day)) {
        return !initially;
      }
    }
    return initially;
  }

  /** Writes the borough's two lists for the night into its folder; returns their manifest entries. */
  List<Manifest.FileEntry> write(Borough borough, Path folder, Path truthFolder) {
    LocalDate night = settings.night();
    List<Manifest.FileEntry> entries = new ArrayList<>();
    boolean firstBorough = borough.ordinal() == 0;
    try (BufferedWriter truth = Files.newBufferedWriter(truthFolder.resolve(TRUTH_FILE), StandardCharsets.UTF_8,
        firstBorough ? new java.nio.file.OpenOption[] {java.nio.file.StandardOpenOption.CREATE,
            java.nio.file.StandardOpenOption.TRUNCATE_EXISTING, java.nio.file.StandardOpenOption.WRITE}
            : new java.nio.file.OpenOption[] {java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND})) {
      if (firstBorough) {
        truth.write(TRUTH_HEADER + "\n");
      }
      for (Kind kind : Kind.values()) {
        String file = kind.feedId + ".csv";
        long rows = 0;
        Set<String> numbers = new HashSet<>();
        try (BufferedWriter out = Files.newBufferedWriter(folder.resolve(file), StandardCharsets.UTF_8)) {
          out.write("NHSNumber\n");
          for (long index = population.firstIndex(borough); index < population.endIndex(borough); index++) {
            if (!listed(kind, index, borough, night)) {
              continue;
            }
            Person person = population.person(index);
            if (population.calibrated() && !person.activeOn(night)) {
              continue;
            }
            // Beyond the 999 range's capacity people share numbers; a list holds each number once.
            if (numbers.add(person.nhsNumber())) {
              rows++;
              out.write(person.nhsNumber());
              out.write('\n');
              truth.write(kind.feedId + "," + borough.onsCode() + "," + borough.onsCode() + "/" + file + "," + rows + "," + index + "\n");
            }
          }
        }
        EnumMap<DefectKind, Long> none = new EnumMap<>(DefectKind.class);
        for (DefectKind defect : DefectKind.values()) {
          none.put(defect, 0L);
        }
        entries.add(Manifest.FileEntry.of(borough.onsCode(), kind.feedId, borough.onsCode() + "/" + file, rows, none, Manifest.noRevisions(), false, null));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the opt-out lists of " + borough.onsCode(), e);
    }
    return entries;
  }
}
