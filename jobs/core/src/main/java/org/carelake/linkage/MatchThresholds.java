package org.carelake.linkage;

/**
 * Where match probabilities turn into decisions: at or above {@code link} a pair links, at or above
 * {@code review} it goes to clerical review, below that it does not link. A pair whose given names
 * differ outright (not a typo, phonetic variant, nickname, initial or swapped order) never links
 * automatically however high it scores: twins share every other field, so such a pair goes to
 * review at most.
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

  /** The decision for a scored comparison pattern (levels per {@link Field}); see the class comment. */
  public Decision decide(double probability, int[] levels) {
    Decision decision = decide(probability);
    if (decision == Decision.LINK && !automatic(levels)) {
      return Decision.REVIEW;
    }
    return decision;
  }

  /** False when the pattern rules out an automatic link whatever its score: given names that differ outright. */
  public static boolean automatic(int[] levels) {
    return Field.GIVEN_NAME.level(levels[Field.GIVEN_NAME.ordinal()]) != Level.DIFFERENT;
  }

  /** The decision for a match probability; NaN is never a link. */
  public Decision decide(double probability) {
    if (probability >= link) {
      return Decision.LINK;
    }
    return probability >= review ? Decision.REVIEW : Decision.NO_LINK;
  }
}
