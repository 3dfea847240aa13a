package org.carelake.linkage;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.carelake.identity.NhsNumber;

/**
 * Which pairs of records are compared at all: two records are a candidate pair when they share the
 * key of at least one rule. Each rule tolerates different errors, so between them a pair with one
 * or two of the errors the comparisons score (a typo or phonetic spelling of a name, a nickname, a
 * day–month swap or one wrong date component, a transposed NHS number, a house move) still shares a
 * block: a name error leaves the date of birth, a date error leaves the names and postcode, and a
 * transposed NHS number meets the number it was mistyped from.
 *
 * <p>A key that only a name or only a date makes draws on a fixed set of values (the common names,
 * some 30,000 birthdays), so its blocks grow with the population and its pairs with the square of
 * it. Each such rule carries a second, independent attribute (sex, an initial, a decade) that
 * divides its blocks without costing a pair the rules as a whole would otherwise keep: at 100,000
 * people this took the candidate pairs from 1.10 to 0.31 million with the same true pairs kept, and
 * the growth to 900,000 people from about 63 times to about 36 times (docs/linkage.md).
 */
public enum BlockingRule {
  /** Same date of birth and sex: the rule for records without names (hospital, community, social care). */
  DATE_OF_BIRTH_SEX,
  /** Dates of birth equal after swapping day and month, and family names that sound alike. */
  DATE_OF_BIRTH_SWAPPED,
  /** Family names that sound alike, the same year of birth and the same given-name initial. */
  FAMILY_PHONETIC_BIRTH_YEAR_INITIAL,
  /**
   * Given and family names that both sound alike, born in the same decade. A record without a date
   * of birth takes the key of every decade from the 1890s to the 2030s, so it still meets its
   * person's records (it is rare, so this adds few pairs).
   */
  GIVEN_PHONETIC_FAMILY_PHONETIC_DECADE,
  /** Same postcode and the same first letter of the given name. */
  POSTCODE_GIVEN_INITIAL,
  /**
   * Same postcode and year of birth: brings together records without names (hospital, social care)
   * whose date of birth was mistyped, swapped or defaulted to 1 January.
   */
  POSTCODE_BIRTH_YEAR,
  /**
   * NHS numbers equal but for two adjacent digits swapped: one key per adjacent pair of positions
   * (the number with that pair in ascending order). A block holds a number and its transpositions
   * only, so it stays small however dense the numbers are; sorting all ten digits instead made
   * blocks grow with the square of the population.
   */
  NHS_NUMBER_ADJACENT_SWAP;

  private static final BlockingRule[] RULES = values();
  /** The decades a record without a date of birth is keyed in by {@link #GIVEN_PHONETIC_FAMILY_PHONETIC_DECADE}. */
  private static final int FIRST_DECADE_WITHOUT_DATE = 189;
  private static final int LAST_DECADE_WITHOUT_DATE = 203;

  /** This rule's keys for a record: none when the record lacks what the rule needs. */
  public List<String> keysOf(IdentityRecord record) {
    requireNonNull(record, "record is null");
    if (this == NHS_NUMBER_ADJACENT_SWAP) {
      return adjacentSwapKeys(record.nhsNumber());
    }
    if (this == GIVEN_PHONETIC_FAMILY_PHONETIC_DECADE && record.dateOfBirth() == null) {
      String names = join(StringSimilarity.phonetic(record.givenName()), StringSimilarity.phonetic(record.familyName()));
      if (names == null) {
        return List.of();
      }
      List<String> keys = new ArrayList<>(LAST_DECADE_WITHOUT_DATE - FIRST_DECADE_WITHOUT_DATE + 1);
      for (int decade = FIRST_DECADE_WITHOUT_DATE; decade <= LAST_DECADE_WITHOUT_DATE; decade++) {
        keys.add(join(names, Integer.toString(decade)));
      }
      return keys;
    }
    String key = key(record);
    return key == null ? List.of() : List.of(key);
  }

  /**
   * This rule's key for a record, or null when the record lacks what the rule needs; where a rule
   * gives several ({@link #NHS_NUMBER_ADJACENT_SWAP}, a record without a date of birth), the
   * first (use {@link #keysOf}).
   */
  public String key(IdentityRecord record) {
    requireNonNull(record, "record is null");
    return switch (this) {
      case DATE_OF_BIRTH_SEX -> record.dateOfBirth() == null ? null : join(record.dateOfBirth().toString(), record.sex());
      case DATE_OF_BIRTH_SWAPPED -> swappedDateKey(record);
      case FAMILY_PHONETIC_BIRTH_YEAR_INITIAL -> record.dateOfBirth() == null
          ? null
          : join(join(StringSimilarity.phonetic(record.familyName()), Integer.toString(record.dateOfBirth().getYear())),
              initial(record.givenName()));
      case GIVEN_PHONETIC_FAMILY_PHONETIC_DECADE -> record.dateOfBirth() == null
          ? keysOf(record).stream().findFirst().orElse(null)
          : join(join(StringSimilarity.phonetic(record.givenName()), StringSimilarity.phonetic(record.familyName())),
              Integer.toString(record.dateOfBirth().getYear() / 10));
      case POSTCODE_GIVEN_INITIAL -> join(record.postcode(), initial(record.givenName()));
      case POSTCODE_BIRTH_YEAR -> record.postcode() == null || record.dateOfBirth() == null
          ? null : join(record.postcode(), Integer.toString(record.dateOfBirth().getYear()));
      case NHS_NUMBER_ADJACENT_SWAP -> adjacentSwapKeys(record.nhsNumber()).stream().findFirst().orElse(null);
    };
  }

