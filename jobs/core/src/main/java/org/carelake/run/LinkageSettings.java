package org.carelake.run;

/**
 * Settings of the link stage.
 *
 * @param linkThreshold match probability at or above which a record links ({@code linkage.link-threshold})
 * @param reviewThreshold match probability at or above which an unlinked pair goes to clerical review
 *     ({@code linkage.review-threshold})
 * @param maxBlock a blocking key shared by more records than this is skipped ({@code linkage.max-block})
 */
public record LinkageSettings(double linkThreshold, double reviewThreshold, int maxBlock) {
  public LinkageSettings {
    if (!(reviewThreshold > 0 && reviewThreshold < linkThreshold && linkThreshold < 1)) {
      throw new IllegalArgumentException("linkage thresholds must satisfy 0 < linkage.review-threshold < "
          + "linkage.link-threshold < 1, were " + reviewThreshold + " and " + linkThreshold);
    }
    if (maxBlock < 2) {
      throw new IllegalArgumentException("linkage.max-block must be at least 2, was " + maxBlock);
    }
  }

  public static LinkageSettings defaults() {
    return new LinkageSettings(0.99, 0.80, 1_000);
  }
}
