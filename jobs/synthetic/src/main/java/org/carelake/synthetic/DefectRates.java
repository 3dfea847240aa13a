package org.carelake.synthetic;

/**
 * Probability that a generated row carries each row-level defect (at most one per row). A defect
 * that cannot apply to a row (a feed without a code column, a row whose dependent date is filled)
 * is skipped, so realised counts can be a little lower than rate x rows; the manifest has the
 * exact counts.
 */
public record DefectRates(
    double missingNhsNumber,
    double invalidNhsNumber,
    double duplicateRow,
    double futureDate,
    double dateBeforeBirth,
    double unparseableDate,
    double unknownCode) {

  public DefectRates {
    double[] all = {missingNhsNumber, invalidNhsNumber, duplicateRow, futureDate, dateBeforeBirth, unparseableDate, unknownCode};
    double sum = 0;
    for (double rate : all) {
      if (!(rate >= 0 && rate <= 1)) {
        throw new IllegalArgumentException("defect rates must be between 0 and 1, was " + rate);
      }
      sum += rate;
    }
    if (sum > 0.5) {
      throw new IllegalArgumentException("defect rates add up to " + sum + "; keep them under 0.5 so most rows stay valid");
    }
  }

  /** Realistic nightly rates: 0.5-1% each. */
  public static DefectRates defaults() {
    return new DefectRates(0.01, 0.005, 0.005, 0.005, 0.005, 0.005, 0.005);
  }

  /** Higher rates so small test runs still see every defect. */
  public static DefectRates testPreset() {
    return new DefectRates(0.03, 0.03, 0.03, 0.03, 0.03, 0.03, 0.03);
  }

  public static DefectRates none() {
    return new DefectRates(0, 0, 0, 0, 0, 0, 0);
  }

  double rate(DefectKind kind) {
    return switch (kind) {
      case MISSING_NHS_NUMBER -> missingNhsNumber;
      case INVALID_NHS_NUMBER -> invalidNhsNumber;
      case DUPLICATE_ROW -> duplicateRow;
      case FUTURE_DATE -> futureDate;
      case DATE_BEFORE_BIRTH -> dateBeforeBirth;
      case UNPARSEABLE_DATE -> unparseableDate;
      case UNKNOWN_CODE -> unknownCode;
      default -> 0;
    };
  }
}
