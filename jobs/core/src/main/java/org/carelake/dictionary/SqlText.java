package org.carelake.dictionary;

import java.util.ArrayList;
import java.util.List;
import org.carelake.error.CareLakeErrors;

/**
 * Reading SQL text without a SQL parser: string literals ({@code '…'} with {@code ''} or {@code \'}
 * inside), back-quoted names, {@code --} line comments and bracket depth. Enough to find a column
 * list or a select list in the project's own files; never used to build SQL.
 */
final class SqlText {
  private static final java.util.regex.Pattern TYPE_BEFORE =
      java.util.regex.Pattern.compile("\\b(ARRAY|MAP|STRUCT)\\s*$", java.util.regex.Pattern.CASE_INSENSITIVE);

  private SqlText() {}

  /** The text with {@code --} comments blanked out (same length, so offsets still match). */
  static String withoutComments(String sql) {
    StringBuilder out = new StringBuilder(sql);
    scan(sql, (index, state) -> {
      if (state == State.COMMENT && sql.charAt(index) != '\n') {
        out.setCharAt(index, ' ');
      }
    });
    return out.toString();
  }

  /** The text with the insides of string literals blanked out. */
  static String withoutStrings(String sql) {
    StringBuilder out = new StringBuilder(sql);
    scan(sql, (index, state) -> {
      if (state == State.STRING) {
        out.setCharAt(index, ' ');
      }
    });
    return out.toString();
  }

  /** Bracket depth (parentheses, and the angle brackets of ARRAY, MAP and STRUCT types) at an offset, outside strings and comments. */
  static int depthAt(String sql, int offset) {
    return offset <= 0 ? 0 : depths(withoutStrings(withoutComments(sql)))[Math.min(offset, sql.length()) - 1];
  }

  /** The depth after each character of code without strings and comments. */
  private static int[] depths(String code) {
    int[] after = new int[code.length()];
    int parentheses = 0;
    List<Integer> angles = new ArrayList<>();
    for (int i = 0; i < code.length(); i++) {
      char c = code.charAt(i);
      if (c == '(') {
        parentheses++;
      } else if (c == ')' && parentheses > 0) {
        parentheses--;
      } else if (c == '<' && TYPE_BEFORE.matcher(code.substring(0, i)).find()) {
        angles.add(parentheses);
      } else if (c == '>' && !angles.isEmpty() && angles.get(angles.size() - 1) == parentheses) {
        angles.remove(angles.size() - 1);
      }
      after[i] = parentheses + angles.size();
    }
    return after;
  }

  /** The offset of the parenthesis closing the one at {@code open}. */
  static int closingParenthesis(String sql, int open) {
    String code = withoutStrings(withoutComments(sql));
    int depth = 0;
    for (int i = open; i < code.length(); i++) {
      char c = code.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')' && --depth == 0) {
        return i;
      }
    }
    throw CareLakeErrors.configuration("unbalanced parentheses in SQL: " + abbreviate(sql));
  }

  /** Splits at a separator outside brackets, strings and comments; the parts keep their text (comments included). */
  static List<String> splitTopLevel(String sql, char separator) {
    int[] depth = depths(withoutStrings(withoutComments(sql)));
    String code = withoutStrings(withoutComments(sql));
    List<String> parts = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < code.length(); i++) {
      if (code.charAt(i) == separator && depth[i] == 0) {
        parts.add(sql.substring(start, i));
        start = i + 1;
      }
    }
    parts.add(sql.substring(start));
    return parts;
  }

  /** The value of the string literal whose opening quote is at {@code quote}. */
  static String stringLiteral(String sql, int quote, String origin) {
    StringBuilder value = new StringBuilder();
    for (int i = quote + 1; i < sql.length(); i++) {
      char c = sql.charAt(i);
      if (c == '\\' && i + 1 < sql.length()) {
        value.append(sql.charAt(++i));
      } else if (c == '\'' && i + 1 < sql.length() && sql.charAt(i + 1) == '\'') {
        value.append('\'');
        i++;
      } else if (c == '\'') {
        return value.toString();
      } else {
        value.append(c);
      }
    }
    throw CareLakeErrors.configuration(origin + ": a string literal is not closed");
  }

  private enum State { CODE, STRING, QUOTED_NAME, COMMENT }

  private interface Visitor {
    void visit(int index, State state);
  }

  /** Calls the visitor for every character with the state it is in; quote and comment marks count as inside. */
  private static void scan(String sql, Visitor visitor) {
    State state = State.CODE;
    for (int i = 0; i < sql.length(); i++) {
      char c = sql.charAt(i);
      switch (state) {
        case CODE -> {
          if (c == '\'') {
            visitor.visit(i, State.CODE);
            state = State.STRING;
            continue;
          }
          if (c == '`') {
            state = State.QUOTED_NAME;
          } else if (c == '-' && i + 1 < sql.length() && sql.charAt(i + 1) == '-') {
            state = State.COMMENT;
          }
        }
        case STRING -> {
          if (c == '\\' && i + 1 < sql.length()) {
            visitor.visit(i, State.STRING);
            visitor.visit(++i, State.STRING);
            continue;
          }
          if (c == '\'' && i + 1 < sql.length() && sql.charAt(i + 1) == '\'') {
            visitor.visit(i, State.STRING);
            visitor.visit(++i, State.STRING);
            continue;
          }
          if (c == '\'') {
            visitor.visit(i, State.CODE);
            state = State.CODE;
            continue;
          }
        }
        case QUOTED_NAME -> {
          if (c == '`') {
            visitor.visit(i, State.QUOTED_NAME);
            state = State.CODE;
            continue;
          }
        }
        case COMMENT -> {
          if (c == '\n') {
            state = State.CODE;
          }
        }
      }
      visitor.visit(i, state);
    }
  }

  private static String abbreviate(String sql) {
    String line = sql.strip().replaceAll("\\s+", " ");
    return line.length() > 80 ? line.substring(0, 80) + "…" : line;
  }
}
