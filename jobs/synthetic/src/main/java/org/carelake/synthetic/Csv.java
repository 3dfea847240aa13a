package org.carelake.synthetic;

/** RFC 4180 line building: fields joined by commas, quoted only when they must be. */
final class Csv {
  private Csv() {}

  static void appendLine(StringBuilder out, String[] fields) {
    for (int i = 0; i < fields.length; i++) {
      if (i > 0) {
        out.append(',');
      }
      appendField(out, fields[i]);
    }
    out.append('\n');
  }

  static void appendField(StringBuilder out, String field) {
    boolean quote = false;
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      if (c == ',' || c == '"' || c == '\n' || c == '\r') {
        quote = true;
        break;
      }
    }
    if (!quote) {
      out.append(field);
      return;
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
  }
}
