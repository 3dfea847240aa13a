package org.carelake.geography;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The ten Greater Manchester boroughs (metropolitan districts), with their ONS local authority
 * code, Census 2021 usual resident population and a few of the postcode districts that serve them.
 *
 * <p>Postcode districts are approximate (real districts straddle borough boundaries); each district
 * is listed under exactly one borough so that a synthetic postcode maps to one borough.
 */
public enum Borough {
  BOLTON("E08000001", "Bolton", 296_000, "BL1", "BL2", "BL3", "BL4", "BL5", "BL6", "BL7"),
  BURY("E08000002", "Bury", 193_800, "BL0", "BL8", "BL9", "M25", "M26", "M45"),
  MANCHESTER("E08000003", "Manchester", 551_900,
      "M1", "M2", "M4", "M8", "M9", "M11", "M12", "M13", "M14", "M15", "M16", "M18", "M19", "M20",
      "M21", "M22", "M23", "M40", "M90"),
  OLDHAM("E08000004", "Oldham", 242_100, "OL1", "OL2", "OL3", "OL4", "OL8", "OL9"),
  ROCHDALE("E08000005", "Rochdale", 223_700, "OL10", "OL11", "OL12", "OL15", "OL16", "M24"),
  SALFORD("E08000006", "Salford", 270_000, "M3", "M5", "M6", "M7", "M27", "M28", "M30", "M44", "M50"),
  STOCKPORT("E08000007", "Stockport", 294_800, "SK1", "SK2", "SK3", "SK4", "SK5", "SK6", "SK7", "SK8"),
  TAMESIDE("E08000008", "Tameside", 231_100, "OL5", "OL6", "OL7", "SK14", "SK15", "SK16", "M34", "M43"),
  TRAFFORD("E08000009", "Trafford", 235_100, "M17", "M31", "M32", "M33", "M41", "WA14", "WA15"),
  WIGAN("E08000010", "Wigan", 329_300, "WN1", "WN2", "WN3", "WN4", "WN5", "WN6", "WN7", "WA3", "M29");

  private final String onsCode;
  private final String displayName;
  private final int population;
  private final List<String> postcodeDistricts;

  Borough(String onsCode, String displayName, int population, String... postcodeDistricts) {
    this.onsCode = onsCode;
    this.displayName = displayName;
    this.population = population;
    this.postcodeDistricts = List.of(postcodeDistricts);
  }

  /** ONS local authority code, for example {@code E08000001}. */
  public String onsCode() {
    return onsCode;
  }

  public String displayName() {
    return displayName;
  }

  /** Census 2021 usual resident population (approximate). */
  public int population() {
    return population;
  }

  /** Outward codes of postcode districts assigned to this borough, in a fixed order. */
  public List<String> postcodeDistricts() {
    return postcodeDistricts;
  }

  /** Sum of the ten boroughs' populations (2,867,800). */
  public static long totalPopulation() {
    return Arrays.stream(values()).mapToLong(Borough::population).sum();
  }

  public static Optional<Borough> fromOnsCode(String onsCode) {
    if (onsCode == null) {
      return Optional.empty();
    }
    String wanted = onsCode.trim().toUpperCase(java.util.Locale.ROOT);
    return Arrays.stream(values()).filter(b -> b.onsCode.equals(wanted)).findFirst();
  }
}
