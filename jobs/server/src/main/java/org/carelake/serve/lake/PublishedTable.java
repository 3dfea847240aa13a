package org.carelake.serve.lake;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The only tables the dashboard can read: the planning tables of the published zone and the two
 * run tables behind the freshness page. A table is named by this list, never by a request's text,
 * so no parameter ever becomes a path.
 */
public enum PublishedTable {
  MONTHLY_ACTIVITY("gold", "monthly_activity"),
  MONTHLY_ACTIVITY_DEPRIVATION("gold", "monthly_activity_deprivation"),
  LTC_PREVALENCE("gold", "ltc_prevalence"),
  LTC_PREVALENCE_LSOA("gold", "ltc_prevalence_lsoa"),
  MEASURES("gold", "measures"),
  // when each night ran: no person data, and of its columns only these (not the free-text message nor the key's fingerprint and id)
  RUNS("ops", "runs", List.of("run_id", "night", "stages", "outcome", "code_version", "started_at", "finished_at")),
  DATA_QUALITY("ops", "data_quality");

  private final String zone;
  private final String table;
  private final List<String> shownColumns;

  PublishedTable(String zone, String table) {
    this(zone, table, List.of());
  }

  PublishedTable(String zone, String table, List<String> shownColumns) {
    this.zone = zone;
    this.table = table;
    this.shownColumns = shownColumns;
  }

  /** Whether the dashboard may show this column of the table (every column, unless the table lists the ones it may). */
  public boolean shows(String column) {
    return shownColumns.isEmpty() || shownColumns.contains(column);
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
