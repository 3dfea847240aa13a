package org.carelake.contract;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * A CareLake quality rule attached to a column ({@code type: custom, engine: carelake}).
 *
 * @param kind the rule
 * @param otherColumn for {@link Kind#NOT_BEFORE}, the column this one may not precede
 */
public record CustomRule(Kind kind, Optional<String> otherColumn, Severity severity) {
  public CustomRule {
    requireNonNull(kind, "kind is null");
    requireNonNull(otherColumn, "otherColumn is null");
    requireNonNull(severity, "severity is null");
  }

  public CustomRule(Kind kind, Optional<String> otherColumn) {
    this(kind, otherColumn, Severity.ERROR);
  }

  /**
   * What breaking the rule does (ODCS {@code severity}): an error quarantines the row; a warning
   * loads it with the value kept and the rule id recorded, for a later stage to act on (an NHS
   * number failing Modulus 11 is still evidence for record linkage).
   */
  public enum Severity {
    ERROR,
    WARNING;

    static Severity parse(Object value) {
      if (value == null) {
        return ERROR;
      }
      return switch (value.toString().strip().toLowerCase(java.util.Locale.ROOT)) {
        case "error" -> ERROR;
        case "warning" -> WARNING;
        default -> throw new IllegalArgumentException("unknown severity '" + value + "' (use error or warning)");
      };
    }
  }

  /** The oldest age {@link Kind#PLAUSIBLE_AGE} accepts, in whole years at the night. */
  public static final int MAX_AGE_YEARS = 120;

  /** Rule kinds, with the id used in contracts and quarantine reasons. */
  public enum Kind {
    NHS_NUMBER("nhs-number"),
    NOT_IN_FUTURE("not-in-future"),
    /** A date of birth at most {@link #MAX_AGE_YEARS} years before the night: anything earlier is a typing error. */
    PLAUSIBLE_AGE("plausible-age"),
    NOT_BEFORE("not-before"),
    SNOMED_CT_ID("snomed-ct-id"),
    ICD10_CODE("icd10-code"),
    OPCS4_CODE("opcs4-code");

    private final String id;

    Kind(String id) {
      this.id = id;
    }

    public String id() {
      return id;
    }

    static Kind parse(String id) {
      for (Kind kind : values()) {
        if (kind.id.equals(id)) {
          return kind;
        }
      }
      throw new IllegalArgumentException("unknown carelake rule '" + id + "'");
    }
  }
}
