package org.carelake.geography;

import static java.util.Objects.requireNonNull;

/**
 * One postcode unit with the small area it lies in: the LSOA (lower layer super output area), the
 * borough and the Index of Multiple Deprivation decile of that LSOA (1 most deprived, 10 least).
 */
public record PostcodeArea(String postcode, String lsoaCode, String boroughCode, int imdDecile) {
  public PostcodeArea {
    requireNonNull(postcode, "postcode is null");
    requireNonNull(lsoaCode, "lsoaCode is null");
    requireNonNull(boroughCode, "boroughCode is null");
    if (imdDecile < 1 || imdDecile > 10) {
      throw new IllegalArgumentException("IMD decile must be 1-10, was " + imdDecile);
    }
  }

  /** The borough this postcode belongs to. */
  public Borough borough() {
    return Borough.fromOnsCode(boroughCode)
        .orElseThrow(() -> new IllegalStateException("not a Greater Manchester borough: " + boroughCode));
  }
}