  /** {@code RULE_NAME|key} for every rule that applies to the record, in rule order. */
  public static List<String> keys(IdentityRecord record) {
    List<String> keys = new ArrayList<>(RULES.length);
    for (BlockingRule rule : RULES) {
      for (String key : rule.keysOf(record)) {
        keys.add(rule.name() + "|" + key);
      }
    }
    return keys;
  }

  /**
   * Keys two NHS numbers share exactly when they are within one edit of each other (the same, one
   * digit different, or two adjacent digits swapped): the adjacent-swap keys of {@link
   * #NHS_NUMBER_ADJACENT_SWAP} and, per position, the number with that digit blanked. Not a rule of
   * the general blocking (a blanked digit makes blocks of ten numbers, which would add pairs to every
   * night): for the one question that needs it, whether a new number is a mistyping of a known one.
   */
  public static List<String> numberNeighbourKeys(String nhsNumber) {
    List<String> swaps = adjacentSwapKeys(nhsNumber);
    if (swaps.isEmpty()) {
      return swaps;
    }
    List<String> keys = new ArrayList<>(swaps.size() + nhsNumber.length());
    swaps.forEach(key -> keys.add("swap " + key));
    for (int i = 0; i < nhsNumber.length(); i++) {
      keys.add("digit " + i + ":" + nhsNumber.substring(0, i) + '_' + nhsNumber.substring(i + 1));
    }
    return keys;
  }

  /**
   * The {@link #numberNeighbourKeys} a known record offers to the search for a mistyped number: none
   * when its number is valid. The Modulus 11 check catches every single wrong digit and every swap
   * of adjacent digits (the check digit included), so a valid number one edit from another valid
   * number is a different number, never a typo of it; only a known record whose number fails the
   * check can carry a typo of a new valid number. In a dense run of numbers (the synthetic 999
   * range, nearly full at a million people) each valid number has some eight valid neighbours, so
   * offering every record's keys made the search's pairs grow with the square of the population, to
   * find none of them.
   */
  public static List<String> numberNeighbourKeysOfKnown(String nhsNumber) {
    return NhsNumber.isValid(nhsNumber) ? List.of() : numberNeighbourKeys(nhsNumber);
  }

  /**
   * The earlier of the date and its day–month swap, so a record and its swapped twin produce the
   * same key; null when the swap is not a date or changes nothing (day equals month).
   */
  private static String swappedDateKey(IdentityRecord record) {
    LocalDate date = record.dateOfBirth();
    String family = StringSimilarity.phonetic(record.familyName());
    // A day above 12 cannot be a month; a month (at most 12) is always a valid day.
    if (date == null || family == null || date.getDayOfMonth() == date.getMonthValue() || date.getDayOfMonth() > 12) {
      return null;
    }
    LocalDate swapped = LocalDate.of(date.getYear(), date.getDayOfMonth(), date.getMonthValue());
    LocalDate earlier = date.isBefore(swapped) ? date : swapped;
    return earlier + ":" + family;
  }

  /**
   * For each adjacent pair of positions, the position and the number with that pair in ascending
   * order; none unless ten digits that are not a placeholder like 0000000000.
   */
  private static List<String> adjacentSwapKeys(String nhsNumber) {
    if (nhsNumber == null || nhsNumber.length() != 10 || IdentityRecord.isPlaceholderNhsNumber(nhsNumber)) {
      return List.of();
    }
    for (int i = 0; i < nhsNumber.length(); i++) {
      if (nhsNumber.charAt(i) < '0' || nhsNumber.charAt(i) > '9') {
        return List.of();
      }
    }
    List<String> keys = new ArrayList<>(9);
    for (int i = 0; i < 9; i++) {
      char[] digits = nhsNumber.toCharArray();
      if (digits[i] > digits[i + 1]) {
        digits[i] = nhsNumber.charAt(i + 1);
        digits[i + 1] = nhsNumber.charAt(i);
      }
      keys.add(i + ":" + new String(digits));
    }
    return keys;
  }

  private static String initial(String name) {
    return name == null || name.isEmpty() ? null : name.substring(0, 1);
  }

  private static String join(String first, String second) {
    return first == null || second == null ? null : first + ":" + second;
  }
}
