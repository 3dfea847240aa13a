package org.carelake.run;

/**
 * Settings of the link stage.
 *
 * @param linkThreshold match probability at or above which a record links ({@code linkage.link-threshold})
 * @param reviewThreshold match probability at or above which an unlinked pair goes to clerical review
 *     ({@code linkage.review-threshold})
 * @param maxBlock a blocking key shared by more records than this is skipped ({@code linkage.max-block})
 * @param broadcastUpTo candidate records (the night's new ones and those still waiting) up to which
 *     the night's side of each join with the master person index is sent whole to every task
 *     instead of the index shuffled ({@code linkage.broadcast-up-to}); the links are the same
 *     either way
 */
public record LinkageSettings(double linkThreshold, double reviewThreshold, int maxBlock, long broadcastUpTo) {
  /** A normal night holds a few hundred to a few thousand candidates; a first night, every record of the region. */
  public static final long DEFAULT_BROADCAST_UP_TO = 50_000;

  public LinkageSettings {
    if (!(reviewThreshold > 0 && reviewThreshold < linkThreshold && linkThreshold < 1)) {
      throw new IllegalArgumentException("linkage thresholds must satisfy 0 < linkage.review-threshold < "
          + "linkage.link-threshold < 1, were " + reviewThreshold + " and " + linkThreshold);
    }
    if (maxBlock < 2) {
      throw new IllegalArgumentException("linkage.max-block must be at least 2, was " + maxBlock);
    }
    if (broadcastUpTo < 0) {
      throw new IllegalArgumentException("linkage.broadcast-up-to must be 0 or more, was " + broadcastUpTo);
    }
  }

  /** These thresholds and block limit, broadcasting up to {@link #DEFAULT_BROADCAST_UP_TO} candidates. */
  public LinkageSettings(double linkThreshold, double reviewThreshold, int maxBlock) {
    this(linkThreshold, reviewThreshold, maxBlock, DEFAULT_BROADCAST_UP_TO);
  }

  public static LinkageSettings defaults() {
    return new LinkageSettings(0.99, 0.80, 1_000);
  }
}
