package org.carelake.cohort;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.carelake.codelist.CodeSystem;
import org.carelake.codelist.Codelist;
import org.carelake.codelist.CodelistLibrary;
import org.carelake.cohort.CohortDefinition.Activity;
import org.carelake.cohort.CohortDefinition.AgeAtIndex;
import org.carelake.cohort.CohortDefinition.AtLeast;
import org.carelake.cohort.CohortDefinition.Attribute;
import org.carelake.cohort.CohortDefinition.CodelistReference;
import org.carelake.cohort.CohortDefinition.Covariate;
import org.carelake.cohort.CohortDefinition.Criterion;
import org.carelake.cohort.CohortDefinition.FirstEvent;
import org.carelake.cohort.CohortDefinition.HasEvent;
import org.carelake.cohort.CohortDefinition.RegisteredAtIndex;
import org.carelake.cohort.CohortDefinition.SqlCondition;
import org.carelake.definition.DefinitionSql;
import org.carelake.error.CareLakeErrors;
import org.carelake.error.CareLakeException;

/**
 * Compiles a {@link CohortDefinition} to Spark SQL: the one place cohort logic becomes SQL, so every
 * cohort follows the same rules for dates, windows, registration and exit.
 *
 * <p>The statement is a chain of named steps a reviewer can follow: {@code events} (every event of
 * the definition's sources, tagged with the source's alias), {@code index_dates}, {@code candidates}
 * (each person with an index date, joined to the person table), then {@code step_1} … {@code
 * step_n}, one per criterion in file order (inclusion first, then exclusion). The cohort selects
 * from the last step; the attrition table counts every step. Only validated values reach the text:
 * aliases, codelist ids and column names match fixed patterns, dates and numbers are parsed, and
 * descriptions are quoted as SQL string literals. A {@code sql:} criterion is the one place
 * reviewed SQL from the definition enters, as a boolean expression.
 */
public final class CohortCompiler {
  /** Columns of the candidate rows a {@code sql:} criterion may use, and names a covariate may not take. */
  static final Set<String> RESERVED_COLUMNS = Set.of("patient_id", "person_key", "index_date", "entry_date", "exit_date", "birth_year",
      "birth_month", "sex", "ethnic_group", "imd_decile", "borough_code", "registration_date", "deregistration_date", "death_date",
      "age_at_index", "age_band", "deprivation_quintile", "value", "step", "criterion", "people");

  private final CohortDefinition definition;
  private final Map<String, CodeSystem> systems = new LinkedHashMap<>();

  private CohortCompiler(CohortDefinition definition) {
    this.definition = definition;
  }

  /** Checks every codelist against the library's manifest (checksum included) and compiles. */
  public static CompiledCohort compile(CohortDefinition definition, CodelistLibrary library) {
    requireNonNull(definition, "definition is null");
    requireNonNull(library, "library is null");
    CohortCompiler compiler = new CohortCompiler(definition);
    definition.codelists().forEach((alias, reference) -> {
      Codelist list;
      try {
        list = library.load(reference.id(), reference.version());
      } catch (CareLakeException e) {
        throw CareLakeErrors.configuration("cohort definition " + definition.origin() + ": codelists." + alias + ": " + e.getMessage(), e);
      }
      compiler.systems.put(alias, list.entry().system());
    });
    for (int i = 0; i < definition.covariates().size(); i++) {
      Covariate covariate = definition.covariates().get(i);
      for (String source : covariate.sources()) {
        if (covariate.kind() == CohortDefinition.CovariateKind.LATEST_VALUE && compiler.systems.get(source) != CodeSystem.SNOMED_CT) {
          throw CareLakeErrors.configuration("cohort definition " + definition.origin() + ": covariates[" + (i + 1) + "].from: "
              + source + " is not a SNOMED CT list; latest-value reads the values of coded GP results");
        }
      }
    }
    return new CompiledCohort(definition, compiler.cohortText(), compiler.attritionText());
  }

