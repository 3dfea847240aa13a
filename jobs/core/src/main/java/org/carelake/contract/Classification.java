package org.carelake.contract;

import java.util.Locale;

/**
 * Privacy class of a column. Direct identifiers never leave the restricted zone; quasi-identifiers
 * leave it only generalised (year of birth, LSOA); clinical and administrative values may.
 */
public enum Classification {
  DIRECT_IDENTIFIER,
  QUASI_IDENTIFIER,
  CLINICAL,
  ADMINISTRATIVE;

  static Classification parse(String value) {
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown classification '"
              + value
              + "' (use direct-identifier, quasi-identifier, clinical, administrative)");
    }
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
