package org.carelake.synthetic;

import java.time.LocalDate;
import java.util.List;
import org.carelake.geography.Borough;
import org.carelake.geography.PostcodeArea;
import org.carelake.geography.PostcodeDirectory;

/**
 * The region's synthetic population, never held in memory: persons are numbered 0..n-1, each
 * borough owns a contiguous range sized by its Census population, and {@link #person(long)}
 * derives everything about a person from (seed, index).
 */
final class Population {
  static final int PRACTICES_PER_BOROUGH = 47;
  static final double MOVER_SHARE = 0.02;
  /** Share of persons who are one of a pair of twins. */
  static final double TWIN_SHARE = 0.015;
  /** Share of persons who share sex, names and birthday with an unrelated person in another borough. */
  static final double NAMESAKE_SHARE = 0.002;

  private final long seed;
  private final long size;
  private final boolean calibrated;
  private final long[] start = new long[Borough.values().length + 1];
  private final PostcodeDirectory postcodes = PostcodeDirectory.greaterManchester();

  Population(long seed, long size) {
    this(seed, size, false);
  }

  /** @param calibrated whether persons follow the calibrated model (life events, dates anchored two years on) */
  Population(long seed, long size, boolean calibrated) {
    this.seed = seed;
    this.size = size;
    this.calibrated = calibrated;
    // largest remainder, ties by borough order: exact and deterministic
    Borough[] boroughs = Borough.values();
    long total = Borough.totalPopulation();
    long[] counts = new long[boroughs.length];
    double[] remainder = new double[boroughs.length];
    long assigned = 0;
    for (int b = 0; b < boroughs.length; b++) {
      double exact = (double) size * boroughs[b].population() / total;
      counts[b] = (long) Math.floor(exact);
      remainder[b] = exact - counts[b];
      assigned += counts[b];
    }
    for (long left = size - assigned; left > 0; left--) {
      int best = 0;
      for (int b = 1; b < boroughs.length; b++) {
        if (remainder[b] > remainder[best]) {
          best = b;
        }
      }
      counts[best]++;
      remainder[best] = -1;
    }
    for (int b = 0; b < boroughs.length; b++) {
      start[b + 1] = start[b] + counts[b];
    }
  }

  long size() {
    return size;
  }

  boolean calibrated() {
    return calibrated;
  }

  long firstIndex(Borough borough) {
    return start[borough.ordinal()];
  }

  long endIndex(Borough borough) {
    return start[borough.ordinal() + 1];
  }

  Borough homeBorough(long index) {
    for (Borough borough : Borough.values()) {
      if (index < start[borough.ordinal() + 1]) {
        return borough;
      }
    }
    throw new IllegalArgumentException("person index out of range: " + index);
  }

  /**
   * The borough a person moved away from, or null; cheap, so every borough can scan for its
   * movers. Twins move together (the hash is the household's).
   */
  Borough previousBorough(long index) {
    return movedFrom(household(index));
  }

  private Borough movedFrom(long household) {
    long hash = Mix.mix(seed ^ 0x4D4F564552L, household);
    if (Mix.unit(hash) >= MOVER_SHARE) {
      return null;
    }
    Borough home = homeBorough(household);
    int other = (int) Math.floorMod(hash, 9L);
    return Borough.values()[other >= home.ordinal() ? other + 1 : other];
  }

  /**
   * The other twin's index, or -1. Persons 2k and 2k+1 are twins when a hash of k says so (about
   * {@link #TWIN_SHARE} of persons) and both live in the same borough; nothing is stored.
   */
  long twinOf(long index) {
    long pair = index >>> 1;
    if (Mix.unit(Mix.mix(seed ^ 0x5457494EL, pair)) >= TWIN_SHARE) {
      return -1;
    }
    long first = pair << 1;
    if (first + 1 >= size || homeBorough(first) != homeBorough(first + 1)) {
      return -1;
    }
    return index == first ? first + 1 : first;
  }

  /** The household a person's shared attributes come from: the first twin of a pair, otherwise the person. */
  long household(long index) {
    long twin = twinOf(index);
    return twin >= 0 && twin < index ? twin : index;
  }

  /**
   * The unrelated person (in another borough) whose sex, given name, family name and date of
   * birth this person shares, or -1: about {@link #NAMESAKE_SHARE} of persons. Twins are never
   * namesakes and a namesake's source is never a namesake itself, so this never chains.
   */
  long namesakeOf(long index) {
    long hash = Mix.mix(seed ^ 0x4E414D45L, index);
    if (Mix.unit(hash) >= NAMESAKE_SHARE || twinOf(index) >= 0) {
      return -1;
    }
    Borough home = homeBorough(index);
    int other = (int) Math.floorMod(hash >>> 7, 9L);
    Borough there = Borough.values()[other >= home.ordinal() ? other + 1 : other];
    long count = endIndex(there) - firstIndex(there);
    if (count == 0) {
      return -1;
    }
    long source = firstIndex(there) + Math.floorMod(Mix.mix(hash, 1), count);
    boolean sourceIsNamesake = Mix.unit(Mix.mix(seed ^ 0x4E414D45L, source)) < NAMESAKE_SHARE && twinOf(source) < 0;
    return sourceIsNamesake ? -1 : source;
  }

  Person person(long index) {
    long namesake = namesakeOf(index);
    return person(index, namesake < 0 ? null : person(namesake, null));
  }

  private Person person(long index, Person namesake) {
    long twin = twinOf(index);
    Borough previous = movedFrom(twin >= 0 && twin < index ? twin : index);
    return new Person(this, index, seed, homeBorough(index), previous, twin, namesake);
  }

  List<PostcodeArea> postcodes(Borough borough) {
    return postcodes.allFor(borough);
  }

  /** Practice code, ODS-like: P8 then borough digit then three digits. */
  static String practiceCode(Borough borough, int practice) {
    return "P8" + borough.ordinal() + (practice < 10 ? "00" : practice < 100 ? "0" : "") + practice;
  }

  /** About 60% of practices use the EMIS-like system, the rest TPP-like; fixed per practice. */
  static boolean isEmisPractice(Borough borough, int practice) {
    return (practice * 7 + borough.ordinal() * 3) % 10 < 6;
  }

  static LocalDate asOf() {
    return GeneratorSettings.POPULATION_AS_OF;
  }
}