  private String cohortText() {
    StringBuilder sql = new StringBuilder();
    header(sql, definition.name(), "Research cohort: " + definition.description(), "one row per person in the cohort", "patient_id",
        "record-level (one row per person under the project's own pseudonym, served only to that project)");
    sql.append(steps()).append('\n');
    List<String> columns = new ArrayList<>();
    columns.add("project_pseudonym(project_id, f.person_key) AS patient_id");
    columns.add("f.index_date AS index_date");
    columns.add("greatest(f.index_date, f.registration_date) AS entry_date");
    columns.add("least(f.deregistration_date, f.death_date, " + studyEnd() + ") AS exit_date");
    for (Attribute attribute : definition.attributes()) {
      columns.add(switch (attribute) {
        case AGE_BAND -> "age_band(f.age_at_index) AS age_band";
        case SEX -> "f.sex AS sex";
        case ETHNIC_GROUP -> "f.ethnic_group AS ethnic_group";
        case DEPRIVATION_QUINTILE -> "try_cast(deprivation_quintile(f.imd_decile) AS INT) AS deprivation_quintile";
        case BOROUGH -> "f.borough_code AS borough_code";
      });
    }
    StringBuilder joins = new StringBuilder();
    for (int i = 0; i < definition.covariates().size(); i++) {
      Covariate covariate = definition.covariates().get(i);
      String alias = "covariate_" + (i + 1);
      String aggregate = switch (covariate.kind()) {
        case LATEST_VALUE -> "max_by(e.value, struct(e.event_date, e.value))";
        case ANY_EVENT -> "true";
        case FIRST_DATE -> "min(e.event_date)";
        case LATEST_DATE -> "max(e.event_date)";
        case EVENT_COUNT -> "CAST(count(*) AS INT)";
      };
      String value = alias + ".value";
      columns.add(switch (covariate.kind()) {
        case ANY_EVENT -> "coalesce(" + value + ", false)";
        case EVENT_COUNT -> "coalesce(" + value + ", 0)";
        default -> value;
      } + " AS " + covariate.name());
      joins.append("LEFT JOIN (\n  -- ").append(covariate.name()).append(": ").append(covariate.kind().keyword()).append(" of ")
          .append(String.join(", ", covariate.sources())).append(", ").append(covariate.window().describe()).append('\n')
          .append("  SELECT f.person_key, ").append(aggregate).append(" AS value\n")
          .append("  FROM cohort f JOIN events e ON e.person_key = f.person_key AND e.source IN (").append(quoted(covariate.sources()))
          .append(")\n    AND ").append(window("e.event_date", "f.index_date", covariate.window()))
          .append(covariate.kind() == CohortDefinition.CovariateKind.LATEST_VALUE ? " AND e.value IS NOT NULL" : "")
          .append("\n  GROUP BY f.person_key\n) ").append(alias).append(" ON ").append(alias).append(".person_key = f.person_key\n");
    }
    sql.append("SELECT\n  ").append(String.join(",\n  ", columns)).append("\nFROM cohort f\n").append(joins);
    return sql.toString();
  }

  private String attritionText() {
    StringBuilder sql = new StringBuilder();
    header(sql, definition.attritionName(), "Attrition of the cohort " + definition.name()
            + ": people remaining after the index rule and after each inclusion and exclusion criterion, in order",
        "one row per step (0: the index rule, then each criterion in the order the definition lists them)", "step",
        "aggregate");
    sql.append("-- counts: people\n");
    sql.append(steps()).append('\n');
    List<String> rows = new ArrayList<>();
    rows.add("SELECT 0 AS step, 'index' AS rule, " + literal(definition.index().describe()) + " AS criterion, count(*) AS people FROM candidates");
    List<Criterion> criteria = criteria();
    for (int i = 0; i < criteria.size(); i++) {
      String rule = i < definition.inclusion().size() ? "inclusion" : "exclusion";
      rows.add("SELECT " + (i + 1) + ", '" + rule + "', " + literal(criteria.get(i).description()) + ", count(*) FROM step_" + (i + 1));
    }
    sql.append(String.join("\nUNION ALL\n", rows)).append('\n');
    return sql.toString();
  }

  private void header(StringBuilder sql, String table, String purpose, String grain, String keys, String disclosure) {
    sql.append("-- table: gold.").append(table).append('\n')
        .append("-- per-project: yes (compiled from ").append(definition.origin()).append("; built as gold.").append(table)
        .append("__<project> for each active project listing the dataset ").append(table).append(")\n")
        .append("-- purpose: ").append(purpose.replace('\n', ' ')).append('\n')
        .append("-- inputs: ").append(String.join(", ", inputs())).append('\n')
        .append("-- codelists: ").append(definition.codelists().values().stream().map(CodelistReference::toString).distinct()
            .collect(Collectors.joining(", "))).append('\n')
        .append("-- variables: run_night (the night, DATE), project_id (the research project, STRING)\n")
        .append("-- grain: ").append(grain).append('\n')
        .append("-- keys: ").append(keys).append('\n')
        .append("-- disclosure: ").append(disclosure).append('\n');
  }

