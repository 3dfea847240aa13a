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

  private final long seed;
  private final long size;
  private final long[] start = new long[Borough.values().length + 1];
  private final PostcodeDirectory postcodes = PostcodeDirectory.greaterManchester();

  Population(long seed, long size) {
    this.seed = seed;
    this.size = size;
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

  /** The borough a person moved away from, or null; cheap, so every borough can scan for its movers. */
  Borough previousBorough(long index) {
    long hash = Mix.mix(seed ^ 0x4D4F564552L, index);
    if (Mix.unit(hash) >= MOVER_SHARE) {
      return null;
    }
    Borough home = homeBorough(index);
    int other = (int) Math.floorMod(hash, 9L);
    return Borough.values()[other >= home.ordinal() ? other + 1 : other];
  }

  Person person(long index) {
    return new Person(this, index, homeBorough(index), previousBorough(index),
        new java.util.SplittableRandom(Mix.mix(seed, index)));
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
