package org.carelake.synthetic;

/** RFC 4180 line building: fields joined by commas, quoted only when they must be. */
final class Csv {
  private Csv() {}

  /**
   * Appends the line; returns whether it holds a character beyond Latin-1 (Ł, ś...), after which
   * a reused builder stays two bytes a character, so callers start a new one.
   */
  static boolean appendLine(StringBuilder out, String[] fields) {
    boolean wide = false;
    for (int i = 0; i < fields.length; i++) {
      if (i > 0) {
        out.append(',');
      }
      wide |= appendField(out, fields[i]);
    }
    out.append('\n');
    return wide;
  }

  /** Appends one field, quoted when it must be; returns whether it holds a character beyond Latin-1. */
  static boolean appendField(StringBuilder out, String field) {
    boolean quote = false;
    boolean wide = false;
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      if (c == ',' || c == '"' || c == '\n' || c == '\r') {
        quote = true;
      } else if (c > 0xFF) {
        wide = true;
      }
    }
    if (!quote) {
      out.append(field);
      return wide;
    }
    out.append('"');
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      if (c == '"') {
        out.append('"');
      }
      out.append(c);
    }
    out.append('"');
    return wide;
  }
}
