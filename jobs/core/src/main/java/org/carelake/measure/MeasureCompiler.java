package org.carelake.measure;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.carelake.codelist.CodeSystem;
import org.carelake.codelist.CodelistLibrary;
import org.carelake.cohort.CohortDefinition.CodelistReference;
import org.carelake.cohort.Window;
import org.carelake.definition.DefinitionSql;
import org.carelake.error.CareLakeErrors;
import org.carelake.error.CareLakeException;
import org.carelake.measure.MeasureDefinition.Activity;
import org.carelake.measure.MeasureDefinition.Age;
import org.carelake.measure.MeasureDefinition.Criterion;
import org.carelake.measure.MeasureDefinition.Events;
import org.carelake.measure.MeasureDefinition.Grouping;
import org.carelake.measure.MeasureDefinition.HasEvent;
import org.carelake.measure.MeasureDefinition.NoEvent;
import org.carelake.measure.MeasureDefinition.Registered;
import org.carelake.measure.MeasureDefinition.SqlCondition;

/**
 * Compiles every {@link MeasureDefinition} together into the one SQL statement of {@code
 * gold.measures}, so that a night builds all measures in one table with one write.
 *
 * <p>The statement is a chain of named steps a reviewer can follow: {@code events} (every event of
 * every measure's sources, a branch per silver table's activity and per coded column, each event
 * once per source it counts for: an activity keyword or a codelist's view name), {@code anchors} (each measure's denominator
 * candidates with their reference date: an event's own date, or a month's last day for a registered
 * population), {@code checked} (one join of the anchors with the events, saying per criterion
 * whether another event of its sources falls in its window), {@code candidates} (joined to the
 * person), {@code flagged} (each anchor in its periods and cells, in or out of the denominator and
 * the numerator) and the counts per measure, period and cell. Raw counts only: the gold stage
 * applies disclosure control as the header declares. Only validated values reach the text: ids,
 * aliases and codelist ids match fixed patterns, numbers are parsed, texts are quoted as SQL string
 * literals; a {@code sql:} criterion is the one place reviewed SQL from a definition enters.
 */
public final class MeasureCompiler {
  /** Columns of a denominator row a {@code sql:} criterion may use. */
  static final List<String> SQL_COLUMNS = List.of("reference_date", "age", "sex", "ethnic_group", "imd_decile", "borough_code",
      "registration_date", "deregistration_date", "death_date");

  private final List<MeasureDefinition> definitions;
  /** Every codelist alias of every measure, by measure id, as the view the gold stage registers. */
  private final Map<String, Map<String, CodelistReference>> views = new LinkedHashMap<>();
  private final Map<CodelistReference, CodeSystem> systems = new LinkedHashMap<>();

  private MeasureCompiler(List<MeasureDefinition> definitions) {
    this.definitions = definitions;
  }

  /** Checks every codelist against the library's manifest (checksum included) and compiles all definitions together. */
  public static CompiledMeasures compile(List<MeasureDefinition> definitions, CodelistLibrary library) {
    requireNonNull(definitions, "definitions is null");
    requireNonNull(library, "library is null");
    if (definitions.isEmpty()) {
      throw CareLakeErrors.configuration("no measure definitions to compile");
    }
    Set<String> ids = new TreeSet<>();
    MeasureCompiler compiler = new MeasureCompiler(List.copyOf(definitions));
    for (MeasureDefinition definition : definitions) {
      if (!ids.add(definition.id())) {
        throw CareLakeErrors.configuration("measure definition " + definition.origin() + ": id: " + definition.id()
            + " is also the id of another definition");
      }
      definition.codelists().forEach((alias, reference) -> {
        try {
          compiler.systems.put(reference, library.load(reference.id(), reference.version()).entry().system());
        } catch (CareLakeException e) {
          throw CareLakeErrors.configuration("measure definition " + definition.origin() + ": codelists." + alias + ": " + e.getMessage(), e);
        }
      });
      compiler.views.put(definition.id(), definition.codelists());
    }
    return new CompiledMeasures(definitions, compiler.text());
  }

