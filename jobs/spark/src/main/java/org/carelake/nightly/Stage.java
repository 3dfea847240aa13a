package org.carelake.nightly;

import java.util.Locale;

/** The nightly stages, in the order a night runs them. */
public enum Stage {
  INGEST("validate landed files against their contracts; load, quarantine and record in the ledger"),
  SILVER("standardise, de-duplicate and pseudonymise into the conformed model"),
  GOLD("publish planning and cohort tables with disclosure control"),
  CHECK("quality gates: ledger reconciliation and the identifier-leak gate");

  private final String description;

  Stage(String description) {
    this.description = description;
  }

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public String description() {
    return description;
  }

  public static Stage parse(String value) {
    for (Stage stage : values()) {
      if (stage.id().equals(value.toLowerCase(Locale.ROOT))) {
        return stage;
      }
    }
    throw new IllegalArgumentException("unknown stage '" + value + "' (use ingest, silver, gold or check)");
  }
}
