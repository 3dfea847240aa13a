package org.carelake.linkage;

/**
 * Where match probabilities turn into decisions: at or above {@code link} a pair links, at or above
 * {@code review} it goes to clerical review, below that it does not link. A pair whose given names
 * differ outright (not a typo, phonetic variant, nickname, initial or swapped order) never links
 * automatically however high it scores: twins share every other field, so such a pair goes to
 * review at most; so does a pair living apart with no NHS number to vouch for it
 * ({@link #movedOrNamesake}).
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

  /**
   * False when the pattern rules out an automatic link whatever its score: given names that differ
   * outright, or a pair {@linkplain #movedOrNamesake living apart with no number to vouch for it}.
   */
  public static boolean automatic(int[] levels) {
    return Field.GIVEN_NAME.level(levels[Field.GIVEN_NAME.ordinal()]) != Level.DIFFERENT && !movedOrNamesake(levels);
  }

  /**
   * True when the two records live apart — postcodes in different districts, addresses neither
   * exact nor close — and the NHS numbers do not vouch for them (missing, or different by more
   * than one transposition or digit). What is left to agree on, names, a date of birth and sex, is
   * what namesakes share: in the benchmark's records such a pair was one person who moved about
   * three times in four and two namesakes the rest — far from the 99 in 100 a link needs, though
   * the model, counting the fields as independent, scores it above 0.99. It goes to clerical
   * review at most. A record without a postcode is not living apart: this rule needs two.
   */
  public static boolean movedOrNamesake(int[] levels) {
    Level number = Field.NHS_NUMBER.level(levels[Field.NHS_NUMBER.ordinal()]);
    Level postcode = Field.POSTCODE.level(levels[Field.POSTCODE.ordinal()]);
    Level address = Field.ADDRESS.level(levels[Field.ADDRESS.ordinal()]);
    return postcode == Level.DIFFERENT && address != Level.EXACT && address != Level.CLOSE
        && number != Level.EXACT && number != Level.TRANSPOSED;
  }

  /** The decision for a match probability; NaN is never a link. */
  public Decision decide(double probability) {
    if (probability >= link) {
      return Decision.LINK;
    }
    return probability >= review ? Decision.REVIEW : Decision.NO_LINK;
  }
}
