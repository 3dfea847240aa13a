package org.carelake.cohort;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.carelake.cohort.CohortDefinition.Activity;
import org.carelake.cohort.CohortDefinition.AgeAtIndex;
import org.carelake.cohort.CohortDefinition.AtLeast;
import org.carelake.cohort.CohortDefinition.Attribute;
import org.carelake.cohort.CohortDefinition.CodelistReference;
import org.carelake.cohort.CohortDefinition.Covariate;
import org.carelake.cohort.CohortDefinition.CovariateKind;
import org.carelake.cohort.CohortDefinition.Criterion;
import org.carelake.cohort.CohortDefinition.FirstEvent;
import org.carelake.cohort.CohortDefinition.HasEvent;
import org.carelake.cohort.CohortDefinition.IndexRule;
import org.carelake.cohort.CohortDefinition.RegisteredAtIndex;
import org.carelake.cohort.CohortDefinition.SqlCondition;
import org.carelake.definition.DefinitionFields;
import org.carelake.definition.DefinitionFields.Bounds;
import org.carelake.definition.Keyword;

/**
 * Reads a cohort definition file and checks everything that can be checked without data: every key
 * known, every codelist alias declared and used consistently, dates real, windows the right way
 * round, covariate kinds known. Every error names the file and the field ({@code
 * inclusion[2].window}) and says what would be right; the checks cohorts share with measures are
 * {@link DefinitionFields}'. Codelists are checked against the manifest by {@link CohortCompiler}.
 */
public final class CohortParser {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");
  private static final Pattern PROJECT = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
  private static final Set<String> TOP = Set.of("name", "projects", "description", "codelists", "study-period", "index", "inclusion",
      "exclusion", "covariates", "attributes");
  private static final Set<String> CRITERION_KINDS = Set.of("age-at-index", "registered-at-index", "has-event", "sql");
  /** An alias may not read as an activity's keyword written with underscores. */
  private static final Set<String> ACTIVITY_ALIASES =
      Keyword.all(Activity.class).stream().map(keyword -> keyword.replace('-', '_')).collect(Collectors.toUnmodifiableSet());

  private final String origin;
  private final DefinitionFields fields;

  private CohortParser(String origin) {
    this.origin = origin;
    this.fields = new DefinitionFields("cohort definition", origin, "sql/cohorts/README.md");
  }

  public static CohortDefinition load(Path file) {
    return parse(CohortFolder.FILES.read(file), file.toString());
  }

  public static CohortDefinition parse(String yaml, String origin) {
    return new CohortParser(origin).definition(yaml);
  }

  private CohortDefinition definition(String yaml) {
    Map<String, Object> root = fields.rootWithDatesAsText(yaml, TOP);
    String name = fields.identifier(root, "name", "cohort_asthma");
    Map<String, CodelistReference> codelists = fields.codelists(root, "asthma-snomed@1", ACTIVITY_ALIASES, CodelistReference::new);
    Map<String, Object> period = fields.map(fields.required(root, "study-period", "study-period"), "study-period");
    fields.keys(period, Set.of("start", "end"), "study-period");
    LocalDate start = date(fields.required(period, "start", "study-period.start"), "study-period.start");
    Optional<LocalDate> end = Optional.empty();
    Object endValue = fields.required(period, "end", "study-period.end");
    if (!"night".equals(endValue)) {
      end = Optional.of(date(endValue, "study-period.end"));
      if (end.get().isBefore(start)) {
        throw fields.error("study-period.end", "is " + end.get() + ", before the start " + start);
      }
    }
    Set<String> sources = new LinkedHashSet<>(codelists.keySet());
    IndexRule index = index(root, sources);
    List<Criterion> inclusion = criteria(root, "inclusion", sources);
    List<Criterion> exclusion = criteria(root, "exclusion", sources);
    return new CohortDefinition(origin, name, projects(root), fields.text(root, "description", "description"), codelists, start, end,
        index, inclusion, exclusion, covariates(root, sources, codelists), attributes(root));
  }

  private List<String> projects(Map<String, Object> root) {
    Object value = fields.required(root, "projects", "projects");
    if ("any".equals(value)) {
      return List.of();
    }
    List<String> projects = fields.strings(value, "projects");
    if (projects.isEmpty()) {
      throw fields.error("projects", "is empty; write 'any' or list the project ids");
    }
    for (String project : projects) {
      if (!PROJECT.matcher(project).matches()) {
        throw fields.error("projects", "'" + project + "' is not a project id (lower-case words joined by hyphens)");
      }
    }
    return projects;
  }

