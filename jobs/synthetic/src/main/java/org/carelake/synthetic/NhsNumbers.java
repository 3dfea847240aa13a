package org.carelake.synthetic;

/**
 * Synthetic NHS numbers in the never-issued range 999 000 0000 - 999 999 9999 that pass the
 * Modulus 11 check. Person index k gets the k-th valid number after a fixed scrambling, so numbers
 * are unique while the population fits in the range ({@link #CAPACITY}, about 909,000 numbers).
 * Larger populations reuse numbers: person k and person k + CAPACITY share one (the manifest
 * reports how many persons do), because going outside the 999 range could produce a real number.
 */
final class NhsNumbers {
  private static final int[] VALID_SUFFIXES = validSuffixes();

  /** How many distinct valid numbers the 999 range holds. */
  static final int CAPACITY = VALID_SUFFIXES.length;

  // multiplier coprime with CAPACITY scrambles neighbouring persons across the range
  private static final long STRIDE = coprimeStride();

  private NhsNumbers() {}

  /** The synthetic NHS number (10 digits) of a person index. */
  static String forPerson(long personIndex) {
    int slot = (int) Math.floorMod(personIndex * STRIDE + 12_345L, (long) CAPACITY);
    int suffix = VALID_SUFFIXES[slot]; // 7 digits: six free digits and the check digit
    char[] digits = {'9', '9', '9', '0', '0', '0', '0', '0', '0', '0'};
    for (int i = 9; i >= 3 && suffix > 0; i--) {
      digits[i] = (char) ('0' + suffix % 10);
      suffix /= 10;
    }
    return new String(digits);
  }

  /** Replaces the check digit with a wrong one; the result is 10 digits and fails Modulus 11. */
  static String withWrongCheckDigit(String nhsNumber) {
    int check = nhsNumber.charAt(9) - '0';
    return nhsNumber.substring(0, 9) + (char) ('0' + (check + 1) % 10);
  }

  /** The check digit for the first nine digits, or -1 when no digit makes them valid. */
  static int checkDigit(CharSequence firstNine) {
    int sum = 0;
    for (int i = 0; i < 9; i++) {
      sum += (firstNine.charAt(i) - '0') * (10 - i);
    }
    int check = 11 - sum % 11;
    if (check == 11) {
      return 0;
    }
    return check == 10 ? -1 : check;
  }

  static boolean isValid(String candidate) {
    if (candidate == null || candidate.length() != 10) {
      return false;
    }
    for (int i = 0; i < 10; i++) {
      if (candidate.charAt(i) < '0' || candidate.charAt(i) > '9') {
        return false;
      }
    }
    return checkDigit(candidate) == candidate.charAt(9) - '0';
  }

  private static int[] validSuffixes() {
    int[] buffer = new int[1_000_000];
    int count = 0;
    StringBuilder nine = new StringBuilder("999000000");
    for (int free = 0; free < 1_000_000; free++) {
      int value = free;
      for (int i = 8; i >= 3; i--) {
        nine.setCharAt(i, (char) ('0' + value % 10));
        value /= 10;
      }
      int check = checkDigit(nine);
      if (check >= 0) {
        buffer[count++] = free * 10 + check;
      }
    }
    return java.util.Arrays.copyOf(buffer, count);
  }

  private static long coprimeStride() {
    long stride = 618_033L;
    while (gcd(stride, VALID_SUFFIXES.length) != 1) {
      stride++;
    }
    return stride;
  }

  private static long gcd(long a, long b) {
    return b == 0 ? a : gcd(b, a % b);
  }
}