  /** The silver tables the definition reads, in a fixed order. */
  List<String> inputs() {
    Set<String> tables = new TreeSet<>();
    tables.add("silver.person");
    for (String source : usedSources()) {
      tables.add(table(source));
    }
    return List.copyOf(tables);
  }

  /** The WITH clause shared by the cohort and its attrition table. */
  private String steps() {
    List<String> ctes = new ArrayList<>();
    List<String> events = new ArrayList<>();
    for (String source : usedSources()) {
      events.add(eventsOf(source));
    }
    ctes.add("events AS (\n  -- every event of the definition's sources, up to the night\n" + String.join("\n  UNION ALL\n", events) + "\n)");
    ctes.addAll(index());
    ctes.add("""
        candidates AS (
          SELECT i.person_key, i.index_date, p.birth_year, p.birth_month, p.sex, p.ethnic_group, p.imd_decile, p.borough_code,
            p.registration_date, p.deregistration_date,
            -- silver holds the month of death only: the last day of that month
            %s AS death_date,
            -- whole years at the index date, taking the birthday as the first of the birth month
            %s
              AS age_at_index
          FROM index_dates i
          LEFT JOIN silver_person p ON p.person_key = i.person_key
        )""".formatted(DefinitionSql.deathDate("p"), DefinitionSql.ageInYears("p", "i.index_date")));
    List<Criterion> criteria = criteria();
    String previous = "candidates";
    for (int i = 0; i < criteria.size(); i++) {
      boolean include = i < definition.inclusion().size();
      String name = "step_" + (i + 1);
      ctes.add(name + " AS (\n  -- " + (include ? "include: " : "exclude: ") + criteria.get(i).description() + "\n"
          + criterion(criteria.get(i), include, previous) + "\n)");
      previous = name;
    }
    ctes.add("cohort AS (SELECT * FROM " + previous + ")");
    return "WITH\n" + String.join(",\n", ctes);
  }

  private List<String> index() {
    String start = "DATE'" + definition.studyStart() + "'";
    String end = studyEnd();
    if (definition.index() instanceof FirstEvent first) {
      return List.of("index_dates AS (\n  -- index: " + first.describe() + "\n"
          + "  SELECT person_key, min(event_date) AS index_date\n  FROM events\n"
          + "  WHERE source IN (" + quoted(first.sources()) + ") AND event_date >= " + start + " AND event_date <= " + end + "\n"
          + "  GROUP BY person_key\n)");
    }
    AtLeast atLeast = (AtLeast) definition.index();
    StringBuilder which = new StringBuilder("CASE");
    List<String> all = new ArrayList<>();
    atLeast.conditions().forEach((condition, sources) -> {
      which.append(" WHEN source IN (").append(quoted(sources)).append(") THEN '").append(condition).append("'");
      all.addAll(sources);
    });
    which.append(" END");
    return List.of(
        "condition_dates AS (\n  -- the first event of each condition" + (atLeast.sinceStudyStart() ? " since the study start" : "") + "\n"
            + "  SELECT person_key, condition, min(event_date) AS first_date\n"
            + "  FROM (SELECT person_key, event_date, " + which + " AS condition FROM events\n"
            + "        WHERE source IN (" + quoted(all) + ") AND event_date <= " + end
            + (atLeast.sinceStudyStart() ? " AND event_date >= " + start : "") + ")\n"
            + "  GROUP BY person_key, condition\n)",
        "index_dates AS (\n  -- index: " + atLeast.describe() + "\n"
            + "  SELECT person_key, greatest(first_date, " + start + ") AS index_date\n"
            + "  FROM (SELECT person_key, first_date, row_number() OVER (PARTITION BY person_key ORDER BY first_date, condition) AS n\n"
            + "        FROM condition_dates)\n"
            + "  WHERE n = " + atLeast.count() + "\n)");
  }