  private IndexRule index(Map<String, Object> root, Set<String> sources) {
    Map<String, Object> index = fields.map(fields.required(root, "index", "index"), "index");
    if (index.containsKey("first-event")) {
      fields.keys(index, Set.of("first-event"), "index");
      return new FirstEvent(sources(index.get("first-event"), "index.first-event", sources));
    }
    if (index.containsKey("at-least")) {
      fields.keys(index, Set.of("at-least", "of", "counting"), "index");
      int count = fields.integer(index.get("at-least"), "index.at-least");
      Map<String, Object> of = fields.map(fields.required(index, "of", "index.of"), "index.of");
      if (count < 1 || count > of.size()) {
        throw fields.error("index.at-least", "is " + count + " but index.of names " + of.size() + " conditions");
      }
      Map<String, List<String>> conditions = new LinkedHashMap<>();
      Set<String> used = new LinkedHashSet<>();
      for (Map.Entry<String, Object> condition : of.entrySet()) {
        String field = "index.of." + condition.getKey();
        if (!DefinitionFields.isAlias(condition.getKey())) {
          throw fields.error(field, "a condition's name is a lower-case word, got '" + condition.getKey() + "'");
        }
        List<String> list = sources(condition.getValue(), field, sources);
        for (String source : list) {
          if (!used.add(source)) {
            throw fields.error(field, source + " already belongs to another condition; each source counts towards one condition");
          }
        }
        conditions.put(condition.getKey(), list);
      }
      Object counting = index.getOrDefault("counting", "ever");
      if (!"ever".equals(counting) && !"since-study-start".equals(counting)) {
        throw fields.error("index.counting", "must be 'ever' or 'since-study-start', got '" + counting + "'");
      }
      return new AtLeast(count, conditions, "since-study-start".equals(counting));
    }
    throw fields.error("index", "must say 'first-event: [aliases]' or 'at-least: N' with 'of:' conditions");
  }

  private List<Criterion> criteria(Map<String, Object> root, String key, Set<String> sources) {
    if (!root.containsKey(key)) {
      return List.of();
    }
    List<Criterion> criteria = new ArrayList<>();
    List<?> items = fields.list(root.get(key), key);
    for (int i = 0; i < items.size(); i++) {
      String field = key + "[" + (i + 1) + "]";
      Map<String, Object> item = fields.map(items.get(i), field);
      String kind = fields.kindOf(item, field, CRITERION_KINDS);
      String description = fields.text(item, "description", field + ".description");
      fields.oneLine(description, field + ".description");
      String at = field + "." + kind;
      criteria.add(switch (kind) {
        case "age-at-index" -> {
          fields.keys(item, Set.of("description", kind), field);
          Bounds bounds = fields.bounds(item.get(kind), at);
          yield new AgeAtIndex(description, bounds.min(), bounds.max());
        }
        case "registered-at-index" -> {
          fields.keys(item, Set.of("description", kind), field);
          fields.criterionFlag(item.get(kind), at);
          yield new RegisteredAtIndex(description);
        }
        case "has-event" -> {
          fields.keys(item, Set.of("description", kind, "window"), field);
          yield new HasEvent(description, sources(item.get(kind), at, sources), window(fields.required(item, "window", field + ".window"),
              field + ".window"));
        }
        default -> {
          fields.keys(item, Set.of("description", kind), field);
          yield new SqlCondition(description, fields.expression(item, kind, at));
        }
      });
    }
    return criteria;
  }

  private List<Covariate> covariates(Map<String, Object> root, Set<String> sources, Map<String, CodelistReference> codelists) {
    if (!root.containsKey("covariates")) {
      return List.of();
    }
    List<Covariate> covariates = new ArrayList<>();
    Set<String> names = new LinkedHashSet<>();
    List<?> items = fields.list(root.get("covariates"), "covariates");
    for (int i = 0; i < items.size(); i++) {
      String field = "covariates[" + (i + 1) + "]";
      Map<String, Object> item = fields.map(items.get(i), field);
      fields.keys(item, Set.of("name", "kind", "from", "window", "description"), field);
      String name = fields.text(item, "name", field + ".name");
      if (!NAME.matcher(name).matches() || CohortCompiler.RESERVED_COLUMNS.contains(name)) {
        throw fields.error(field + ".name", "must be a lower-case column name not used by the cohort table itself, got '" + name + "'");
      }
      if (!names.add(name)) {
        throw fields.error(field + ".name", name + " is declared twice");
      }
      String kindText = fields.text(item, "kind", field + ".kind");
      CovariateKind kind = CovariateKind.of(kindText).orElseThrow(() -> fields.error(field + ".kind",
          "unknown covariate kind '" + kindText + "'; the kinds are " + Keyword.listed(CovariateKind.class)));
      List<String> from = sources(fields.required(item, "from", field + ".from"), field + ".from", sources);
      if (kind == CovariateKind.LATEST_VALUE) {
        for (String source : from) {
          if (!codelists.containsKey(source)) {
            throw fields.error(field + ".from", "latest-value needs coded results with values (a SNOMED CT list), not " + source);
          }
        }
      }
      String description = fields.text(item, "description", field + ".description");
      covariates.add(new Covariate(name, kind, from, window(fields.required(item, "window", field + ".window"), field + ".window"),
          description));
    }
    return covariates;
  }

  private List<Attribute> attributes(Map<String, Object> root) {
    if (!root.containsKey("attributes")) {
      return List.of();
    }
    return fields.keywords(root.get("attributes"), "attributes", "attribute", Attribute::of, Keyword.listed(Attribute.class));
  }

  private Window window(Object value, String field) {
    return fields.window(value, field, "index date", "{from: -365, to: 0}", Window::new);
  }

  private List<String> sources(Object value, String field, Set<String> declared) {
    return fields.sources(value, field, declared, Keyword.all(Activity.class));
  }

  private LocalDate date(Object value, String field) {
    try {
      return LocalDate.parse(String.valueOf(value));
    } catch (DateTimeParseException e) {
      throw fields.error(field, "'" + value + "' is not a date; write YYYY-MM-DD" + (field.endsWith("end") ? " or night" : ""));
    }
  }
}
