package org.carelake.linkage;

import java.text.Normalizer;
import java.util.Locale;
import org.carelake.identity.NhsNumber;
import org.carelake.standardise.Standardise;

/**
 * Puts raw identifying values from any source into the one form linkage compares: names and
 * addresses upper case without accents or punctuation, postcodes with one space, NHS numbers as ten
 * digits. Each method returns null for a value that is missing or unusable, because linkage treats
 * "unknown" as missing evidence, never as a value two records can share.
 */
public final class IdentityStandardiser {
  private IdentityStandardiser() {}

  /**
   * A name upper case with diacritics and apostrophes removed and every other run of non-letters
   * as one space: Zoë → ZOE, O'Brien → OBRIEN, Smith-Jones → SMITH JONES. Null when blank.
   */
  public static String name(String raw) {
    return clean(raw, false);
  }

  /**
   * An address upper case with punctuation as spaces, runs of spaces collapsed and apostrophes
   * removed: "12, High St." → 12 HIGH ST. Null when blank.
   */
  public static String address(String raw) {
    return clean(raw, true);
  }

  /** A postcode upper case with one space before the inward code (M1 1AA), or null. */
  public static String postcode(String raw) {
    return Standardise.postcode(raw);
  }

  /**
   * Ten digits with spaces and dashes removed, or null for anything else. A number failing the
   * Modulus 11 check is kept: a mistyped number is still evidence when comparing two records.
   */
  public static String nhsNumber(String raw) {
    String digits = NhsNumber.normalise(raw);
    if (digits == null || digits.length() != 10) {
      return null;
    }
    for (int i = 0; i < 10; i++) {
      if (digits.charAt(i) < '0' || digits.charAt(i) > '9') {
        return null;
      }
    }
    return digits;
  }

  /** M, F or I from the codes suppliers send; null for unknown, which linkage treats as missing. */
  public static String sex(String raw) {
    if (raw == null) {
      return null;
    }
    return switch (raw.strip().toUpperCase(Locale.ROOT)) {
      case "M", "1", "MALE" -> "M";
      case "F", "2", "FEMALE" -> "F";
      case "I", "9" -> "I";
      default -> null;
    };
  }

  private static String clean(String raw, boolean keepDigits) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    String decomposed = Normalizer.normalize(raw, Normalizer.Form.NFD);
    StringBuilder out = new StringBuilder(decomposed.length());
    boolean separator = false;
    for (int i = 0; i < decomposed.length(); i++) {
      char c = decomposed.charAt(i);
      if (Character.getType(c) == Character.NON_SPACING_MARK || isApostrophe(c)) {
        continue; // ë is e plus a combining mark; O'Brien is one word
      }
      if (Character.isLetter(c) || (keepDigits && Character.isDigit(c))) {
        if (separator && out.length() > 0) {
          out.append(' ');
        }
        out.append(c);
        separator = false;
      } else {
        separator = true;
      }
    }
    return out.length() == 0 ? null : out.toString().toUpperCase(Locale.ROOT);
  }

  private static boolean isApostrophe(char c) {
    return c == '\'' || c == '\u2019' || c == '\u2018' || c == '`' || c == '\u02bc';
  }
}
