package org.carelake.error;

import static java.util.Objects.requireNonNull;

/**
 * The one exception type that reaches users. Messages say what was wrong and how to fix it, and
 * never carry a patient identifier: only file names, table names, rule ids, counts and versions.
 */
public final class CareLakeException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final ErrorCategory category;

  CareLakeException(ErrorCategory category, String message, Throwable cause) {
    super(requireNonNull(message, "message is null"), cause);
    this.category = requireNonNull(category, "category is null");
  }

  public ErrorCategory category() {
    return category;
  }

  /** One line for the terminal: category and message. */
  public String oneLine() {
    return category.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ": " + getMessage();
  }
}
