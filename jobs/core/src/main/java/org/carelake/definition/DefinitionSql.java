package org.carelake.definition;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.carelake.codelist.CodeSystem;

/**
 * SQL pieces both definition compilers (measures, cohorts) write the same way. Only validated values
 * reach them: dates are column names, days are parsed numbers, texts are quoted.
 */
public final class DefinitionSql {
  private DefinitionSql() {}

  /** {@code date} within a window of days around {@code reference}, both ends included; an open end is no bound. */
  public static String window(String date, String reference, Optional<Integer> from, Optional<Integer> to) {
    List<String> bounds = new ArrayList<>();
    from.ifPresent(days -> bounds.add(date + " >= " + shifted(reference, days)));
    to.ifPresent(days -> bounds.add(date + " <= " + shifted(reference, days)));
    return String.join(" AND ", bounds);
  }

  private static String shifted(String reference, int days) {
    return days == 0 ? reference : "date_add(" + reference + ", " + days + ")";
  }

  /** A text as a SQL string literal: backslashes and quotes escaped, one line. */
  public static String literal(String text) {
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'").replace('\n', ' ') + "'";
  }

  /** A person's date of death: silver holds the month of death only, so the last day of that month. */
  public static String deathDate(String person) {
    return "CASE WHEN " + person + ".death_year IS NOT NULL THEN last_day(make_date(" + person + ".death_year, coalesce(" + person
        + ".death_month, 12), 1)) END";
  }

  /** A person's age in whole years on a date, taking the birthday as the first of the birth month. */
  public static String ageInYears(String person, String date) {
    return "CAST(floor((year(" + date + ") * 12 + month(" + date + ") - " + person + ".birth_year * 12 - coalesce(" + person
        + ".birth_month, 1)) / 12) AS INT)";
  }

  /** The silver table whose coded column a codelist of this system matches. */
  public static String codedTable(CodeSystem system) {
    return switch (system) {
      case SNOMED_CT -> "silver.gp_event";
      case DMD -> "silver.medication";
      case ICD_10, OPCS_4 -> "silver.hospital_spell";
    };
  }
}
