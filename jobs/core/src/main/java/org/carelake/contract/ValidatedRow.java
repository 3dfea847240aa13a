package org.carelake.contract;

import java.util.List;

/**
 * One source row after validation: typed values in contract column order (null for blanks and
 * for values that failed to parse), the id of every rule the row broke, e.g.
 * {@code admission_date.not-in-future}, and the warning-severity rules it broke (the row still
 * loads, with those values kept).
 */
public record ValidatedRow(Object[] values, List<String> violations, List<String> warnings) {
  public ValidatedRow {
    violations = List.copyOf(violations);
    warnings = List.copyOf(warnings);
  }

  public ValidatedRow(Object[] values, List<String> violations) {
    this(values, violations, List.of());
  }

  public boolean isValid() {
    return violations.isEmpty();
  }
}
