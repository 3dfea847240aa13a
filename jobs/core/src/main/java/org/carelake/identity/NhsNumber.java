package org.carelake.identity;

/**
 * NHS number rules: ten digits, the last a Modulus 11 check digit over the first nine with weights
 * 10..2. Numbers 999 000 0000 to 999 999 9999 pass the check but are never issued; synthetic data
 * uses only that range. Ten identical digits (0000000000, 1111111111, …) also pass the check but are
 * placeholders a system writes when it has no number, never issued numbers, so they are invalid.
 */
public final class NhsNumber {
  private NhsNumber() {}

  /** True when {@code value} is exactly ten digits, not all the same, with a valid check digit. */
  public static boolean isValid(CharSequence value) {
    if (value == null || value.length() != 10) {
      return false;
    }
    int sum = 0;
    boolean repeated = true;
    for (int i = 0; i < 10; i++) {
      char c = value.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
      if (i < 9) {
        sum += (c - '0') * (10 - i);
      }
      repeated &= c == value.charAt(0);
    }
    if (repeated) {
      return false;
    }
    int check = checkDigit(sum);
    return check >= 0 && check == value.charAt(9) - '0';
  }

  /**
   * The check digit for nine leading digits, or -1 when no check digit exists (the number cannot
   * be issued).
   */
  public static int checkDigitFor(CharSequence firstNine) {
    if (firstNine.length() != 9) {
      throw new IllegalArgumentException("expected 9 digits, got " + firstNine.length());
    }
    int sum = 0;
    for (int i = 0; i < 9; i++) {
      sum += (firstNine.charAt(i) - '0') * (10 - i);
    }
    return checkDigit(sum);
  }

  /** Removes spaces and dashes, as numbers are often written 999 000 0018. */
  public static String normalise(String value) {
    if (value == null) {
      return null;
    }
    StringBuilder digits = new StringBuilder(10);
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c != ' ' && c != '-') {
        digits.append(c);
      }
    }
    return digits.toString();
  }

  /** True for the never-issued 999 range used by synthetic data. */
  public static boolean isSyntheticRange(CharSequence value) {
    return value != null && value.length() == 10 && value.toString().startsWith("999");
  }

  private static int checkDigit(int sum) {
    int check = 11 - (sum % 11);
    if (check == 11) {
      return 0;
    }
    return check == 10 ? -1 : check;
  }
}
