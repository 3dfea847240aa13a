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
    return org.carelake.web.JsonText.quote(text);
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
