package org.carelake.disclosure;

/**
 * NHS England's small-number rule for published aggregates: 0 stays 0, counts 1 to 7 are
 * suppressed, others are rounded to the nearest 5; a rate is shown only when numerator and
 * denominator are both at least 8. Totals are sums of the rounded cells, never rounded raw totals.
 */
public final class SmallNumberRule {
  public static final long SUPPRESSION_THRESHOLD = 8;
  private static final long ROUND_TO = 5;

  private SmallNumberRule() {}

  /** The publishable count, or null when it must be suppressed. */
  public static Long safeCount(long count) {
    if (count < 0) {
      throw new IllegalArgumentException("a count cannot be negative: " + count);
    }
    if (count == 0) {
      return 0L;
    }
    if (count < SUPPRESSION_THRESHOLD) {
      return null;
    }
    return Math.round(count / (double) ROUND_TO) * ROUND_TO;
  }

  /**
   * The publishable rate per {@code per} (e.g. 1,000), or null when either count is below the
   * threshold. It is computed from the rounded counts, so the published rate cannot be used to
   * undo the rounding, and given to one decimal place.
   */
  public static Double safeRate(long numerator, long denominator, long per) {
    if (numerator < SUPPRESSION_THRESHOLD || denominator < SUPPRESSION_THRESHOLD) {
      return null;
    }
    long roundedNumerator = safeCount(numerator);
    long roundedDenominator = safeCount(denominator);
    return Math.round(roundedNumerator * (double) per / roundedDenominator * 10.0) / 10.0;
  }
}
