package org.carelake.contract;

/**
 * What happens to an activity row dated before its linked person's birth ({@code carelake.before-birth}
 * in the contract), for feeds whose rows carry no date of birth of their own to check the date
 * against (a row that does is checked by a {@code not-before} rule at ingest). The birth date is
 * the earliest one among the identity records of the person the link stage gave the row; the
 * care date is the feed's first clinical date. Either way the quality stage measures such rows
 * ({@code event_before_birth_share}).
 */
public enum BeforeBirthRule implements ContractOption {
  /** The row reaches silver; the measure flags it. The default. */
  FLAG("flag"),
  /**
   * The row is held in {@code restricted.pending_linkage} with its reason instead of reaching
   * silver: either the link or the date is wrong. It is looked at again when its record's person
   * changes (a merge, a split, a clerical decision).
   */
  HOLD("hold");

  private final String id;

  BeforeBirthRule(String id) {
    this.id = id;
  }

  @Override
  public String id() {
    return id;
  }
}
