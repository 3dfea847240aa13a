package org.carelake.planning;

/**
 * The deprivation quintile planning tables and measures group by, from the Index of Multiple
 * Deprivation decile of a person's LSOA of residence: deciles 1-2 are quintile 1 (the most
 * deprived) .. deciles 9-10 quintile 5; no decile, or one outside 1-10, is {@code unknown}. The
 * gold SQL calls it as {@code deprivation_quintile(imd_decile)}, so every table derives it alike.
 */
public final class DeprivationQuintiles {
  public static final String UNKNOWN = "unknown";

  private DeprivationQuintiles() {}

  public static String of(Integer imdDecile) {
    if (imdDecile == null || imdDecile < 1 || imdDecile > 10) {
      return UNKNOWN;
    }
    return Integer.toString((imdDecile + 1) / 2);
  }
}
