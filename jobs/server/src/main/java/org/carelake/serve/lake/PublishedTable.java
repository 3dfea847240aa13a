package org.carelake.serve.lake;

import java.util.Locale;
import java.util.Optional;

/**
 * The only tables the dashboard can read: the planning tables of the published zone and the two
 * run tables behind the freshness page. A table is named by this list, never by a request's text,
 * so no parameter ever becomes a path.
 */
public enum PublishedTable {
  MONTHLY_ACTIVITY("gold", "monthly_activity"),
  LTC_PREVALENCE("gold", "ltc_prevalence"),
  LTC_PREVALENCE_LSOA("gold", "ltc_prevalence_lsoa"),
  MEASURES("gold", "measures"),
  RUNS("ops", "runs"),
  DATA_QUALITY("ops", "data_quality");

  private final String zone;
  private final String table;

  PublishedTable(String zone, String table) {
    this.zone = zone;
    this.table = table;
  }

  public String zone() {
    return zone;
  }

  public String table() {
    return table;
  }

  /** {@code zone.table}, as the access policy and the audit trail name it. */
  public String qualifiedName() {
    return zone + "." + table;
  }

  /** The table of this exact qualified name, if it is one the dashboard serves. */
  public static Optional<PublishedTable> named(String zone, String table) {
    for (PublishedTable candidate : values()) {
      if (candidate.zone.equals(zone) && candidate.table.equals(table.toLowerCase(Locale.ROOT))) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
