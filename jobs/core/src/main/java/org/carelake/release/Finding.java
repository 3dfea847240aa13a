package org.carelake.release;

import static java.util.Objects.requireNonNull;

/**
 * One reason an output cannot leave as it is: the rule broken, and where (file, row, column). It
 * never holds a cell's value, since the value may be the very thing that must not leave.
 *
 * @param row the row as a spreadsheet numbers it (the header is row 1), or 0 for the whole file or column
 * @param column the column's name, or null for a whole row or the whole file
 */
public record Finding(String rule, String file, long row, String column, String message) {
  public Finding {
    requireNonNull(rule, "rule is null");
    requireNonNull(file, "file is null");
    requireNonNull(message, "message is null");
  }

  /** {@code file, row 4, column n: message [rule]}. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder(file);
    if (row > 0) {
      text.append(", row ").append(row);
    }
    if (column != null) {
      text.append(", column ").append(column);
    }
    return text.append(": ").append(message).append(" [").append(rule).append(']').toString();
  }
}
