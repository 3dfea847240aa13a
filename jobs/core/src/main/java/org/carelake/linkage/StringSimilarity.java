package org.carelake.linkage;

import static java.util.Objects.requireNonNull;

/**
 * String similarity and phonetic codes for comparing names and addresses.
 *
 * <p>Spark calls these on millions of record pairs per executor thread, so the hot paths
 * ({@link #jaroWinkler}, {@link #withinOneEdit}) reuse per-thread scratch buffers or allocate
 * nothing at all. Inputs are expected already standardised (upper case); the functions compare
 * characters exactly.
 */
public final class StringSimilarity {
  private static final double PREFIX_SCALE = 0.1;
  private static final int MAX_PREFIX = 4;
  /** Winkler boosts only strings that are already similar; below this Jaro is returned as is. */
  private static final double BOOST_THRESHOLD = 0.7;
  private static final ThreadLocal<Scratch> SCRATCH = ThreadLocal.withInitial(Scratch::new);

  private StringSimilarity() {}

  /**
   * Jaro–Winkler similarity in [0, 1]: Jaro's matching-characters-and-transpositions score, raised
   * for a common prefix of up to four characters with scale 0.1 when Jaro is at least 0.7. Two
   * empty strings are identical (1); an empty and a non-empty string share nothing (0).
   */
  public static double jaroWinkler(String a, String b) {
    return jaroWinkler(requireNonNull(a, "a is null"), 0, requireNonNull(b, "b is null"), 0);
  }

  /** Jaro–Winkler of the suffixes of {@code a} and {@code b} from the given offsets, without copying them. */
  static double jaroWinkler(String a, int aFrom, String b, int bFrom) {
    int aLength = a.length() - aFrom;
    int bLength = b.length() - bFrom;
    if (aLength == 0 || bLength == 0) {
      return aLength == bLength ? 1.0 : 0.0;
    }
    double jaro = jaro(a, aFrom, aLength, b, bFrom, bLength);
    if (jaro < BOOST_THRESHOLD) {
      return jaro;
    }
    int prefix = 0;
    int maxPrefix = Math.min(MAX_PREFIX, Math.min(aLength, bLength));
    while (prefix < maxPrefix && a.charAt(aFrom + prefix) == b.charAt(bFrom + prefix)) {
      prefix++;
    }
    return jaro + prefix * PREFIX_SCALE * (1.0 - jaro);
  }

  private static double jaro(String a, int aFrom, int aLength, String b, int bFrom, int bLength) {
    int window = Math.max(0, Math.max(aLength, bLength) / 2 - 1);
    Scratch scratch = SCRATCH.get();
    boolean[] aMatched = scratch.first(aLength);
    boolean[] bMatched = scratch.second(bLength);
    int matches = 0;
    for (int i = 0; i < aLength; i++) {
      char c = a.charAt(aFrom + i);
      int end = Math.min(bLength - 1, i + window);
      for (int j = Math.max(0, i - window); j <= end; j++) {
        if (!bMatched[j] && b.charAt(bFrom + j) == c) {
          aMatched[i] = true;
          bMatched[j] = true;
          matches++;
          break;
        }
      }
    }
    if (matches == 0) {
      return 0.0;
    }
    // Matched characters out of order, counted once per side: half of them are transpositions.
    int outOfOrder = 0;
    int j = 0;
    for (int i = 0; i < aLength; i++) {
      if (aMatched[i]) {
        while (!bMatched[j]) {
          j++;
        }
        if (a.charAt(aFrom + i) != b.charAt(bFrom + j)) {
          outOfOrder++;
        }
        j++;
      }
    }
    double m = matches;
    return (m / aLength + m / bLength + (m - outOfOrder / 2.0) / m) / 3.0;
  }