  private String text() {
    StringBuilder sql = new StringBuilder();
    sql.append("-- table: gold.").append(CompiledMeasures.TABLE).append('\n')
        .append("-- purpose: Measures for commissioners and researchers, compiled from every definition in sql/measures/:")
        .append(" per measure, period and cell, the numerator (denominator rows that also meet the numerator's criteria),")
        .append(" the denominator, the numerator as a percentage of the denominator, and the definition's text.")
        .append(" Raw counts here; the gold stage publishes them through disclosure control.\n")
        .append("-- measures: ").append(definitions.stream().map(MeasureDefinition::id).collect(Collectors.joining(", "))).append('\n')
        .append("-- inputs: ").append(String.join(", ", inputs())).append('\n')
        .append("-- codelists: ").append(systems.keySet().stream().map(CodelistReference::toString).distinct().sorted()
            .collect(Collectors.joining(", "))).append('\n')
        .append("-- variables: run_night (the night, DATE), recompute_from (NULL, or the first period month to compute, DATE)\n")
        .append("-- grain: one row per measure, period and cell (borough and the measure's other groupings; 'all' where the")
        .append(" measure is not grouped by a column) whose denominator is not zero, plus one region row (borough 'all') per")
        .append(" measure, period and other cell\n")
        .append("-- keys: measure_id, measure_name, definition, period_start, period_end, borough_code, age_band, sex, deprivation_quintile\n")
        .append("-- disclosure: aggregate\n")
        .append("-- counts: numerator, denominator\n")
        .append("-- rates: value = numerator / denominator * 100\n")
        .append("-- totals: borough_code\n");
    incremental().ifPresent(line -> sql.append("-- incremental: ").append(line).append('\n'));
    List<String> ctes = new ArrayList<>();
    ctes.add("events AS (\n  -- every event of every measure's sources up to the night: a branch per silver table's activity and per coded column\n"
        + String.join("\n  UNION ALL\n", eventBranches()) + "\n)");
    ctes.add("anchors AS (\n  -- each measure's denominator candidates and the date its criteria are relative to\n"
        + String.join("\n  UNION ALL\n", anchors()) + "\n)");
    ctes.add(checked());
    ctes.add("""
        candidates AS (
          SELECT c.*, p.sex, p.ethnic_group, p.imd_decile, p.borough_code, p.registration_date, p.deregistration_date,
            -- silver holds the month of death only: the last day of that month
            %s AS death_date,
            -- whole years on the reference date, taking the birthday as the first of the birth month
            %s
              AS age
          FROM checked c
          LEFT JOIN silver_person p ON p.person_key = c.person_key
        )""".formatted(DefinitionSql.deathDate("p"), DefinitionSql.ageInYears("p", "c.reference_date")));
    ctes.add(flagged());
    sql.append("WITH\n").append(String.join(",\n", ctes)).append('\n');
    sql.append("""
        SELECT measure_id,
          CASE measure_id %s END AS measure_name,
          CASE measure_id %s END AS definition,
          period_start, period_end, borough_code, age_band, sex, deprivation_quintile,
          count(DISTINCT CASE WHEN in_numerator THEN unit END) AS numerator,
          count(DISTINCT CASE WHEN in_denominator THEN unit END) AS denominator
        FROM flagged
        GROUP BY measure_id, period_start, period_end, borough_code, age_band, sex, deprivation_quintile
        HAVING count(DISTINCT CASE WHEN in_denominator THEN unit END) > 0
        """.formatted(
            definitions.stream().map(d -> "WHEN '" + d.id() + "' THEN " + literal(d.name())).collect(Collectors.joining(" ")),
            definitions.stream().map(d -> "WHEN '" + d.id() + "' THEN " + literal(d.description())).collect(Collectors.joining(" "))));
    return sql.toString();
  }

  /** The silver tables the definitions read, in a fixed order. */
  List<String> inputs() {
    Set<String> tables = new TreeSet<>();
    tables.add("silver.person");
    sourcesByTable().keySet().forEach(tables::add);
    return List.copyOf(tables);
  }

  /** Each silver table's sources: activity keywords and codelist references, in first-use order. */
  private Map<String, Set<Object>> sourcesByTable() {
    Map<String, Set<Object>> byTable = new TreeMap<>();
    for (MeasureDefinition definition : definitions) {
      for (String source : usedSources(definition)) {
        Object resolved = resolve(definition, source);
        String table = resolved instanceof Activity activity ? activity.table()
            : DefinitionSql.codedTable(systems.get((CodelistReference) resolved));
        byTable.computeIfAbsent(table, t -> new LinkedHashSet<>()).add(resolved);
      }
    }
    return byTable;
  }

