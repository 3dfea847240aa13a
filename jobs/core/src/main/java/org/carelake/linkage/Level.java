package org.carelake.linkage;

import java.util.Locale;

/**
 * How closely two records agree on one {@link Field}. Each field uses a subset of these, in the
 * order given by {@link Field#levels()}; that order, not this enum's, fixes the level index used in
 * comparison patterns and model parameters.
 */
public enum Level {
  /** Either side has no value: the field carries no evidence. */
  MISSING,
  /** Both sides have a value and none of the field's other levels applies. */
  DIFFERENT,
  /** Spelt nearly the same (one edit or a high Jaro–Winkler similarity). */
  CLOSE,
  /** Sound the same (equal phonetic codes). */
  PHONETIC,
  /** Known variants of one given name (BILL and WILLIAM). */
  NICKNAME,
  /** Given and family names exchanged between the two records. */
  SWAPPED,
  /** One side is a single letter that is the other's first letter. */
  INITIAL,
  /** Same postcode district (outward code). */
  DISTRICT,
  /** Same postcode sector (outward code and first inward digit). */
  SECTOR,
  /** One date is 1 January of the other's year: a common placeholder for an unknown day. */
  DEFAULT_DATE,
  /** Exactly one of day, month and year differs. */
  ONE_COMPONENT,
  /** Day and month exchanged (American order keyed as British). */
  DAY_MONTH_SWAPPED,
  /** NHS numbers one transposed pair or one wrong digit apart. */
  TRANSPOSED,
  /** Identical values. */
  EXACT;

  private final String label = name().toLowerCase(Locale.ROOT);

  /** Lower-case name used in model text and explanations: {@code day_month_swapped}. */
  public String label() {
    return label;
  }
}
