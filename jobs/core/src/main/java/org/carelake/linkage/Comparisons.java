package org.carelake.linkage;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;

/**
 * Compares two {@link IdentityRecord}s field by field into comparison levels, and packs the levels
 * of a pair into one int (its pattern) so that millions of pairs reduce to counts of a few thousand
 * patterns.
 *
 * <p>Each field's levels are tried from the most specific agreement down and the first that applies
 * wins, so a pair is always at exactly one level per field. Single letters are treated as initials:
 * they are never judged close or phonetic to a longer name, only {@link Level#INITIAL}.
 */
public final class Comparisons {
  /** Bits per field in a packed pattern: up to 16 levels. */
  private static final int BITS = 4;
  private static final int MASK = (1 << BITS) - 1;
  private static final Field[] FIELDS = Field.values();
  private static final double NAME_CLOSE = 0.92;
  private static final double ADDRESS_CLOSE = 0.90;
  private static final double STREET_CLOSE = 0.85;

  private Comparisons() {}

  /** The index into {@code field.levels()} of how {@code a} and {@code b} agree on {@code field}. */
  public static int level(Field field, IdentityRecord a, IdentityRecord b) {
    requireNonNull(field, "field is null");
    requireNonNull(a, "a is null");
    requireNonNull(b, "b is null");
    Level level = switch (field) {
      case NHS_NUMBER -> nhsNumber(a.nhsNumber(), b.nhsNumber());
      case GIVEN_NAME -> givenName(a, b);
      case FAMILY_NAME -> familyName(a, b);
      case DATE_OF_BIRTH -> dateOfBirth(a.dateOfBirth(), b.dateOfBirth());
      case SEX -> exactOrDifferent(a.sex(), b.sex());
      case POSTCODE -> postcode(a.postcode(), b.postcode());
      case ADDRESS -> address(a.address(), b.address());
    };
    return field.indexOf(level);
  }

  /** One level index per {@link Field}, in field order. */
  public static int[] compare(IdentityRecord a, IdentityRecord b) {
    int[] levels = new int[FIELDS.length];
    for (Field field : FIELDS) {
      levels[field.ordinal()] = level(field, a, b);
    }
    return levels;
  }

  /** Packs one level index per field into an int, 4 bits per field in field order, lowest bits first. */
  public static int pack(int[] levels) {
    requireNonNull(levels, "levels is null");
    if (levels.length != FIELDS.length) {
      throw new IllegalArgumentException("expected " + FIELDS.length + " levels, one per field, got " + levels.length);
    }
    int pattern = 0;
    for (int f = 0; f < FIELDS.length; f++) {
      if (levels[f] < 0 || levels[f] >= FIELDS[f].levels().size()) {
        throw new IllegalArgumentException("level index " + levels[f] + " is out of range for " + FIELDS[f].label()
            + ", which has " + FIELDS[f].levels().size() + " levels");
      }
      pattern |= levels[f] << (BITS * f);
    }
    return pattern;
  }

  /** The level indexes packed by {@link #pack}. */
  public static int[] unpack(int pattern) {
    int[] levels = new int[FIELDS.length];
    for (int f = 0; f < FIELDS.length; f++) {
      levels[f] = (pattern >>> (BITS * f)) & MASK;
    }
    return levels;
  }

  private static Level nhsNumber(String a, String b) {
    // Ten equal digits is how systems record "not known", so it is missing, not a shared number.
    if (a == null || b == null
        || IdentityRecord.isPlaceholderNhsNumber(a) || IdentityRecord.isPlaceholderNhsNumber(b)) {
      return Level.MISSING;
    }
    if (a.equals(b)) {
      return Level.EXACT;
    }
    return StringSimilarity.withinOneEdit(a, b) ? Level.TRANSPOSED : Level.DIFFERENT;
  }

  private static Level givenName(IdentityRecord a, IdentityRecord b) {
    String x = a.givenName();
    String y = b.givenName();
    if (x == null || y == null) {
      return Level.MISSING;
    }
    if (x.equals(y)) {
      return Level.EXACT;
    }
    if (namesSwapped(a, b)) {
      return Level.SWAPPED;
    }
    if (Nicknames.areVariants(x, y)) {
      return Level.NICKNAME;
    }
    if (x.length() > 1 && y.length() > 1) {
      if (spelledClose(x, y)) {
        return Level.CLOSE;
      }
      if (soundAlike(x, y)) {
        return Level.PHONETIC;
      }
    }
    return isInitialOf(x, y) || isInitialOf(y, x) ? Level.INITIAL : Level.DIFFERENT;
  }

  private static Level familyName(IdentityRecord a, IdentityRecord b) {
    String x = a.familyName();
    String y = b.familyName();
    if (x == null || y == null) {
      return Level.MISSING;
    }
    if (x.equals(y)) {
      return Level.EXACT;
    }
    if (namesSwapped(a, b)) {
      return Level.SWAPPED;
    }
    if (x.length() > 1 && y.length() > 1) {
      if (spelledClose(x, y) || containsWord(x, y) || containsWord(y, x)) {
        return Level.CLOSE;
      }
      if (soundAlike(x, y)) {
        return Level.PHONETIC;
      }
    }
    return Level.DIFFERENT;
  }