  private List<String> eventBranches() {
    List<String> branches = new ArrayList<>();
    sourcesByTable().forEach((table, sources) -> {
      String name = table.substring("silver.".length());
      String key = switch (name) {
        case "gp_event" -> "event_key";
        case "medication" -> "medication_key";
        case "hospital_spell" -> "spell_key";
        case "emergency_attendance" -> "attendance_key";
        case "ooh_contact" -> "case_key";
        case "social_care_service" -> "service_key";
        default -> throw CareLakeErrors.internal("no record key known for " + table, null);
      };
      List<String> facts = new ArrayList<>();
      for (Object source : sources) {
        if (source instanceof Activity activity) {
          facts.add(switch (activity) {
            case GP_CONTACT -> fact(activity.keyword(), "r.event_date");
            case OUT_OF_HOURS_CONTACT -> fact(activity.keyword(), "r.contact_date");
            case HOSPITAL_ADMISSION -> fact(activity.keyword(), "r.admission_date");
            case EMERGENCY_ADMISSION -> "CASE WHEN r.is_emergency THEN " + fact(activity.keyword(), "r.admission_date") + " END";
            case HOSPITAL_DISCHARGE -> fact(activity.keyword(), "r.discharge_date");
            case EMERGENCY_ATTENDANCE -> fact(activity.keyword(), "r.arrival_date");
            case ADULT_SOCIAL_CARE -> fact(activity.keyword(), "r.service_start");
          });
        }
      }
      String columns = "  SELECT r.person_key, r." + key + " AS record_key, r.borough_code AS record_borough, ";
      if (!facts.isEmpty()) {
        branches.add(columns + "f.event_date, f.source\n"
            + "  FROM silver_" + name + " r\n"
            + "  LATERAL VIEW explode(array(" + String.join(", ", facts) + ")) x AS f\n"
            + "  WHERE f.source IS NOT NULL AND f.event_date IS NOT NULL AND f.event_date <= run_night");
      }
      // Codelists: one branch per coded column, an inner join with the (small) pairs of code and
      // list, so a record meets only the lists holding its code, once each. (Not an explode of
      // every record over an array of its lists: that evaluated, per GP event, an interpreted
      // array concatenation, a third of the measures' time on a 30,000-person lake.)
      Map<String, List<CodelistReference>> byColumn = new LinkedHashMap<>();
      for (Object source : sources) {
        if (source instanceof CodelistReference reference) {
          String column = switch (systems.get(reference)) {
            case SNOMED_CT, DMD -> "r.code";
            // silver keeps HES's filler as a fourth character (F03X becomes F03.X); lists hold F03
            case ICD_10 -> "regexp_replace(r.primary_diagnosis, '[.]X$', '')";
            case OPCS_4 -> "r.primary_procedure";
          };
          byColumn.computeIfAbsent(column, c -> new ArrayList<>()).add(reference);
        }
      }
      String date = switch (name) {
        case "gp_event" -> "r.event_date";
        case "medication" -> "r.issue_date";
        default -> "r.admission_date";
      };
      for (Map.Entry<String, List<CodelistReference>> column : byColumn.entrySet()) {
        branches.add(columns + date + " AS event_date, l.source\n"
            + "  FROM silver_" + name + " r\n"
            + "  JOIN (SELECT DISTINCT code, source FROM ("
            + column.getValue().stream().map(r -> "SELECT code, '" + r.view() + "' AS source FROM " + r.view())
                .collect(Collectors.joining(" UNION ALL "))
            + ")) l ON l.code = " + column.getKey() + "\n"
            + "  WHERE " + date + " IS NOT NULL AND " + date + " <= run_night");
      }
    });
    return branches;
  }

  private static String fact(String source, String date) {
    return "named_struct('source', '" + source + "', 'event_date', " + date + ")";
  }