  /** Levenshtein distance: insertions, deletions and substitutions each cost 1. */
  public static int levenshtein(String a, String b) {
    requireNonNull(a, "a is null");
    requireNonNull(b, "b is null");
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  /**
   * Damerau–Levenshtein distance in its optimal-string-alignment form: as Levenshtein, plus a
   * transposition of two adjacent characters costs 1 (no substring is edited twice).
   */
  public static int damerauLevenshtein(String a, String b) {
    requireNonNull(a, "a is null");
    requireNonNull(b, "b is null");
    int[] beforePrevious = new int[b.length() + 1];
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        char ac = a.charAt(i - 1);
        char bc = b.charAt(j - 1);
        int best = Math.min(previous[j - 1] + (ac == bc ? 0 : 1), Math.min(previous[j], current[j - 1]) + 1);
        if (i > 1 && j > 1 && ac == b.charAt(j - 2) && a.charAt(i - 2) == bc) {
          best = Math.min(best, beforePrevious[j - 2] + 1);
        }
        current[j] = best;
      }
      int[] recycled = beforePrevious;
      beforePrevious = previous;
      previous = current;
      current = recycled;
    }
    return previous[b.length()];
  }

  /**
   * True when {@link #damerauLevenshtein} is at most 1 (equal, one substitution, insertion,
   * deletion or adjacent transposition), decided in one pass without allocating: the comparisons
   * only ever ask this question.
   */
  public static boolean withinOneEdit(String a, String b) {
    requireNonNull(a, "a is null");
    requireNonNull(b, "b is null");
    if (a.length() < b.length()) {
      String swap = a;
      a = b;
      b = swap;
    }
    int lengthDifference = a.length() - b.length();
    if (lengthDifference > 1) {
      return false;
    }
    int i = 0;
    while (i < b.length() && a.charAt(i) == b.charAt(i)) {
      i++;
    }
    if (i == b.length()) {
      return true;
    }
    if (lengthDifference == 1) {
      return a.regionMatches(i + 1, b, i, b.length() - i);
    }
    if (a.regionMatches(i + 1, b, i + 1, b.length() - i - 1)) {
      return true;
    }
    return i + 1 < b.length()
        && a.charAt(i) == b.charAt(i + 1)
        && a.charAt(i + 1) == b.charAt(i)
        && a.regionMatches(i + 2, b, i + 2, b.length() - i - 2);
  }

  /**
   * American Soundex: the first letter and three digits (R163 for ROBERT and RUPERT). Non-letters
   * are ignored; letters with the same code separated only by H or W are coded once, a vowel
   * between them codes both. Null when the name has no letters A–Z.
   */
  public static String soundex(String name) {
    if (name == null) {
      return null;
    }
    char[] code = {'0', '0', '0', '0'};
    int length = 0;
    char last = 0;
    for (int i = 0; i < name.length() && length < 4; i++) {
      char c = Character.toUpperCase(name.charAt(i));
      if (c < 'A' || c > 'Z') {
        continue;
      }
      char digit = soundexDigit(c);
      if (length == 0) {
        code[length++] = c;
        last = digit;
      } else if (c == 'H' || c == 'W') {
        continue;
      } else if (digit == '0') {
        last = '0';
      } else if (digit != last) {
        code[length++] = digit;
        last = digit;
      }
    }
    return length == 0 ? null : new String(code);
  }

  private static char soundexDigit(char letter) {
    return switch (letter) {
      case 'B', 'F', 'P', 'V' -> '1';
      case 'C', 'G', 'J', 'K', 'Q', 'S', 'X', 'Z' -> '2';
      case 'D', 'T' -> '3';
      case 'L' -> '4';
      case 'M', 'N' -> '5';
      case 'R' -> '6';
      default -> '0';
    };
  }

  /**
   * The primary code of Lawrence Philips' Double Metaphone, at most four characters ({@code 0}
   * stands for TH): STEPHEN and STEVEN are both STFN. Null when the name has no letters A–Z.
   */
  public static String doubleMetaphone(String name) {
    return DoubleMetaphone.primary(name);
  }

  /**
   * The phonetic code the comparisons and blocking rules use: currently {@link #doubleMetaphone},
   * which keeps the variants British, Irish and South Asian names are commonly spelt in together
   * (CATHERINE and KATHRYN, MOHAMMED and MUHAMMAD, HUSSAIN and HUSSEIN).
   */
  public static String phonetic(String name) {
    return DoubleMetaphone.primary(name);
  }

  /** Per-thread flag arrays for Jaro, grown on demand and cleared before each use. */
  private static final class Scratch {
    private boolean[] first = new boolean[32];
    private boolean[] second = new boolean[32];

    boolean[] first(int length) {
      first = cleared(first, length);
      return first;
    }

    boolean[] second(int length) {
      second = cleared(second, length);
      return second;
    }

    private static boolean[] cleared(boolean[] flags, int length) {
      if (flags.length < length) {
        return new boolean[Math.max(length, flags.length * 2)];
      }
      java.util.Arrays.fill(flags, 0, length, false);
      return flags;
    }
  }
}
