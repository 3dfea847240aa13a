package org.carelake.quality;

import java.util.Locale;

/**
 * The data-quality categories of OHDSI's Data Quality Dashboard (after Kahn et al.): does a value
 * meet its declared form ({@link #CONFORMANCE}), is it there ({@link #COMPLETENESS}), is it
 * believable ({@link #PLAUSIBILITY}).
 */
public enum Category {
  CONFORMANCE,
  COMPLETENESS,
  PLAUSIBILITY;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  static Category parse(String value, String origin) {
    for (Category category : values()) {
      if (category.label().equals(value.strip())) {
        return category;
      }
    }
    throw org.carelake.error.CareLakeErrors.configuration(
        origin + " declares category '" + value + "'; use conformance, completeness or plausibility");
  }
}
