package org.carelake.synthetic;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;

/**
 * What to generate: the night (the extract date; care dates fall before it), how many persons
 * in the region, the seed, the defect rates, whether this is the initial (full) extract and how
 * many years of history the population model covers. Same settings give byte-identical output.
 *
 * <p>{@code historyYears} 0 (the default) is the original model: an initial extract holds one
 * coded event per recorded condition plus one night's activity, and every night draws the same
 * small per-night rates. With {@code historyYears} Y &gt; 0 the calibrated model is used (see
 * {@link CalibratedActivity}): the initial extract holds Y years of activity for every feed at
 * national yearly rates, people are born, die, register, move and leave, and later nights (given
 * the same Y) are increments at a 365th of those yearly rates. Increments of the calibrated model
 * also revise earlier nights at the {@code revisions} rates (late records, corrections, deletions;
 * see {@link Revisions}); {@link RevisionRates#defaults()} unless given.
 */
public record GeneratorSettings(
    LocalDate night, long persons, long seed, DefectRates rates, ExtractKind extract, int historyYears, RevisionRates revisions) {
  /** Persons' birth, registration and onset dates are fixed relative to this day, so they do not move between nights. */
  public static final LocalDate POPULATION_AS_OF = LocalDate.of(2025, 1, 1);
  /** Most years of history an initial extract may hold. */
  public static final int MAX_HISTORY_YEARS = 10;

  public GeneratorSettings {
    requireNonNull(night, "night is null");
    requireNonNull(rates, "rates is null");
    requireNonNull(extract, "extract is null");
    requireNonNull(revisions, "revisions is null");
    if (!night.isAfter(POPULATION_AS_OF.plusDays(7))) {
      throw new IllegalArgumentException("night must be after " + POPULATION_AS_OF.plusDays(7) + ", was " + night);
    }
    if (persons < 10 || persons > 20_000_000L) {
      throw new IllegalArgumentException("persons must be between 10 and 20,000,000, was " + persons);
    }
    if (historyYears < 0 || historyYears > MAX_HISTORY_YEARS) {
      throw new IllegalArgumentException("history years must be between 0 and " + MAX_HISTORY_YEARS + ", was " + historyYears);
    }
  }

  /** Default revision rates. */
  public GeneratorSettings(LocalDate night, long persons, long seed, DefectRates rates, ExtractKind extract, int historyYears) {
    this(night, persons, seed, rates, extract, historyYears, RevisionRates.defaults());
  }

  /** The original model (no history). */
  public GeneratorSettings(LocalDate night, long persons, long seed, DefectRates rates, ExtractKind extract) {
    this(night, persons, seed, rates, extract, 0);
  }

  /** A normal nightly increment of the original model. */
  public GeneratorSettings(LocalDate night, long persons, long seed, DefectRates rates) {
    this(night, persons, seed, rates, ExtractKind.INCREMENT, 0);
  }

  public GeneratorSettings withExtract(ExtractKind kind) {
    return new GeneratorSettings(night, persons, seed, rates, kind, historyYears, revisions);
  }

  public GeneratorSettings withNight(LocalDate other) {
    return new GeneratorSettings(other, persons, seed, rates, extract, historyYears, revisions);
  }

  public GeneratorSettings withHistoryYears(int years) {
    return new GeneratorSettings(night, persons, seed, rates, extract, years, revisions);
  }

  public GeneratorSettings withRevisions(RevisionRates other) {
    return new GeneratorSettings(night, persons, seed, rates, extract, historyYears, other);
  }

  /** Whether the calibrated population model (history, life events, national yearly rates) is used. */
  public boolean calibrated() {
    return historyYears > 0;
  }
}
