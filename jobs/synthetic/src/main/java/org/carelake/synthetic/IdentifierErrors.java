package org.carelake.synthetic;

import java.time.LocalDate;

/**
 * Identifier error injection on a valid row (before any contract defect): each error changes one
 * identifier the way its {@link DefectKind} says and keeps the row loading (dates of birth stay
 * valid, not after the row's care date; postcodes keep the contract's pattern; NHS numbers stay
 * in the 999 range), or declines and leaves the row untouched.
 */
final class IdentifierErrors {
  private IdentifierErrors() {}

  /** Applies {@code kind} to the row in place; false (row untouched) when it cannot go on this row. */
  static boolean apply(DefectKind kind, Feed feed, String[] fields, Person p, int variant) {
    return switch (kind) {
      case NAME_TYPO -> {
        if (!feed.has("given_name")) {
          yield false;
        }
        int column = feed.column((variant & 1) == 0 ? "given_name" : "family_name");
        fields[column] = Names.typo(fields[column], variant >>> 1);
        yield true;
      }
      case NAME_PHONETIC -> {
        if (!feed.has("given_name")) {
          yield false;
        }
        String[] given = Names.soundsAlike(p.givenName);
        String[] family = Names.soundsAlike(p.familyName);
        if (given == null && family == null) {
          yield false;
        }
        boolean onGiven = family == null || (given != null && (variant & 1) == 0);
        String[] options = onGiven ? given : family;
        fields[feed.column(onGiven ? "given_name" : "family_name")] = options[Math.floorMod(variant >>> 1, options.length)];
        yield true;
      }
      case NICKNAME -> {
        String[] forms = feed.has("given_name") ? Names.nicknames(p.givenName) : null;
        if (forms == null) {
          yield false;
        }
        fields[feed.column("given_name")] = forms[Math.floorMod(variant, forms.length)];
        yield true;
      }
      case NAME_SWAP -> {
        if (!feed.has("given_name")) {
          yield false;
        }
        int given = feed.column("given_name");
        int family = feed.column("family_name");
        String was = fields[given];
        fields[given] = fields[family];
        fields[family] = was;
        yield true;
      }
      case SURNAME_CHANGE -> {
        if (!feed.has("family_name") || p.formerFamilyName == null) {
          yield false;
        }
        fields[feed.column("family_name")] = p.formerFamilyName;
        yield true;
      }
      case DOB_DAY_MONTH_SWAP, DOB_DEFAULTED, DOB_DIGIT_TYPO -> {
        if (!feed.has("date_of_birth")) {
          yield false;
        }
        LocalDate latest = careDate(feed, fields);
        LocalDate wrong = wrongBirthDate(kind, p.dateOfBirth, latest, variant);
        if (wrong == null) {
          yield false;
        }
        fields[feed.column("date_of_birth")] = feed.dateText().format(wrong);
        yield true;
      }
      case POSTCODE_TYPO -> {
        if (!feed.has("postcode") || fields[feed.column("postcode")].isEmpty()) {
          yield false;
        }
        int column = feed.column("postcode");
        fields[column] = postcodeTypo(fields[column], variant);
        yield true;
      }
      case OLD_ADDRESS -> {
        if (!feed.has("postcode")) {
          yield false;
        }
        int column = feed.column("postcode");
        String old = p.previousArea.postcode();
        if (fields[column].equals(old)) {
          yield false; // the row already holds the old address (the previous practice's registration)
        }
        fields[column] = old;
        if (feed.has("address_line")) {
          fields[feed.column("address_line")] = p.previousAddressLine();
        }
        yield true;
      }
      case MISSING_OPTIONAL_FIELD -> {
        if (!feed.has("address_line")) {
          yield false;
        }
        int telephone = feed.has("telephone") ? feed.column("telephone") : -1;
        if (telephone >= 0 && !fields[telephone].isEmpty() && (variant & 1) == 1) {
          fields[telephone] = "";
        } else {
          fields[feed.column("address_line")] = "";
        }
        yield true;
      }
      case NHS_NUMBER_TRANSPOSED -> {
        int column = feed.column("nhs_number");
        String number = fields[column];
        if (number.length() != 10) {
          yield false;
        }
        String transposed = transposed(number, variant);
        if (transposed == null) {
          yield false;
        }
        fields[column] = transposed;
        yield true;
      }
      case NHS_NUMBER_OF_ANOTHER_PERSON -> {
        int column = feed.column("nhs_number");
        if (fields[column].length() != 10) {
          yield false;
        }
        fields[column] = p.someoneElsesNhsNumber(variant);
        yield true;
      }
      default -> throw new IllegalArgumentException("not an identifier error: " + kind);
    };
  }

