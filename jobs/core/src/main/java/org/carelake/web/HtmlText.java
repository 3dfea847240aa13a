package org.carelake.web;

/**
 * Escaping of text for HTML, shared by every page CareLake writes (the data dictionary's static
 * site, the dashboard): text and double- or single-quoted attribute values.
 */
public final class HtmlText {
  private HtmlText() {}

  /** {@code text} with {@code & < > " '} written as character references. */
  public static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
