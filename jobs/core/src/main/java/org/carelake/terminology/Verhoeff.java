package org.carelake.terminology;

/**
 * Verhoeff check digit over the dihedral group D5, as used by SNOMED CT identifiers: validated
 * here for ingest, computed here for the synthetic generator. The
 * permutation table is derived from its first row so that no row can be mistyped.
 */
public final class Verhoeff {
  private static final int[][] MULTIPLY = {
    {0, 1, 2, 3, 4, 5, 6, 7, 8, 9},
    {1, 2, 3, 4, 0, 6, 7, 8, 9, 5},
    {2, 3, 4, 0, 1, 7, 8, 9, 5, 6},
    {3, 4, 0, 1, 2, 8, 9, 5, 6, 7},
    {4, 0, 1, 2, 3, 9, 5, 6, 7, 8},
    {5, 9, 8, 7, 6, 0, 4, 3, 2, 1},
    {6, 5, 9, 8, 7, 1, 0, 4, 3, 2},
    {7, 6, 5, 9, 8, 2, 1, 0, 4, 3},
    {8, 7, 6, 5, 9, 3, 2, 1, 0, 4},
    {9, 8, 7, 6, 5, 4, 3, 2, 1, 0}
  };
  private static final int[] INVERSE = {0, 4, 3, 2, 1, 5, 6, 7, 8, 9};
  private static final int[][] PERMUTE = permutations();

  private Verhoeff() {}

  /** True when the digit string (check digit last) has a valid Verhoeff check digit. */
  public static boolean isValid(String digits) {
    if (digits == null || digits.isEmpty()) {
      return false;
    }
    int check = 0;
    for (int position = 0; position < digits.length(); position++) {
      char c = digits.charAt(digits.length() - 1 - position);
      if (c < '0' || c > '9') {
        return false;
      }
      check = MULTIPLY[check][PERMUTE[position % 8][c - '0']];
    }
    return check == 0;
  }

  /** The check digit to append to a digit string. */
  public static int checkDigit(String payload) {
    int check = 0;
    for (int position = 0; position < payload.length(); position++) {
      char c = payload.charAt(payload.length() - 1 - position);
      check = MULTIPLY[check][PERMUTE[(position + 1) % 8][c - '0']];
    }
    return INVERSE[check];
  }

  private static int[][] permutations() {
    int[][] table = new int[8][10];
    int[] first = {1, 5, 7, 6, 2, 8, 3, 0, 9, 4};
    for (int digit = 0; digit < 10; digit++) {
      table[0][digit] = digit;
    }
    for (int row = 1; row < 8; row++) {
      for (int digit = 0; digit < 10; digit++) {
        table[row][digit] = first[table[row - 1][digit]];
      }
    }
    return table;
  }
}
