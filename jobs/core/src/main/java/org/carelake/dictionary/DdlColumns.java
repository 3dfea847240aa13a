package org.carelake.dictionary;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.carelake.error.CareLakeErrors;

/**
 * The columns a {@code CREATE TABLE} statement declares, read as documentation: name, type, {@code
 * NOT NULL}, {@code COMMENT '…'} and a {@code GENERATED ALWAYS AS (…)} expression. It reads the
 * subset of Spark SQL the project's DDL files use (see {@code sql/README.md}); anything it cannot
 * read is an error naming the file, so the dictionary never silently drops a column.
 */
final class DdlColumns {
  private static final Pattern NAME = Pattern.compile("`?([A-Za-z_][A-Za-z0-9_]*)`?\\s+(.*)", Pattern.DOTALL);
  private static final Pattern CLAUSE = Pattern.compile("\\b(NOT\\s+NULL|GENERATED\\s+ALWAYS\\s+AS|COMMENT|DEFAULT)\\b", Pattern.CASE_INSENSITIVE);

  private DdlColumns() {}

  /** A declared column; {@code generated} is the expression of a generated column, else empty. */
  record Declared(String name, String type, boolean notNull, String comment, String generated) {}

  static List<Declared> of(String statement, String origin) {
    String text = SqlText.withoutComments(statement);
    int open = text.indexOf('(');
    if (open < 0 || !text.substring(0, open).toUpperCase(Locale.ROOT).contains("CREATE TABLE")) {
      throw CareLakeErrors.configuration(origin + " is not a CREATE TABLE statement with a column list");
    }
    int close = SqlText.closingParenthesis(text, open);
    List<Declared> columns = new ArrayList<>();
    for (String definition : SqlText.splitTopLevel(text.substring(open + 1, close), ',')) {
      if (definition.isBlank()) {
        continue;
      }
      columns.add(column(definition.strip(), origin));
    }
    return columns;
  }

  private static Declared column(String definition, String origin) {
    Matcher name = NAME.matcher(definition);
    if (!name.matches()) {
      throw CareLakeErrors.configuration(origin + ": cannot read the column definition '" + definition + "'");
    }
    String rest = name.group(2);
    Matcher clause = CLAUSE.matcher(rest);
    int typeEnd = rest.length();
    while (clause.find()) {
      if (SqlText.depthAt(rest, clause.start()) == 0) {
        typeEnd = clause.start();
        break;
      }
    }
    String type = rest.substring(0, typeEnd).strip().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
    String clauses = rest.substring(typeEnd);
    boolean notNull = Pattern.compile("\\bNOT\\s+NULL\\b", Pattern.CASE_INSENSITIVE).matcher(SqlText.withoutStrings(clauses)).find();
    String comment = "";
    Matcher commentKeyword = Pattern.compile("\\bCOMMENT\\s+'", Pattern.CASE_INSENSITIVE).matcher(clauses);
    while (commentKeyword.find()) {
      if (SqlText.depthAt(clauses, commentKeyword.start()) == 0) {
        comment = SqlText.stringLiteral(clauses, commentKeyword.end() - 1, origin);
        break;
      }
    }
    String generated = "";
    Matcher generatedKeyword = Pattern.compile("\\bGENERATED\\s+ALWAYS\\s+AS\\s*\\(", Pattern.CASE_INSENSITIVE).matcher(clauses);
    if (generatedKeyword.find()) {
      int from = generatedKeyword.end() - 1;
      generated = clauses.substring(from + 1, SqlText.closingParenthesis(clauses, from)).strip();
    }
    if (type.isEmpty()) {
      throw CareLakeErrors.configuration(origin + ": column " + name.group(1) + " has no type");
    }
    return new Declared(name.group(1), type, notNull, comment, generated);
  }
}