  private List<String> anchors() {
    List<String> anchors = new ArrayList<>();
    for (MeasureDefinition definition : definitions) {
      int lookAhead = lookAhead(definition);
      // The first month whose anchors a period of the window (or, with recompute_from, of the periods
      // asked for) counts; greatest() skips the NULL of a full build.
      String firstMonth = "greatest(add_months(trunc(run_night, 'MM'), " + -(definition.interval().months() - 1 + definition.interval().length() - 1)
          + "), add_months(trunc(recompute_from, 'MM'), " + -(definition.interval().length() - 1) + "))";
      String complete = lookAhead > 0 ? " AND date_add(%s, " + lookAhead + ") <= run_night" : "";
      String id = "'" + definition.id() + "'";
      if (definition.denominator() instanceof Events events) {
        anchors.add("  -- " + definition.id() + ": each event of " + String.join(", ", events.sources())
            + (lookAhead > 0 ? ", once its " + lookAhead + " days of follow-up have passed" : "") + "\n"
            + "  SELECT " + id + " AS measure_id, e.person_key, e.record_key, e.record_borough, e.event_date AS reference_date\n"
            + "  FROM events e\n  WHERE e.source IN (" + tags(definition, events.sources()) + ") AND e.event_date >= " + firstMonth
            + complete.formatted("e.event_date"));
        continue;
      }
      String reference = "least(last_day(m.month), run_night)";
      StringBuilder population = new StringBuilder()
          .append("  -- ").append(definition.id()).append(": people registered on each month's last day (the night, this month)\n")
          .append("  SELECT ").append(id).append(", p.person_key, CAST(NULL AS STRING), CAST(NULL AS STRING), ").append(reference).append('\n')
          .append("  FROM (SELECT explode(sequence(").append(firstMonth).append(", trunc(run_night, 'MM'), INTERVAL 1 MONTH)) AS month) m\n")
          .append("  JOIN silver_person p ON p.registration_date <= ").append(reference)
          .append(" AND (p.deregistration_date IS NULL OR p.deregistration_date > ").append(reference).append(")\n")
          .append("    AND (p.death_year IS NULL OR last_day(make_date(p.death_year, coalesce(p.death_month, 12), 1)) >= ")
          .append(reference).append(")").append(complete.formatted(reference));
      // Only people with an event the denominator requires can be in it: the rest are never candidates.
      definition.denominator().where().stream().filter(HasEvent.class::isInstance).map(HasEvent.class::cast).findFirst()
          .ifPresent(required -> population.append("\n  WHERE p.person_key IN (SELECT person_key FROM events WHERE source IN (")
              .append(tags(definition, required.sources())).append("))"));
      anchors.add(population.toString());
    }
    return anchors;
  }

  private String checked() {
    int width = definitions.stream().mapToInt(d -> eventCriteria(d).size()).max().orElse(0);
    List<String> columns = new ArrayList<>();
    Set<String> pairs = new LinkedHashSet<>();
    for (int i = 0; i < width; i++) {
      List<String> conditions = new ArrayList<>();
      for (MeasureDefinition definition : definitions) {
        List<Criterion> criteria = eventCriteria(definition);
        if (i < criteria.size()) {
          List<String> sources = sources(criteria.get(i));
          Window window = criteria.get(i) instanceof HasEvent has ? has.window() : ((NoEvent) criteria.get(i)).window();
          String bounds = DefinitionSql.window("e.event_date", "a.reference_date", window.from(), window.to());
          conditions.add("a.measure_id = '" + definition.id() + "' AND e.source IN (" + tags(definition, sources) + ") AND " + bounds);
          sources.forEach(source -> pairs.add("('" + definition.id() + "', '" + tag(definition, source) + "')"));
        }
      }
      columns.add("    -- " + (i + 1) + ": other events of the measure's " + ordinal(i + 1) + " event criterion in its window, counted\n"
          + "    sum(CASE WHEN (" + String.join(")\n      OR (", conditions) + ")\n      THEN 1 ELSE 0 END) AS event_check_" + (i + 1));
    }
    String select = "  SELECT a.measure_id, a.person_key, a.record_key, a.record_borough, a.reference_date"
        + (columns.isEmpty() ? "" : ",\n" + String.join(",\n", columns));
    // Each event joins only the anchors of the measures whose criteria name its source: a person's
    // GP contacts meet their emergency admissions, not their months on the diabetes register.
    String join = pairs.isEmpty() ? "" : "\n  LEFT JOIN (\n    SELECT m.measure_id, e.person_key, e.record_key, e.event_date, e.source FROM events e\n"
        + "    JOIN (VALUES " + String.join(", ", pairs) + ") AS m(measure_id, source) ON m.source = e.source\n"
        + "  ) e ON e.measure_id = a.measure_id AND e.person_key = a.person_key\n"
        + "    -- an event is never its own criterion: a spell is not its own readmission\n"
        + "    AND (a.record_key IS NULL OR e.record_key <> a.record_key)";
    return "checked AS (\n  -- per anchor, whether each event criterion found another event in its window (one join for every measure)\n"
        + select + "\n  FROM anchors a" + join + "\n  GROUP BY a.measure_id, a.person_key, a.record_key, a.record_borough, a.reference_date\n)";
  }

