package org.carelake.dictionary;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The output columns of a query, read from its text: the select list of the statement's outermost
 * {@code SELECT} (after any {@code WITH} steps; the first branch of a {@code UNION}), each with
 * the {@code --} comment written at the end of its line. A comment may start with a type, {@code
 * -- DATE: first day of the month}; otherwise the whole comment is the meaning.
 */
final class SelectColumns {
  private static final Pattern SELECT = Pattern.compile("(?i)\\bSELECT\\b(\\s+DISTINCT\\b)?");
  private static final Pattern FROM = Pattern.compile("(?i)\\bFROM\\b");
  private static final Pattern ALIAS = Pattern.compile("(?is).*\\bAS\\s+`?([A-Za-z_][A-Za-z0-9_]*)`?");
  private static final Pattern COLUMN = Pattern.compile("(?s)(?:[A-Za-z_][A-Za-z0-9_]*\\.)?`?([A-Za-z_][A-Za-z0-9_]*)`?");
  private static final Pattern TYPED = Pattern.compile(
      "((?:STRING|INT|INTEGER|BIGINT|SMALLINT|TINYINT|DOUBLE|FLOAT|BOOLEAN|DATE|TIMESTAMP|TIMESTAMP_NTZ|BINARY"
          + "|DECIMAL(?:\\(\\d+\\s*,\\s*\\d+\\))?|(?:ARRAY|MAP|STRUCT)<[^:]*>))\\s*:\\s*(.*)",
      Pattern.DOTALL);

  private SelectColumns() {}

  /** One output column; {@code type} is empty unless the comment gave one. */
  record Output(String name, String type, String meaning) {}

  static List<Output> of(String statement) {
    String code = SqlText.withoutStrings(SqlText.withoutComments(statement));
    int start = -1;
    Matcher select = SELECT.matcher(code);
    while (select.find()) {
      if (SqlText.depthAt(code, select.start()) == 0) {
        start = select.end();
        break;
      }
    }
    if (start < 0) {
      return List.of();
    }
    int end = code.length();
    Matcher from = FROM.matcher(code);
    from.region(start, code.length());
    while (from.find()) {
      if (SqlText.depthAt(code, from.start()) == 0) {
        end = from.start();
        break;
      }
    }
    List<String> items = SqlText.splitTopLevel(statement.substring(start, end), ',');
    List<Output> outputs = new ArrayList<>();
    String carried = "";
    for (int i = 0; i < items.size(); i++) {
      String item = items.get(i);
      // A comment after the comma, on the same line, belongs to the item before it.
      String leading = firstLineComment(item);
      if (i > 0 && !leading.isEmpty()) {
        Output previous = outputs.remove(outputs.size() - 1);
        outputs.add(annotated(previous.name(), join(carried, leading)));
        item = item.substring(item.indexOf('\n') < 0 ? item.length() : item.indexOf('\n'));
      }
      String expression = SqlText.withoutComments(item).strip();
      if (expression.isEmpty()) {
        continue;
      }
      carried = ownComments(item);
      outputs.add(annotated(name(expression), carried));
    }
    return outputs;
  }

  private static Output annotated(String name, String comment) {
    Matcher typed = TYPED.matcher(comment);
    if (typed.matches()) {
      return new Output(name, typed.group(1), typed.group(2).strip());
    }
    return new Output(name, "", comment);
  }

  private static String name(String expression) {
    String flat = expression.replaceAll("\\s+", " ");
    Matcher alias = ALIAS.matcher(flat);
    if (alias.matches()) {
      return alias.group(1);
    }
    Matcher column = COLUMN.matcher(flat);
    if (column.matches()) {
      return column.group(1);
    }
    return flat;
  }

  /** The comment on an item's first line, when the line holds only that comment (it follows the comma before). */
  private static String firstLineComment(String item) {
    int newline = item.indexOf('\n');
    String line = newline < 0 ? item : item.substring(0, newline);
    String stripped = line.strip();
    return stripped.startsWith("--") ? stripped.substring(2).strip() : "";
  }

  /**
   * The item's own comments: whole-line comments above its expression and comments after it (the
   * last item's, before FROM). The first line's comment went to the item before.
   */
  private static String ownComments(String item) {
    StringBuilder comments = new StringBuilder();
    String code = SqlText.withoutComments(item);
    int offset = 0;
    for (String line : item.split("\n", -1)) {
      String codeLine = code.substring(offset, offset + line.length());
      int marker = SqlText.withoutStrings(line).indexOf("--");
      if (marker >= 0 && codeLine.substring(marker).isBlank()) {
        String comment = line.substring(marker + 2).strip();
        comments.append(comments.isEmpty() || comment.isEmpty() ? "" : " ").append(comment);
      }
      offset += line.length() + 1;
    }
    return comments.toString();
  }

  private static String join(String first, String second) {
    return first.isEmpty() ? second : second.isEmpty() ? first : first + " " + second;
  }
}