  private String criterion(Criterion criterion, boolean include, String previous) {
    if (criterion instanceof HasEvent event) {
      return "  SELECT c.* FROM " + previous + " c\n  LEFT " + (include ? "SEMI" : "ANTI") + " JOIN events e ON e.person_key = c.person_key"
          + " AND e.source IN (" + quoted(event.sources()) + ")\n    AND " + window("e.event_date", "c.index_date", event.window());
    }
    String condition;
    if (criterion instanceof AgeAtIndex age) {
      condition = Stream.of(age.min().map(min -> "c.age_at_index >= " + min), age.max().map(max -> "c.age_at_index <= " + max))
          .flatMap(java.util.Optional::stream).collect(Collectors.joining(" AND "));
    } else if (criterion instanceof RegisteredAtIndex) {
      condition = "c.registration_date <= c.index_date"
          + " AND (c.deregistration_date IS NULL OR c.deregistration_date > c.index_date)"
          + " AND (c.death_date IS NULL OR c.death_date >= c.index_date)";
    } else {
      condition = ((SqlCondition) criterion).expression();
    }
    // An unknown (NULL) answer never includes a person and never excludes one.
    return "  SELECT c.* FROM " + previous + " c\n  WHERE " + (include ? "" : "NOT ") + "coalesce((" + condition + "), false)";
  }

  private List<Criterion> criteria() {
    List<Criterion> all = new ArrayList<>(definition.inclusion());
    all.addAll(definition.exclusion());
    return all;
  }

  private Set<String> usedSources() {
    Set<String> used = new LinkedHashSet<>();
    if (definition.index() instanceof FirstEvent first) {
      used.addAll(first.sources());
    } else {
      ((AtLeast) definition.index()).conditions().values().forEach(used::addAll);
    }
    for (Criterion criterion : criteria()) {
      if (criterion instanceof HasEvent event) {
        used.addAll(event.sources());
      }
    }
    definition.covariates().forEach(covariate -> used.addAll(covariate.sources()));
    return used;
  }

  private String table(String source) {
    if (!definition.codelists().containsKey(source)) {
      return Activity.of(source).orElseThrow().table();
    }
    return DefinitionSql.codedTable(systems.get(source));
  }

  private String eventsOf(String source) {
    String tag = "'" + source + "' AS source";
    if (!definition.codelists().containsKey(source)) {
      return switch (Activity.of(source).orElseThrow()) {
        case HOSPITAL_ADMISSION -> "  SELECT h.person_key, h.admission_date AS event_date, CAST(NULL AS DOUBLE) AS value, " + tag
            + "\n  FROM silver_hospital_spell h WHERE h.admission_date <= run_night";
        case ADULT_SOCIAL_CARE -> "  SELECT s.person_key, s.service_start AS event_date, CAST(NULL AS DOUBLE) AS value, " + tag
            + "\n  FROM silver_social_care_service s WHERE s.service_start <= run_night";
      };
    }
    String view = definition.codelists().get(source).view();
    return switch (systems.get(source)) {
      case SNOMED_CT -> "  SELECT e.person_key, e.event_date, e.value, " + tag
          + "\n  FROM silver_gp_event e JOIN " + view + " l ON l.code = e.code WHERE e.event_date <= run_night";
      case DMD -> "  SELECT m.person_key, m.issue_date AS event_date, CAST(NULL AS DOUBLE) AS value, " + tag
          + "\n  FROM silver_medication m JOIN " + view + " l ON l.code = m.code WHERE m.issue_date <= run_night";
      // silver keeps HES's filler as a fourth character (F03X becomes F03.X); lists hold F03
      case ICD_10 -> "  SELECT h.person_key, h.admission_date AS event_date, CAST(NULL AS DOUBLE) AS value, " + tag
          + "\n  FROM silver_hospital_spell h JOIN " + view + " l ON l.code = regexp_replace(h.primary_diagnosis, '[.]X$', '')"
          + " WHERE h.admission_date <= run_night";
      case OPCS_4 -> "  SELECT h.person_key, h.admission_date AS event_date, CAST(NULL AS DOUBLE) AS value, " + tag
          + "\n  FROM silver_hospital_spell h JOIN " + view + " l ON l.code = h.primary_procedure WHERE h.admission_date <= run_night";
    };
  }

  private String studyEnd() {
    return definition.studyEnd().map(end -> "least(DATE'" + end + "', run_night)").orElse("run_night");
  }

  /** Both ends included; an open end is no bound. */
  private static String window(String date, String index, Window window) {
    return DefinitionSql.window(date, index, window.from(), window.to());
  }

  private static String quoted(List<String> names) {
    return names.stream().map(name -> "'" + name + "'").collect(Collectors.joining(", "));
  }

  /** A description as a SQL string literal: backslashes and quotes escaped, one line. */
  static String literal(String text) {
    return DefinitionSql.literal(text);
  }
}
