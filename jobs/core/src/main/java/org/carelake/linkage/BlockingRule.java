package org.carelake.linkage;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Which pairs of records are compared at all: two records are a candidate pair when they share the
 * key of at least one rule. Each rule tolerates different errors, so between them a pair with one
 * or two of the errors the comparisons score (a typo or phonetic spelling of a name, a nickname, a
 * day–month swap or one wrong date component, a transposed NHS number, a house move) still shares a
 * block: a name error leaves the date of birth, a date error leaves the names and postcode, and a
 * transposed NHS number keeps its sorted digits.
 */
public enum BlockingRule {
  /** Same date of birth. */
  DATE_OF_BIRTH,
  /** Dates of birth equal after swapping day and month, and family names that sound alike. */
  DATE_OF_BIRTH_SWAPPED,
  /** Family names that sound alike and the same year of birth. */
  FAMILY_PHONETIC_BIRTH_YEAR,
  /** Given and family names that both sound alike. */
  GIVEN_PHONETIC_FAMILY_PHONETIC,
  /** Same postcode and the same first letter of the given name. */
  POSTCODE_GIVEN_INITIAL,
  /**
   * Same postcode and year of birth: brings together records without names (hospital, social care)
   * whose date of birth was mistyped, swapped or defaulted to 1 January.
   */
  POSTCODE_BIRTH_YEAR,
  /** The same ten digits in any order. */
  NHS_NUMBER_DIGITS;

  private static final BlockingRule[] RULES = values();

  /** This rule's key for a record, or null when the record lacks what the rule needs. */
  public String key(IdentityRecord record) {
    requireNonNull(record, "record is null");
    return switch (this) {
      case DATE_OF_BIRTH -> record.dateOfBirth() == null ? null : record.dateOfBirth().toString();
      case DATE_OF_BIRTH_SWAPPED -> swappedDateKey(record);
      case FAMILY_PHONETIC_BIRTH_YEAR -> record.dateOfBirth() == null
          ? null
          : join(StringSimilarity.phonetic(record.familyName()), Integer.toString(record.dateOfBirth().getYear()));
      case GIVEN_PHONETIC_FAMILY_PHONETIC ->
          join(StringSimilarity.phonetic(record.givenName()), StringSimilarity.phonetic(record.familyName()));
      case POSTCODE_GIVEN_INITIAL -> record.givenName() == null || record.givenName().isEmpty()
          ? null : join(record.postcode(), record.givenName().substring(0, 1));
      case POSTCODE_BIRTH_YEAR -> record.postcode() == null || record.dateOfBirth() == null
          ? null : join(record.postcode(), Integer.toString(record.dateOfBirth().getYear()));
      case NHS_NUMBER_DIGITS -> sortedDigits(record.nhsNumber());
    };
  }

  /** {@code RULE_NAME|key} for every rule that applies to the record, in rule order. */
  public static List<String> keys(IdentityRecord record) {
    List<String> keys = new ArrayList<>(RULES.length);
    for (BlockingRule rule : RULES) {
      String key = rule.key(record);
      if (key != null) {
        keys.add(rule.name() + "|" + key);
      }
    }
    return keys;
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

  /** The digits in ascending order; null unless ten digits that are not a placeholder like 0000000000. */
  private static String sortedDigits(String nhsNumber) {
    if (nhsNumber == null || nhsNumber.length() != 10 || IdentityRecord.isPlaceholderNhsNumber(nhsNumber)) {
      return null;
    }
    char[] digits = nhsNumber.toCharArray();
    for (char digit : digits) {
      if (digit < '0' || digit > '9') {
        return null;
      }
    }
    Arrays.sort(digits);
    return new String(digits);
  }

  private static String join(String first, String second) {
    return first == null || second == null ? null : first + ":" + second;
  }
}
