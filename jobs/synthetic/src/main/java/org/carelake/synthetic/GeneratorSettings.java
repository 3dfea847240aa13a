package org.carelake.synthetic;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;

/**
 * What to generate: the night (the extract date; care dates fall before it), how many persons
 * in the region, the seed, the defect rates and whether this is the initial (full) extract.
 * Same settings give byte-identical output.
 */
public record GeneratorSettings(LocalDate night, long persons, long seed, DefectRates rates, ExtractKind extract) {
  /** Persons' birth, registration and onset dates are fixed relative to this day, so they do not move between nights. */
  public static final LocalDate POPULATION_AS_OF = LocalDate.of(2025, 1, 1);

  public GeneratorSettings {
    requireNonNull(night, "night is null");
    requireNonNull(rates, "rates is null");
    requireNonNull(extract, "extract is null");
    if (!night.isAfter(POPULATION_AS_OF.plusDays(7))) {
      throw new IllegalArgumentException("night must be after " + POPULATION_AS_OF.plusDays(7) + ", was " + night);
    }
    if (persons < 10 || persons > 20_000_000L) {
      throw new IllegalArgumentException("persons must be between 10 and 20,000,000, was " + persons);
    }
  }

  /** A normal nightly increment. */
  public GeneratorSettings(LocalDate night, long persons, long seed, DefectRates rates) {
    this(night, persons, seed, rates, ExtractKind.INCREMENT);
  }

  public GeneratorSettings withExtract(ExtractKind kind) {
    return new GeneratorSettings(night, persons, seed, rates, kind);
  }
}