  /** The row's care date that must not fall before the date of birth. */
  private static LocalDate careDate(Feed feed, String[] fields) {
    String column = feed.dateNotBeforeBirth();
    return Defects.textOf(feed, column).parseDate(fields[feed.column(column)]);
  }

  /** The wrong date of birth of the kind, or null when there is none on or before {@code latest}. */
  static LocalDate wrongBirthDate(DefectKind kind, LocalDate born, LocalDate latest, int variant) {
    int day = born.getDayOfMonth();
    int month = born.getMonthValue();
    LocalDate wrong = switch (kind) {
      case DOB_DAY_MONTH_SWAP -> day <= 12 && day != month ? LocalDate.of(born.getYear(), day, month) : null;
      case DOB_DEFAULTED -> day == 1 && month == 1 ? null : LocalDate.of(born.getYear(), 1, 1);
      case DOB_DIGIT_TYPO -> digitTypo(born, latest, variant);
      default -> null;
    };
    return wrong == null || wrong.isAfter(latest) ? null : wrong;
  }

  /** One of the year's last two digits, the month's or the day's changed: nearby keys first. */
  private static LocalDate digitTypo(LocalDate born, LocalDate latest, int variant) {
    char[] digits = DateText.COMPACT_DATE.format(born).toCharArray(); // yyyyMMdd
    int[] positions = {2, 3, 4, 5, 6, 7};
    int[] deltas = {1, -1, 2, -2, 3, -3, 4, -4, 5};
    int start = Math.floorMod(variant, positions.length);
    int sign = (variant >>> 3) & 1;
    for (int t = 0; t < positions.length; t++) {
      int position = positions[(start + t) % positions.length];
      for (int delta : deltas) {
        int digit = digits[position] - '0' + (sign == 0 ? delta : -delta);
        if (digit < 0 || digit > 9) {
          continue;
        }
        char[] changed = digits.clone();
        changed[position] = (char) ('0' + digit);
        int year = (changed[0] - '0') * 1000 + (changed[1] - '0') * 100 + (changed[2] - '0') * 10 + (changed[3] - '0');
        int month = (changed[4] - '0') * 10 + (changed[5] - '0');
        int day = (changed[6] - '0') * 10 + (changed[7] - '0');
        if (month < 1 || month > 12 || day < 1 || day > java.time.YearMonth.of(year, month).lengthOfMonth()) {
          continue;
        }
        LocalDate candidate = LocalDate.of(year, month, day);
        if (!candidate.isAfter(latest)) {
          return candidate;
        }
      }
    }
    return null;
  }

  /** One letter for a keyboard neighbour or one digit for a nearby digit: the pattern holds. */
  static String postcodeTypo(String postcode, int variant) {
    char[] chars = postcode.toCharArray();
    int count = 0;
    for (char c : chars) {
      count += c == ' ' ? 0 : 1;
    }
    int pick = Math.floorMod(variant, count);
    for (int i = 0, seen = 0; i < chars.length; i++) {
      if (chars[i] == ' ' || seen++ != pick) {
        continue;
      }
      char c = chars[i];
      if (Character.isDigit(c)) {
        int step = 1 + Math.floorMod(variant >>> 8, 2);
        chars[i] = (char) ('0' + Math.floorMod(c - '0' + ((variant >>> 9 & 1) == 0 ? step : -step), 10));
      } else {
        String near = Names.keyboardNeighbours(c);
        chars[i] = Character.toUpperCase(near.charAt(Math.floorMod(variant >>> 8, near.length())));
      }
      break;
    }
    return new String(chars);
  }

  /** Two adjacent different digits among the last seven swapped (the 999 prefix stays), or null. */
  static String transposed(String number, int variant) {
    int start = Math.floorMod(variant, 6);
    for (int t = 0; t < 6; t++) {
      int at = 3 + (start + t) % 6;
      if (number.charAt(at) != number.charAt(at + 1)) {
        char[] digits = number.toCharArray();
        digits[at] = number.charAt(at + 1);
        digits[at + 1] = number.charAt(at);
        return new String(digits);
      }
    }
    return null;
  }
}
