package org.carelake.serve.web;

import java.util.List;
import java.util.regex.Pattern;
import org.carelake.web.HtmlText;

/** Escaping for every way text leaves the server: HTML, JSON and CSV. */
public final class Text {
  private static final Pattern PLAIN_NUMBER = Pattern.compile("[+-]?\\d+(\\.\\d+)?%?");

  private Text() {}

  /** HTML text and attribute values (double-quoted). */
  public static String html(String text) {
    return HtmlText.escape(text);
  }

  /** A JSON string literal; safe inside an HTML script element too ({@code <} and {@code >} escaped). */
  public static String json(String text) {
    StringBuilder out = new StringBuilder(text.length() + 2).append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '<' -> out.append("\\u003c");
        case '>' -> out.append("\\u003e");
        case '&' -> out.append("\\u0026");
        default -> {
          if (c < 0x20 || c == '\u2028' || c == '\u2029') {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  /**
   * One CSV field, quoted. A field a spreadsheet would run as a formula (starting with =, +, -, @,
   * tab or carriage return) gets a leading apostrophe, unless it is a plain number such as -4.2%.
   */
  public static String csvField(String text) {
    String value = text;
    if (!value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 && !PLAIN_NUMBER.matcher(value).matches()) {
      value = "'" + value;
    }
    return '"' + value.replace("\"", "\"\"") + '"';
  }

  public static String csvLine(List<String> fields) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append(csvField(fields.get(i)));
    }
    return out.append("\r\n").toString();
  }
}
