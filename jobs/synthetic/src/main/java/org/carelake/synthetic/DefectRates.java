package org.carelake.synthetic;

import static java.util.Objects.requireNonNull;

/**
 * What goes wrong, and how often.
 *
 * <p>Contract defects: probability that a generated row carries each (at most one per row). A
 * defect that cannot apply to a row (a feed without a code column, a row whose dependent date is
 * filled, a GP row for {@code duplicateEventNewId}, which is for care rows) is skipped, so realised
 * counts can be a little lower than rate x rows; the manifest has the exact counts.
 *
 * <p>{@code crossSystemDuplicate} is not a per-row rate: in the initial extract, the probability
 * that each coded event of a practice mover dated before the move is also sent by the previous
 * practice.
 *
 * <p>{@code identifiers}: the identifier errors, drawn independently (see {@link IdentifierErrorRates}).
 */
public record DefectRates(
    double missingNhsNumber,
    double invalidNhsNumber,
    double duplicateRow,
    double futureDate,
    double dateBeforeBirth,
    double unparseableDate,
    double unknownCode,
    double duplicateEventNewId,
    double crossSystemDuplicate,
    IdentifierErrorRates identifiers) {

  public DefectRates {
    requireNonNull(identifiers, "identifiers is null");
    double[] all = {missingNhsNumber, invalidNhsNumber, duplicateRow, futureDate, dateBeforeBirth, unparseableDate, unknownCode,
        duplicateEventNewId};
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
    if (!(crossSystemDuplicate >= 0 && crossSystemDuplicate <= 1)) {
      throw new IllegalArgumentException("the cross-system duplicate share must be between 0 and 1, was " + crossSystemDuplicate);
    }
  }

  /**
   * Realistic nightly rates: contract defects 0.5-1% each, a re-keyed care event 0.5%, half of a
   * mover's pre-move history also sent by the previous practice, and the default identifier errors.
   */
  public static DefectRates defaults() {
    return new DefectRates(0.01, 0.005, 0.005, 0.005, 0.005, 0.005, 0.005, 0.005, 0.5, IdentifierErrorRates.defaults());
  }

  /** Higher rates so small test runs still see every defect. */
  public static DefectRates testPreset() {
    return new DefectRates(0.03, 0.03, 0.03, 0.03, 0.03, 0.03, 0.03, 0.03, 0.8, IdentifierErrorRates.testPreset());
  }

  public static DefectRates none() {
    return new DefectRates(0, 0, 0, 0, 0, 0, 0, 0, 0, IdentifierErrorRates.none());
  }

  /** The same contract defects with other identifier error rates. */
  public DefectRates withIdentifiers(IdentifierErrorRates rates) {
    return new DefectRates(missingNhsNumber, invalidNhsNumber, duplicateRow, futureDate, dateBeforeBirth, unparseableDate, unknownCode,
        duplicateEventNewId, crossSystemDuplicate, rates);
  }

  double rate(DefectKind kind) {
    return switch (kind) {
      case MISSING_NHS_NUMBER -> missingNhsNumber;
      case INVALID_NHS_NUMBER -> invalidNhsNumber;
      case DUPLICATE_ROW -> duplicateRow;
      case DUPLICATE_EVENT_NEW_ID -> duplicateEventNewId;
      case FUTURE_DATE -> futureDate;
      case DATE_BEFORE_BIRTH -> dateBeforeBirth;
      case UNPARSEABLE_DATE -> unparseableDate;
      case UNKNOWN_CODE -> unknownCode;
      default -> identifiers.rate(kind);
    };
  }
}
