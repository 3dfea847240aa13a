package org.carelake.contract;

import java.util.List;

/**
 * One source row after validation: typed values in contract column order (null for blanks and
 * for values that failed to parse) and the id of every rule the row broke, e.g.
 * {@code admission_date.not-in-future}.
 */
public record ValidatedRow(Object[] values, List<String> violations) {
  public ValidatedRow {
    violations = List.copyOf(violations);
  }

  public boolean isValid() {
    return violations.isEmpty();
  }
}
