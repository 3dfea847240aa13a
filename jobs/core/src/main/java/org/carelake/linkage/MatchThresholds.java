package org.carelake.linkage;

/**
 * Where match probabilities turn into decisions: at or above {@code link} a pair links, at or above
 * {@code review} it goes to clerical review, below that it does not link.
 */
public record MatchThresholds(double link, double review) {
  /** What to do with a scored pair. */
  public enum Decision {
    LINK,
    REVIEW,
    NO_LINK
  }

  public MatchThresholds {
    if (!(review > 0 && review < link && link < 1)) {
      throw new IllegalArgumentException("match thresholds must satisfy 0 < review < link < 1 (probabilities, e.g."
          + " link 0.99 and review 0.80), were link=" + link + " and review=" + review);
    }
  }

  /** Link at 0.99, review from 0.80. */
  public static MatchThresholds defaults() {
    return new MatchThresholds(0.99, 0.80);
  }

  /** The decision for a match probability; NaN is never a link. */
  public Decision decide(double probability) {
    if (probability >= link) {
      return Decision.LINK;
    }
    return probability >= review ? Decision.REVIEW : Decision.NO_LINK;
  }
}
