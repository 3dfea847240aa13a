package org.carelake.terminology;

import java.util.regex.Pattern;

/**
 * Syntactic checks for the clinical code systems the feeds use. They catch unknown and garbled
 * codes without a terminology server: a SNOMED CT identifier carries a Verhoeff check digit and a
 * partition identifier; ICD-10 and OPCS-4 codes have fixed shapes.
 */
public final class CodeFormats {
  private static final Pattern ICD10 = Pattern.compile("^[A-Z][0-9]{2}(\\.?[0-9A-Z]{1,2})?$");
  private static final Pattern OPCS4 = Pattern.compile("^[A-HJ-Z][0-9]{2}(\\.?[0-9])?$");

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
  private static final int[][] PERMUTE = {
    {0, 1, 2, 3, 4, 5, 6, 7, 8, 9},
    {1, 5, 7, 6, 2, 8, 3, 0, 9, 4},
    {5, 8, 0, 3, 7, 9, 6, 1, 4, 2},
    {8, 9, 1, 6, 0, 4, 3, 5, 2, 7},
    {9, 4, 5, 3, 1, 2, 6, 8, 7, 0},
    {4, 2, 8, 6, 5, 7, 3, 9, 0, 1},
    {2, 7, 9, 3, 8, 0, 6, 4, 1, 5},
    {7, 0, 4, 6, 9, 1, 3, 2, 5, 8}
  };

  private CodeFormats() {}

  /**
   * A SNOMED CT concept or extension identifier: 6 to 18 digits, no leading zero, partition
   * identifier 00 (core concept) or 10 (extension concept), valid Verhoeff check digit.
   */
  public static boolean isSnomedConceptId(String code) {
    if (code == null || code.length() < 6 || code.length() > 18 || code.charAt(0) == '0') {
      return false;
    }
    for (int i = 0; i < code.length(); i++) {
      char c = code.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    String partition = code.substring(code.length() - 3, code.length() - 1);
    if (!partition.equals("00") && !partition.equals("10")) {
      return false;
    }
    return verhoeffValid(code);
  }

  public static boolean isIcd10(String code) {
    return code != null && ICD10.matcher(code).matches();
  }

  public static boolean isOpcs4(String code) {
    return code != null && OPCS4.matcher(code).matches();
  }

  static boolean verhoeffValid(String digits) {
    int c = 0;
    int length = digits.length();
    for (int i = 0; i < length; i++) {
      int digit = digits.charAt(length - 1 - i) - '0';
      c = MULTIPLY[c][PERMUTE[i % 8][digit]];
    }
    return c == 0;
  }
}
