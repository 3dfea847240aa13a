package org.carelake.error;

import java.nio.file.Path;

/** Every user-facing error is created here, so wording and categories stay consistent. */
public final class CareLakeErrors {
  private CareLakeErrors() {}

  public static CareLakeException configuration(String message) {
    return new CareLakeException(ErrorCategory.CONFIGURATION, message, null);
  }

  public static CareLakeException configuration(String message, Throwable cause) {
    return new CareLakeException(ErrorCategory.CONFIGURATION, message, cause);
  }

  public static CareLakeException invalidContract(String contractFile, String problem) {
    return new CareLakeException(
        ErrorCategory.CONFIGURATION,
        "data contract " + contractFile + " is invalid: " + problem,
        null);
  }

  public static CareLakeException missingKey() {
    return new CareLakeException(
        ErrorCategory.MISSING_INPUT,
        "no pseudonymisation key: set CARELAKE_PSEUDONYM_KEY (64 hex characters) or pass"
            + " --key-file FILE with a key kept outside the lake and outside git",
        null);
  }

  public static CareLakeException weakKey(int bytes) {
    return new CareLakeException(
        ErrorCategory.CONFIGURATION,
        "pseudonymisation key is "
            + bytes
            + " bytes; at least 32 random bytes (64 hex characters) are required",
        null);
  }

  public static CareLakeException missingInput(String what, Path where) {
    return new CareLakeException(
        ErrorCategory.MISSING_INPUT, what + " not found at " + where, null);
  }

  public static CareLakeException missingInput(String message) {
    return new CareLakeException(ErrorCategory.MISSING_INPUT, message, null);
  }

  public static CareLakeException invariant(String message) {
    return new CareLakeException(ErrorCategory.INVARIANT, message, null);
  }

  public static CareLakeException accessRefused(String reason) {
    return new CareLakeException(ErrorCategory.ACCESS_REFUSED, "access refused: " + reason, null);
  }

  public static CareLakeException internal(String message, Throwable cause) {
    return new CareLakeException(ErrorCategory.INTERNAL, message, cause);
  }
}
