package org.carelake.cohort;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
import org.carelake.error.CareLakeErrors;
import org.carelake.error.CareLakeException;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Representer;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Reads a cohort definition file and checks everything that can be checked without data: every key
 * known, every codelist alias declared and used consistently, dates real, windows the right way
 * round, covariate kinds known. Every error names the file and the field ({@code
 * inclusion[2].window}) and says what would be right. Codelists are checked against the manifest by
 * {@link CohortCompiler}.
 */
public final class CohortParser {
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");
  private static final Pattern ALIAS = Pattern.compile("[a-z][a-z0-9_]*");
  private static final Pattern REFERENCE = Pattern.compile("([a-z0-9]+(?:-[a-z0-9]+)*)@([1-9][0-9]*)");
  private static final Pattern PROJECT = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
  private static final Set<String> TOP = Set.of("name", "projects", "description", "codelists", "study-period", "index", "inclusion",
      "exclusion", "covariates", "attributes");
  private static final Set<String> CRITERION_KINDS = Set.of("age-at-index", "registered-at-index", "has-event", "sql");

  private final String origin;

  private CohortParser(String origin) {
    this.origin = origin;
  }

  public static CohortDefinition load(Path file) {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    } catch (IOException e) {
      throw CareLakeErrors.missingInput("cohort definition", file);
    }
  }

  public static CohortDefinition parse(String yaml, String origin) {
    return new CohortParser(origin).definition(yaml);
  }

  private CohortDefinition definition(String yaml) {
    Object document;
    try {
      document = new Yaml(new SafeConstructor(new LoaderOptions()), new Representer(new DumperOptions()), new DumperOptions(),
          new LoaderOptions(), new DatesAsText()).load(yaml);
    } catch (YAMLException e) {
      throw CareLakeErrors.configuration("cohort definition " + origin + " is not valid YAML: " + e.getMessage(), e);
    }
    Map<String, Object> root = map(document, "(top level)");
    keys(root, TOP, "(top level)");
    String name = text(root, "name", "name");
    if (!NAME.matcher(name).matches()) {
      throw error("name", "must be lower-case words joined by underscores (cohort_asthma), got '" + name + "'");
    }
    String fileName = Path.of(origin).getFileName().toString();
    if (fileName.endsWith(".yaml") && !fileName.equals(name + ".yaml")) {
      throw error("name", "is '" + name + "' but the file is " + fileName + "; name the file " + name + ".yaml");
    }
    Map<String, CodelistReference> codelists = codelists(root);
    Map<String, Object> period = map(required(root, "study-period", "study-period"), "study-period");
    keys(period, Set.of("start", "end"), "study-period");
    LocalDate start = date(required(period, "start", "study-period.start"), "study-period.start");
    Optional<LocalDate> end = Optional.empty();
    Object endValue = required(period, "end", "study-period.end");
    if (!"night".equals(endValue)) {
      end = Optional.of(date(endValue, "study-period.end"));
      if (end.get().isBefore(start)) {
        throw error("study-period.end", "is " + end.get() + ", before the start " + start);
      }
    }
    Set<String> sources = new LinkedHashSet<>(codelists.keySet());
    IndexRule index = index(root, sources);
    List<Criterion> inclusion = criteria(root, "inclusion", sources);
    List<Criterion> exclusion = criteria(root, "exclusion", sources);
    return new CohortDefinition(origin, name, projects(root), text(root, "description", "description"), codelists, start, end, index,
        inclusion, exclusion, covariates(root, sources, codelists), attributes(root));
  }

  private List<String> projects(Map<String, Object> root) {
    Object value = required(root, "projects", "projects");
    if ("any".equals(value)) {
      return List.of();
    }
    List<String> projects = strings(value, "projects");
    if (projects.isEmpty()) {
      throw error("projects", "is empty; write 'any' or list the project ids");
    }
    for (String project : projects) {
      if (!PROJECT.matcher(project).matches()) {
        throw error("projects", "'" + project + "' is not a project id (lower-case words joined by hyphens)");
      }
    }
    return projects;
  }

  private Map<String, CodelistReference> codelists(Map<String, Object> root) {
    Map<String, Object> declared = root.containsKey("codelists") ? map(root.get("codelists"), "codelists") : Map.of();
    Map<String, CodelistReference> references = new LinkedHashMap<>();
    for (Map.Entry<String, Object> entry : declared.entrySet()) {
      String field = "codelists." + entry.getKey();
      if (!ALIAS.matcher(entry.getKey()).matches()) {
        throw error(field, "an alias is a lower-case word (letters, digits, underscores), got '" + entry.getKey() + "'");
      }
      if (CohortDefinition.Activity.of(entry.getKey().replace('_', '-')).isPresent()) {
        throw error(field, "'" + entry.getKey() + "' is the name of an activity; choose another alias");
      }
      Matcher m = REFERENCE.matcher(String.valueOf(entry.getValue()));
      if (!(entry.getValue() instanceof String) || !m.matches()) {
        throw error(field, "must name a codelist by id and version, like asthma-snomed@1, got '" + entry.getValue() + "'");
      }
      references.put(entry.getKey(), new CodelistReference(m.group(1), Integer.parseInt(m.group(2))));
    }
    return references;
  }

  private IndexRule index(Map<String, Object> root, Set<String> sources) {
    Map<String, Object> index = map(required(root, "index", "index"), "index");
    if (index.containsKey("first-event")) {
      keys(index, Set.of("first-event"), "index");
      return new FirstEvent(sources(index.get("first-event"), "index.first-event", sources));
    }
    if (index.containsKey("at-least")) {
      keys(index, Set.of("at-least", "of", "counting"), "index");
      int count = integer(index.get("at-least"), "index.at-least");
      Map<String, Object> of = map(required(index, "of", "index.of"), "index.of");
      if (count < 1 || count > of.size()) {
        throw error("index.at-least", "is " + count + " but index.of names " + of.size() + " conditions");
      }
      Map<String, List<String>> conditions = new LinkedHashMap<>();
      Set<String> used = new LinkedHashSet<>();
      for (Map.Entry<String, Object> condition : of.entrySet()) {
        String field = "index.of." + condition.getKey();
        if (!ALIAS.matcher(condition.getKey()).matches()) {
          throw error(field, "a condition's name is a lower-case word, got '" + condition.getKey() + "'");
        }
        List<String> list = sources(condition.getValue(), field, sources);
        for (String source : list) {
          if (!used.add(source)) {
            throw error(field, source + " already belongs to another condition; each source counts towards one condition");
          }
        }
        conditions.put(condition.getKey(), list);
      }
      Object counting = index.getOrDefault("counting", "ever");
      if (!"ever".equals(counting) && !"since-study-start".equals(counting)) {
        throw error("index.counting", "must be 'ever' or 'since-study-start', got '" + counting + "'");
      }
      return new AtLeast(count, conditions, "since-study-start".equals(counting));
    }
    throw error("index", "must say 'first-event: [aliases]' or 'at-least: N' with 'of:' conditions");
  }

  private List<Criterion> criteria(Map<String, Object> root, String key, Set<String> sources) {
    if (!root.containsKey(key)) {
      return List.of();
    }
    List<Criterion> criteria = new ArrayList<>();
    List<?> items = list(root.get(key), key);
    for (int i = 0; i < items.size(); i++) {
      String field = key + "[" + (i + 1) + "]";
      Map<String, Object> item = map(items.get(i), field);
      List<String> kinds = item.keySet().stream().filter(CRITERION_KINDS::contains).toList();
      if (kinds.size() != 1) {
        throw error(field, "must hold exactly one of " + CRITERION_KINDS.stream().sorted().toList() + ", found " + kinds);
      }
      String kind = kinds.get(0);
      String description = text(item, "description", field + ".description");
      checkDescription(description, field + ".description");
      String at = field + "." + kind;
      criteria.add(switch (kind) {
        case "age-at-index" -> {
          keys(item, Set.of("description", kind), field);
          Map<String, Object> bounds = map(item.get(kind), at);
          keys(bounds, Set.of("min", "max"), at);
          Optional<Integer> min = Optional.ofNullable(bounds.get("min")).map(v -> integer(v, at + ".min"));
          Optional<Integer> max = Optional.ofNullable(bounds.get("max")).map(v -> integer(v, at + ".max"));
          if (min.isEmpty() && max.isEmpty() || min.isPresent() && max.isPresent() && min.get() > max.get()) {
            throw error(at, "needs min, max or both, with min not above max");
          }
          yield new AgeAtIndex(description, min, max);
        }
        case "registered-at-index" -> {
          keys(item, Set.of("description", kind), field);
          if (!Boolean.TRUE.equals(item.get(kind))) {
            throw error(at, "can only be 'true'; leave the criterion out otherwise");
          }
          yield new RegisteredAtIndex(description);
        }
        case "has-event" -> {
          keys(item, Set.of("description", kind, "window"), field);
          yield new HasEvent(description, sources(item.get(kind), at, sources), window(required(item, "window", field + ".window"),
              field + ".window"));
        }
        default -> {
          keys(item, Set.of("description", kind), field);
          String expression = text(item, kind, at);
          if (expression.contains(";") || expression.contains("--") || expression.contains("/*")) {
            throw error(at, "must be one boolean expression, without ';' or comments");
          }
          yield new SqlCondition(description, expression.strip());
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
    List<?> items = list(root.get("covariates"), "covariates");
    for (int i = 0; i < items.size(); i++) {
      String field = "covariates[" + (i + 1) + "]";
      Map<String, Object> item = map(items.get(i), field);
      keys(item, Set.of("name", "kind", "from", "window", "description"), field);
      String name = text(item, "name", field + ".name");
      if (!NAME.matcher(name).matches() || CohortCompiler.RESERVED_COLUMNS.contains(name)) {
        throw error(field + ".name", "must be a lower-case column name not used by the cohort table itself, got '" + name + "'");
      }
      if (!names.add(name)) {
        throw error(field + ".name", name + " is declared twice");
      }
      String kindText = text(item, "kind", field + ".kind");
      CovariateKind kind = CovariateKind.of(kindText).orElseThrow(() -> error(field + ".kind",
          "unknown covariate kind '" + kindText + "'; the kinds are " + CovariateKind.keywords()));
      List<String> from = sources(required(item, "from", field + ".from"), field + ".from", sources);
      if (kind == CovariateKind.LATEST_VALUE) {
        for (String source : from) {
          if (!codelists.containsKey(source)) {
            throw error(field + ".from", "latest-value needs coded results with values (a SNOMED CT list), not " + source);
          }
        }
      }
      String description = text(item, "description", field + ".description");
      covariates.add(new Covariate(name, kind, from, window(required(item, "window", field + ".window"), field + ".window"), description));
    }
    return covariates;
  }

  private List<Attribute> attributes(Map<String, Object> root) {
    if (!root.containsKey("attributes")) {
      return List.of();
    }
    List<Attribute> attributes = new ArrayList<>();
    for (String keyword : strings(root.get("attributes"), "attributes")) {
      Attribute attribute = Attribute.of(keyword).orElseThrow(() -> error("attributes",
          "unknown attribute '" + keyword + "'; the attributes are " + Attribute.keywords()));
      if (attributes.contains(attribute)) {
        throw error("attributes", keyword + " is listed twice");
      }
      attributes.add(attribute);
    }
    return attributes;
  }

  private Window window(Object value, String field) {
    Map<String, Object> window = map(value, field);
    keys(window, Set.of("from", "to"), field);
    if (window.isEmpty()) {
      throw error(field, "needs from, to or both (days relative to the index date, both ends included)");
    }
    try {
      return new Window(Optional.ofNullable(window.get("from")).map(v -> integer(v, field + ".from")),
          Optional.ofNullable(window.get("to")).map(v -> integer(v, field + ".to")));
    } catch (IllegalArgumentException e) {
      throw error(field, e.getMessage() + "; from is the earlier day, e.g. {from: -365, to: 0}");
    }
  }

  private List<String> sources(Object value, String field, Set<String> declared) {
    List<String> names = strings(value, field);
    if (names.isEmpty()) {
      throw error(field, "names no source; give codelist aliases or activities");
    }
    for (String name : names) {
      if (!declared.contains(name) && CohortDefinition.Activity.of(name).isEmpty()) {
        throw error(field, "'" + name + "' is neither a codelist alias declared under codelists (" + String.join(", ", declared)
            + ") nor an activity (hospital-admission, adult-social-care)");
      }
    }
    return names;
  }

  private LocalDate date(Object value, String field) {
    try {
      return LocalDate.parse(String.valueOf(value));
    } catch (DateTimeParseException e) {
      throw error(field, "'" + value + "' is not a date; write YYYY-MM-DD" + (field.endsWith("end") ? " or night" : ""));
    }
  }

  private int integer(Object value, String field) {
    if (!(value instanceof Integer number)) {
      throw error(field, "must be a whole number, got '" + value + "'");
    }
    return number;
  }

  private void checkDescription(String description, String field) {
    if (description.chars().anyMatch(c -> c < 0x20)) {
      throw error(field, "must be one line of text");
    }
  }

  private List<String> strings(Object value, String field) {
    List<String> out = new ArrayList<>();
    for (Object item : list(value, field)) {
      if (!(item instanceof String text) || text.isBlank()) {
        throw error(field, "must be a list of names, got '" + item + "'");
      }
      out.add(text.strip());
    }
    return out;
  }

  private List<?> list(Object value, String field) {
    if (!(value instanceof List<?> items)) {
      throw error(field, "must be a list, got '" + value + "'");
    }
    return items;
  }

  private String text(Map<String, Object> map, String key, String field) {
    Object value = required(map, key, field);
    if (!(value instanceof String text) || text.isBlank()) {
      throw error(field, "must be text, got '" + value + "'");
    }
    return text.strip().replaceAll("\\s+", " ");
  }

  private Object required(Map<String, Object> map, String key, String field) {
    Object value = map.get(key);
    if (value == null) {
      throw error(field, "is missing (see sql/cohorts/README.md)");
    }
    return value;
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> map(Object value, String field) {
    if (!(value instanceof Map<?, ?> map)) {
      throw error(field, "must be a mapping of keys to values, got '" + value + "'");
    }
    for (Object key : map.keySet()) {
      if (!(key instanceof String)) {
        throw error(field, "has a key that is not text: " + key);
      }
    }
    return (Map<String, Object>) map;
  }

  private void keys(Map<String, Object> map, Set<String> allowed, String field) {
    for (String key : map.keySet()) {
      if (!allowed.contains(key)) {
        throw error(field, "unknown key '" + key + "'; allowed here: " + allowed.stream().sorted().toList());
      }
    }
  }

  private CareLakeException error(String field, String problem) {
    return CareLakeErrors.configuration("cohort definition " + origin + ": " + field + ": " + problem);
  }

  /** SnakeYAML's resolver without timestamps: dates stay text and are parsed strictly (2026-02-30 is refused). */
  private static final class DatesAsText extends Resolver {
    @Override
    protected void addImplicitResolvers() {
      addImplicitResolver(Tag.BOOL, BOOL, "yYnNtTfFoO");
      addImplicitResolver(Tag.INT, INT, "-+0123456789");
      addImplicitResolver(Tag.FLOAT, FLOAT, "-+0123456789.");
      addImplicitResolver(Tag.MERGE, MERGE, "<");
      addImplicitResolver(Tag.NULL, NULL, "~nN\0");
      addImplicitResolver(Tag.NULL, EMPTY, null);
    }
  }
}
