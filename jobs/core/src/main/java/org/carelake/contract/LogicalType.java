package org.carelake.contract;

import java.util.Locale;

/** ODCS logical types the contracts may use; each maps to one lake column type. */
public enum LogicalType {
  STRING,
  INTEGER,
  NUMBER,
  DATE,
  TIMESTAMP,
  BOOLEAN;

  static LogicalType parse(String value) {
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown logicalType '" + value + "' (use string, integer, number, date, timestamp, boolean)");
    }
  }
}