  private String flagged() {
    StringBuilder denominator = new StringBuilder("CASE c.measure_id");
    StringBuilder numerator = new StringBuilder("CASE c.measure_id");
    StringBuilder lengths = new StringBuilder("CASE c.measure_id");
    StringBuilder people = new StringBuilder();
    Map<Grouping, List<String>> grouped = new LinkedHashMap<>();
    for (MeasureDefinition definition : definitions) {
      String id = "'" + definition.id() + "'";
      List<Criterion> events = eventCriteria(definition);
      String inDenominator = conditions(definition.denominator().where(), events);
      String inNumerator = conditions(definition.numerator(), events);
      denominator.append("\n      WHEN ").append(id).append(" THEN ").append(inDenominator);
      numerator.append("\n      WHEN ").append(id).append(" THEN ").append(inDenominator).append("\n        AND ").append(inNumerator);
      lengths.append(" WHEN ").append(id).append(" THEN ").append(definition.interval().length() - 1);
      if (definition.countsPeople()) {
        people.append(people.isEmpty() ? "" : ", ").append(id);
      }
      for (Grouping grouping : definition.grouping()) {
        grouped.computeIfAbsent(grouping, g -> new ArrayList<>()).add(id);
      }
    }
    denominator.append("\n    END");
    numerator.append("\n    END");
    lengths.append(" END");
    String unit = people.isEmpty() ? "concat_ws('/', c.person_key, c.record_key)"
        : "CASE WHEN c.measure_id IN (" + people + ") THEN c.person_key ELSE concat_ws('/', c.person_key, c.record_key) END";
    List<String> cells = new ArrayList<>();
    for (Grouping grouping : Grouping.values()) {
      String value = switch (grouping) {
        case BOROUGH -> "coalesce(c.borough_code, c.record_borough, 'unknown')";
        case AGE_BAND -> "age_band(c.age)";
        case SEX -> "coalesce(c.sex, 'U')";
        case DEPRIVATION_QUINTILE -> "deprivation_quintile(c.imd_decile)";
      };
      List<String> ids = grouped.getOrDefault(grouping, List.of());
      cells.add((ids.isEmpty() ? "'all'" : grouping == Grouping.BOROUGH ? value
          : "CASE WHEN c.measure_id IN (" + String.join(", ", ids) + ") THEN " + value + " ELSE 'all' END") + " AS " + grouping.column());
    }
    return "flagged AS (\n  -- each anchor in the periods it falls in (the month of its reference date and, for a rolling interval,\n"
        + "  -- the months after it), its cell, and whether it is in the denominator and the numerator\n"
        + "  SELECT c.measure_id, add_months(period_end_month, -(" + lengths + ")) AS period_start, last_day(period_end_month) AS period_end,\n"
        + "    " + String.join(",\n    ", cells) + ",\n"
        + "    " + unit + " AS unit,\n"
        + "    " + denominator + " AS in_denominator,\n"
        + "    " + numerator + " AS in_numerator\n"
        + "  FROM (SELECT c.*, add_months(trunc(c.reference_date, 'MM'), k) AS period_end_month\n"
        + "        FROM candidates c LATERAL VIEW explode(sequence(0, " + lengths + ")) months AS k) c\n"
        + "  WHERE period_end_month <= trunc(run_night, 'MM')\n"
        + "    AND period_end_month >= greatest(" + firstPeriodEnd() + ", trunc(recompute_from, 'MM'))\n)";
  }

  /**
   * The header's {@code incremental:} line, when every measure allows one: each count is a sum over
   * persons (a unit is a person or one of their records) and a period's counts stop changing,
   * unless a person's own rows change, once the night is past its last day and the longest
   * look-ahead of any criterion. A criterion whose window has no end, or reviewed SQL (which may
   * read the night), keeps a measure's periods open, and measures over windows of different
   * lengths do not share one: then the table is built in full each night.
   */
  java.util.Optional<String> incremental() {
    Set<Integer> windows = new TreeSet<>();
    int settled = 0;
    for (MeasureDefinition definition : definitions) {
      windows.add(definition.interval().months());
      if (concat(definition.denominator().where(), definition.numerator()).stream().anyMatch(SqlCondition.class::isInstance)
          || eventCriteria(definition).stream().anyMatch(c -> (c instanceof HasEvent has ? has.window() : ((NoEvent) c).window()).to().isEmpty())) {
        return java.util.Optional.empty();
      }
      settled = Math.max(settled, lookAhead(definition));
    }
    if (windows.size() != 1) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.of("period_end over the " + windows.iterator().next() + " months to the night, by person, settled "
        + settled + " days after");
  }

