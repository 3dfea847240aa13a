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
    return Verhoeff.isValid(code);
  }

  public static boolean isIcd10(String code) {
    return code != null && ICD10.matcher(code).matches();
  }

  public static boolean isOpcs4(String code) {
    return code != null && OPCS4.matcher(code).matches();
  }
}
