package org.carelake.planning;

/** The age bands planning tables use: 0-4, 5-17, 18-34, 35-49, 50-64, 65-79, 80+, Unknown. */
public final class AgeBands {
  private static final int[] LOWER = {0, 5, 18, 35, 50, 65, 80};
  private static final String[] LABEL = {"0-4", "5-17", "18-34", "35-49", "50-64", "65-79", "80+"};

  private AgeBands() {}

  public static String of(Integer ageYears) {
    if (ageYears == null || ageYears < 0 || ageYears > 130) {
      return "Unknown";
    }
    for (int i = LOWER.length - 1; i >= 0; i--) {
      if (ageYears >= LOWER[i]) {
        return LABEL[i];
      }
    }
    return "Unknown";
  }
}