  /** The first period end month of each measure. */
  private String firstPeriodEnd() {
    StringBuilder sql = new StringBuilder("CASE c.measure_id");
    for (MeasureDefinition definition : definitions) {
      sql.append(" WHEN '").append(definition.id()).append("' THEN add_months(trunc(run_night, 'MM'), ")
          .append(-(definition.interval().months() - 1)).append(")");
    }
    return sql.append(" END").toString();
  }

  /** The criteria as one boolean: an unknown (NULL) answer never counts a row in. */
  private String conditions(List<Criterion> criteria, List<Criterion> events) {
    if (criteria.isEmpty()) {
      return "true";
    }
    List<String> parts = new ArrayList<>();
    for (Criterion criterion : criteria) {
      String condition;
      if (criterion instanceof HasEvent has) {
        condition = "c.event_check_" + (indexOf(events, criterion) + 1) + " >= " + has.atLeast();
      } else if (criterion instanceof NoEvent) {
        condition = "c.event_check_" + (indexOf(events, criterion) + 1) + " = 0";
      } else if (criterion instanceof Age age) {
        condition = java.util.stream.Stream.of(age.min().map(min -> "c.age >= " + min), age.max().map(max -> "c.age <= " + max))
            .flatMap(java.util.Optional::stream).collect(Collectors.joining(" AND "));
      } else if (criterion instanceof Registered) {
        condition = "c.registration_date <= c.reference_date"
            + " AND (c.deregistration_date IS NULL OR c.deregistration_date > c.reference_date)"
            + " AND (c.death_date IS NULL OR c.death_date >= c.reference_date)";
      } else {
        condition = ((SqlCondition) criterion).expression();
      }
      parts.add("coalesce((" + condition + "), false)");
    }
    return String.join(" AND ", parts);
  }

  private static int indexOf(List<Criterion> criteria, Criterion criterion) {
    for (int i = 0; i < criteria.size(); i++) {
      if (criteria.get(i) == criterion) {
        return i;
      }
    }
    throw new IllegalStateException("criterion not among the measure's event criteria");
  }

  /** A measure's has-event and no-event criteria, denominator first, each one check column. */
  private static List<Criterion> eventCriteria(MeasureDefinition definition) {
    List<Criterion> events = new ArrayList<>();
    for (Criterion criterion : concat(definition.denominator().where(), definition.numerator())) {
      if (criterion instanceof HasEvent || criterion instanceof NoEvent) {
        events.add(criterion);
      }
    }
    return events;
  }

  /** Days after the reference date a criterion looks: a row is counted only once they have passed. */
  static int lookAhead(MeasureDefinition definition) {
    int days = 0;
    for (Criterion criterion : eventCriteria(definition)) {
      Window window = criterion instanceof HasEvent has ? has.window() : ((NoEvent) criterion).window();
      days = Math.max(days, window.to().orElse(0));
    }
    return days;
  }

  private static Set<String> usedSources(MeasureDefinition definition) {
    Set<String> used = new LinkedHashSet<>();
    if (definition.denominator() instanceof Events events) {
      used.addAll(events.sources());
    }
    eventCriteria(definition).forEach(criterion -> used.addAll(sources(criterion)));
    return used;
  }

  private static List<String> sources(Criterion criterion) {
    return criterion instanceof HasEvent has ? has.sources() : ((NoEvent) criterion).sources();
  }

  private static Object resolve(MeasureDefinition definition, String source) {
    CodelistReference reference = definition.codelists().get(source);
    return reference != null ? reference : Activity.of(source).orElseThrow();
  }

  /** The tag an event of a source carries: the activity's keyword, or the codelist's view name. */
  private static String tag(MeasureDefinition definition, String source) {
    Object resolved = resolve(definition, source);
    return resolved instanceof Activity activity ? activity.keyword() : ((CodelistReference) resolved).view();
  }

  private static String tags(MeasureDefinition definition, List<String> sources) {
    return sources.stream().map(source -> "'" + tag(definition, source) + "'").distinct().collect(Collectors.joining(", "));
  }

  private static String ordinal(int n) {
    return switch (n) {
      case 1 -> "first";
      case 2 -> "second";
      case 3 -> "third";
      default -> n + "th";
    };
  }

  @SafeVarargs
  private static <T> List<T> concat(List<T>... lists) {
    List<T> all = new ArrayList<>();
    for (List<T> list : lists) {
      all.addAll(list);
    }
    return all;
  }

  /** A text as a SQL string literal: backslashes and quotes escaped, one line. */
  static String literal(String text) {
    return DefinitionSql.literal(text);
  }
}
