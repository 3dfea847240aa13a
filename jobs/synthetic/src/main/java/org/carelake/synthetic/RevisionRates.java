package org.carelake.synthetic;

/**
 * How much of an increment revises earlier nights, each as a share of a normal night's activity
 * rows (the calibrated model only; see {@link Revisions}).
 *
 * @param late late-arriving records (care dates 2 to 29 days before the night), on top of the
 *     night's own activity, as a share of the night's activity rows
 * @param corrected earlier-sent records re-sent with changed content, as a share of the night's
 *     activity rows
 * @param deleted earlier-sent GP events re-sent with the deleted flag, as a share of the night's
 *     GP event rows (only the GP event feeds' contracts declare {@code deleted})
 */
public record RevisionRates(double late, double corrected, double deleted) {
  public RevisionRates {
    for (double share : new double[] {late, corrected, deleted}) {
      if (!(share >= 0 && share <= 5)) {
        throw new IllegalArgumentException("revision shares must be between 0 and 5 (of a night's rows), was " + share);
      }
    }
  }

  /**
   * Realistic nights: 2% of rows arrive late, 1% of a night's worth of rows are corrections of
   * records sent in the past four weeks, and 0.5% of a night's GP events are deletions.
   */
  public static RevisionRates defaults() {
    return new RevisionRates(0.02, 0.01, 0.005);
  }

  /** Raised so a small test population still sees every kind on one increment. */
  public static RevisionRates testPreset() {
    return new RevisionRates(0.5, 1.0, 0.5);
  }

  public static RevisionRates none() {
    return new RevisionRates(0, 0, 0);
  }
}
