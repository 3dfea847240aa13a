package org.carelake.access;

import java.util.Locale;

/**
 * What a caller may do to a table. There is deliberately no update or delete: no grant can allow
 * changing what the lake holds, least of all the audit trail.
 */
public enum Action {
  /** Read rows (a query, a trace, a list). */
  READ,
  /** Record a clerical-review decision, which the next night's link stage applies. */
  DECIDE;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  static Action parse(String text, String origin) {
    for (Action action : values()) {
      if (action.label().equals(text)) {
        return action;
      }
    }
    throw org.carelake.error.CareLakeErrors.configuration(origin + ": unknown action '" + text + "' (read or decide)");
  }
}
