package org.carelake.standardise;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * Row-level standardisation rules the silver SQL calls as functions ({@code std_sex},
 * {@code std_icd10}, …). Each maps the codes different suppliers send onto one convention, and
 * returns null for what it cannot map rather than guessing.
 */
public final class Standardise {
  private Standardise() {}

  /** EMIS-style M/F/I/U and NHS Data Dictionary 1/2/9/X onto M, F, I, U. */
  public static String sex(String code) {
    if (code == null) {
      return "U";
    }
    return switch (code.strip().toUpperCase(Locale.ROOT)) {
      case "M", "1", "MALE" -> "M";
      case "F", "2", "FEMALE" -> "F";
      case "I", "9" -> "I";
      default -> "U";
    };
  }

  /** NHS ethnic category (A-Z) onto the five census groups, or Not stated. */
  public static String ethnicGroup(String category) {
    if (category == null || category.isBlank()) {
      return "Not stated";
    }
    return switch (category.strip().toUpperCase(Locale.ROOT)) {
      case "A", "B", "C" -> "White";
      case "D", "E", "F", "G" -> "Mixed";
      case "H", "J", "K", "L" -> "Asian";
      case "M", "N", "P" -> "Black";
      case "R", "S" -> "Other";
      default -> "Not stated";
    };
  }

  /** ICD-10 and OPCS-4 codes with a dot after the third character: E119 → E11.9. */
  public static String dottedCode(String code) {
    if (code == null || code.isBlank()) {
      return null;
    }
    String compact = code.strip().toUpperCase(Locale.ROOT).replace(".", "");
    return compact.length() <= 3 ? compact : compact.substring(0, 3) + "." + compact.substring(3);
  }

  /** Postcodes upper case with one space before the inward code: m11aa → M1 1AA. */
  public static String postcode(String value) {
    if (value == null) {
      return null;
    }
    String compact = value.replaceAll("\\s+", "").toUpperCase(Locale.ROOT);
    if (compact.length() < 5 || compact.length() > 7) {
      return null;
    }
    return compact.substring(0, compact.length() - 3) + " " + compact.substring(compact.length() - 3);
  }

  /** Whole years between birth and a date; null when either is missing or the date is before birth. */
  public static Integer ageYears(LocalDate birth, LocalDate on) {
    if (birth == null || on == null || on.isBefore(birth)) {
      return null;
    }
    return (int) ChronoUnit.YEARS.between(birth, on);
  }
}
