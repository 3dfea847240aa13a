package org.carelake.serve.sql;

import java.util.List;

/**
 * The session settings a researcher may change (with {@code SET} or {@code spark.conf.set}): how
 * results are shaped and sent, never where tables come from, which catalog or extensions are used,
 * or how files are read. Every other key is refused, so a new governance-relevant setting in a later
 * Spark is refused until someone decides otherwise.
 */
final class ClientSettings {
  static final String WHICH = "a session may change only the time zone, ANSI mode, shuffle partitions, case sensitivity"
      + " and how results are returned (spark.sql.execution.arrow.*, spark.sql.execution.pandas.*, spark.sql.repl.eagerEval.*)";

  private static final List<String> KEYS = List.of("spark.sql.session.timeZone", "spark.sql.ansi.enabled", "spark.sql.shuffle.partitions",
      "spark.sql.caseSensitive");
  private static final List<String> PREFIXES = List.of("spark.sql.execution.arrow.", "spark.sql.execution.pandas.",
      "spark.sql.repl.eagerEval.", "spark.sql.pyspark.");

  private ClientSettings() {}

  static boolean settable(String key) {
    String k = key.strip();
    return KEYS.contains(k) || PREFIXES.stream().anyMatch(k::startsWith);
  }
}
