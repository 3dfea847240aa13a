package org.carelake.quality;

import org.carelake.contract.CustomRule;
import org.carelake.identity.NhsNumber;
import org.carelake.terminology.CodeFormats;

/**
 * The value checks of CareLake's rules that a warning severity can leave on a loaded value (the
 * same functions ingest validates with), so the quality stage can count rows that broke them.
 * Date rules (they depend on the night or another column) are not re-checkable from one value and
 * are not supported as warnings.
 */
final class WarningChecks {
  private WarningChecks() {}

  static boolean supports(CustomRule.Kind kind) {
    return switch (kind) {
      case NHS_NUMBER, SNOMED_CT_ID, ICD10_CODE, OPCS4_CODE -> true;
      case NOT_IN_FUTURE, PLAUSIBLE_AGE, NOT_BEFORE -> false;
    };
  }

  /** True when a present value breaks the rule; a blank value breaks none (required is separate). */
  static boolean breaks(String kindId, String value) {
    if (value == null || value.isBlank()) {
      return false;
    }
    String stripped = value.strip();
    return switch (kindId) {
      case "nhs-number" -> !NhsNumber.isValid(stripped);
      case "snomed-ct-id" -> !CodeFormats.isSnomedConceptId(stripped);
      case "icd10-code" -> !CodeFormats.isIcd10(stripped);
      case "opcs4-code" -> !CodeFormats.isOpcs4(stripped);
      default -> throw new IllegalArgumentException("rule " + kindId + " cannot be re-checked as a warning");
    };
  }
}