  /** Given and family name exchanged, as when a form is filled in surname first. */
  private static boolean namesSwapped(IdentityRecord a, IdentityRecord b) {
    return a.givenName() != null && a.familyName() != null
        && a.givenName().equals(b.familyName()) && a.familyName().equals(b.givenName());
  }

  private static boolean spelledClose(String x, String y) {
    return StringSimilarity.withinOneEdit(x, y) || StringSimilarity.jaroWinkler(x, y) >= NAME_CLOSE;
  }

  private static boolean soundAlike(String x, String y) {
    String code = StringSimilarity.phonetic(x);
    return code != null && code.equals(StringSimilarity.phonetic(y));
  }

  private static boolean isInitialOf(String initial, String name) {
    return initial.length() == 1 && name.charAt(0) == initial.charAt(0);
  }

  /** True when {@code word} is one whole space-separated word of {@code name}: SMITH in SMITH JONES. */
  static boolean containsWord(String name, String word) {
    for (int from = name.indexOf(word); from >= 0; from = name.indexOf(word, from + 1)) {
      int end = from + word.length();
      boolean startsWord = from == 0 || name.charAt(from - 1) == ' ';
      boolean endsWord = end == name.length() || name.charAt(end) == ' ';
      if (startsWord && endsWord) {
        return true;
      }
    }
    return false;
  }

  private static Level dateOfBirth(LocalDate a, LocalDate b) {
    if (a == null || b == null) {
      return Level.MISSING;
    }
    if (a.equals(b)) {
      // Two 1 January dates agree on the year and a placeholder many systems write for an unknown
      // day: weighed as a default date, not as a shared birthday.
      return isFirstOfJanuary(a) ? Level.DEFAULT_DATE : Level.EXACT;
    }
    boolean sameYear = a.getYear() == b.getYear();
    if (sameYear && a.getDayOfMonth() == b.getMonthValue() && a.getMonthValue() == b.getDayOfMonth()
        && a.getDayOfMonth() != a.getMonthValue()) {
      return Level.DAY_MONTH_SWAPPED;
    }
    // Before ONE_COMPONENT: 1 January against 5 January is a placeholder day, not a typo.
    if (sameYear && (isFirstOfJanuary(a) || isFirstOfJanuary(b))) {
      return Level.DEFAULT_DATE;
    }
    int differing = (a.getDayOfMonth() != b.getDayOfMonth() ? 1 : 0)
        + (a.getMonthValue() != b.getMonthValue() ? 1 : 0)
        + (sameYear ? 0 : 1);
    return differing == 1 ? Level.ONE_COMPONENT : Level.DIFFERENT;
  }

  private static boolean isFirstOfJanuary(LocalDate date) {
    return date.getDayOfMonth() == 1 && date.getMonthValue() == 1;
  }

  private static Level exactOrDifferent(String a, String b) {
    if (a == null || b == null) {
      return Level.MISSING;
    }
    return a.equals(b) ? Level.EXACT : Level.DIFFERENT;
  }

  /** Postcodes in the standard form with one space: M1 1AA, outward code M1, sector M1 1. */
  private static Level postcode(String a, String b) {
    if (a == null || b == null) {
      return Level.MISSING;
    }
    if (a.equals(b)) {
      return Level.EXACT;
    }
    if (StringSimilarity.withinOneEdit(a, b)) {
      return Level.CLOSE;
    }
    int space = a.indexOf(' ');
    if (space <= 0 || space != b.indexOf(' ') || !a.regionMatches(0, b, 0, space)) {
      return Level.DIFFERENT;
    }
    boolean sameSector = a.length() > space + 1 && b.length() > space + 1 && a.charAt(space + 1) == b.charAt(space + 1);
    return sameSector ? Level.SECTOR : Level.DISTRICT;
  }

  private static Level address(String a, String b) {
    if (a == null || b == null) {
      return Level.MISSING;
    }
    if (a.equals(b)) {
      return Level.EXACT;
    }
    if (StringSimilarity.jaroWinkler(a, b) >= ADDRESS_CLOSE) {
      return Level.CLOSE;
    }
    int number = houseNumberLength(a);
    boolean sameNumber = number > 0 && number == houseNumberLength(b) && a.regionMatches(0, b, 0, number);
    if (sameNumber && a.length() > number && b.length() > number
        && StringSimilarity.jaroWinkler(a, number + 1, b, number + 1) >= STREET_CLOSE) {
      return Level.CLOSE; // same house, street spelt differently or abbreviated
    }
    return Level.DIFFERENT;
  }

  /** Length of a leading house number such as 12 or 12A followed by a space or the end; 0 when none. */
  private static int houseNumberLength(String address) {
    int i = 0;
    while (i < address.length() && Character.isDigit(address.charAt(i))) {
      i++;
    }
    if (i == 0) {
      return 0;
    }
    if (i < address.length() && Character.isLetter(address.charAt(i))) {
      i++;
    }
    return i == address.length() || address.charAt(i) == ' ' ? i : 0;
  }
}
