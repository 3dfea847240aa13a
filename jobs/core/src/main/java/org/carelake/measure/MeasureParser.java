package org.carelake.measure;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.carelake.cohort.CohortDefinition.CodelistReference;
import org.carelake.cohort.Window;
import org.carelake.error.CareLakeErrors;
import org.carelake.error.CareLakeException;
import org.carelake.measure.MeasureDefinition.Activity;
import org.carelake.measure.MeasureDefinition.Age;
import org.carelake.measure.MeasureDefinition.Criterion;
import org.carelake.measure.MeasureDefinition.Denominator;
import org.carelake.measure.MeasureDefinition.Events;
import org.carelake.measure.MeasureDefinition.Grouping;
import org.carelake.measure.MeasureDefinition.HasEvent;
import org.carelake.measure.MeasureDefinition.Interval;
import org.carelake.measure.MeasureDefinition.NoEvent;
import org.carelake.measure.MeasureDefinition.Registered;
import org.carelake.measure.MeasureDefinition.RegisteredPopulation;
import org.carelake.measure.MeasureDefinition.SqlCondition;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads a measure definition file and checks everything that can be checked without data: every
 * key known, every source a declared codelist alias or a known activity, windows the right way round
 * and bounded where they look ahead, the grouping known and including the borough. Every error names
 * the file and the field ({@code numerator[2].window}) and says what would be right. Codelists are
 * checked against the manifest by {@link MeasureCompiler}.
 */
public final class MeasureParser {
  private static final Pattern ID = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");
  private static final Pattern ALIAS = Pattern.compile("[a-z][a-z0-9_]*");
  private static final Pattern REFERENCE = Pattern.compile("([a-z0-9]+(?:-[a-z0-9]+)*)@([1-9][0-9]*)");
  private static final Set<String> TOP =
      Set.of("id", "name", "description", "codelists", "interval", "count", "denominator", "numerator", "grouping");
  private static final Set<String> CRITERION_KINDS = Set.of("has-event", "no-event", "age", "registered", "sql");
  /** The longest history a measure may span: the 24 months gold publishes, with room to grow. */
  static final int MAX_MONTHS = 60;

  private final String origin;

  private MeasureParser(String origin) {
    this.origin = origin;
  }

  public static MeasureDefinition load(Path file) {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    } catch (IOException e) {
      throw CareLakeErrors.missingInput("measure definition", file);
    }
  }

  public static MeasureDefinition parse(String yaml, String origin) {
    return new MeasureParser(origin).definition(yaml);
  }

  private MeasureDefinition definition(String yaml) {
    Object document;
    try {
      document = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    } catch (YAMLException e) {
      throw CareLakeErrors.configuration("measure definition " + origin + " is not valid YAML: " + e.getMessage(), e);
    }
    Map<String, Object> root = map(document, "(top level)");
    keys(root, TOP, "(top level)");
    String id = text(root, "id", "id");
    if (!ID.matcher(id).matches()) {
      throw error("id", "must be lower-case words joined by underscores (t2dm_hba1c_12m), got '" + id + "'");
    }
    String fileName = Path.of(origin).getFileName().toString();
    if (fileName.endsWith(".yaml") && !fileName.equals(id + ".yaml")) {
      throw error("id", "is '" + id + "' but the file is " + fileName + "; name the file " + id + ".yaml");
    }
    String name = text(root, "name", "name");
    oneLine(name, "name");
    Map<String, CodelistReference> codelists = codelists(root);
    Interval interval = interval(root);
    Denominator denominator = denominator(root, codelists.keySet());
    List<Criterion> numerator = criteria(required(root, "numerator", "numerator"), "numerator", codelists.keySet());
    if (numerator.isEmpty()) {
      throw error("numerator", "names no criterion; the numerator is the denominator's rows that also meet its criteria");
    }
    String count = text(root, "count", "count");
    if (!count.equals("people") && !count.equals("events")) {
      throw error("count", "must be 'people' or 'events', got '" + count + "'");
    }
    if (denominator instanceof RegisteredPopulation && count.equals("events")) {
      throw error("count", "is 'events' but the denominator is a registered population, which counts people; write 'people'");
    }
    if (denominator instanceof RegisteredPopulation && interval.length() != 1) {
      throw error("interval.length", "is " + interval.length() + " but a registered population is counted on each month's last"
          + " day; a rolling length applies to events. Leave it out and put the look-back in a criterion's window");
    }
    return new MeasureDefinition(origin, id, name, text(root, "description", "description"), codelists, interval, denominator,
        numerator, count.equals("people"), grouping(root));
  }

  private Map<String, CodelistReference> codelists(Map<String, Object> root) {
    Map<String, Object> declared = root.containsKey("codelists") ? map(root.get("codelists"), "codelists") : Map.of();
    Map<String, CodelistReference> references = new LinkedHashMap<>();
    for (Map.Entry<String, Object> entry : declared.entrySet()) {
      String field = "codelists." + entry.getKey();
      if (!ALIAS.matcher(entry.getKey()).matches()) {
        throw error(field, "an alias is a lower-case word (letters, digits, underscores), got '" + entry.getKey() + "'");
      }
      Matcher m = REFERENCE.matcher(String.valueOf(entry.getValue()));
      if (!(entry.getValue() instanceof String) || !m.matches()) {
        throw error(field, "must name a codelist by id and version, like hba1c-snomed@1, got '" + entry.getValue() + "'");
      }
      references.put(entry.getKey(), new CodelistReference(m.group(1), Integer.parseInt(m.group(2))));
    }
    return references;
  }

  private Interval interval(Map<String, Object> root) {
    Map<String, Object> interval = map(required(root, "interval", "interval"), "interval");
    keys(interval, Set.of("months", "length"), "interval");
    int months = integer(required(interval, "months", "interval.months"), "interval.months");
    if (months < 1 || months > MAX_MONTHS) {
      throw error("interval.months", "must be 1 to " + MAX_MONTHS + " (the months up to the night's month), got " + months);
    }
    int length = interval.containsKey("length") ? integer(interval.get("length"), "interval.length") : 1;
    if (length < 1 || length > 24) {
      throw error("interval.length", "must be 1 (by month) to 24 (a rolling 24 months), got " + length);
    }
    return new Interval(months, length);
  }

  private Denominator denominator(Map<String, Object> root, Set<String> aliases) {
    Map<String, Object> denominator = map(required(root, "denominator", "denominator"), "denominator");
    keys(denominator, Set.of("registered-population", "events", "where"), "denominator");
    List<Criterion> where = denominator.containsKey("where") ? criteria(denominator.get("where"), "denominator.where", aliases) : List.of();
    boolean population = denominator.containsKey("registered-population");
    if (population == denominator.containsKey("events")) {
      throw error("denominator", "must hold exactly one of 'registered-population: true' or 'events: [sources]'");
    }
    if (population) {
      if (!Boolean.TRUE.equals(denominator.get("registered-population"))) {
        throw error("denominator.registered-population", "can only be 'true'");
      }
      return new RegisteredPopulation(where);
    }
    return new Events(sources(denominator.get("events"), "denominator.events", aliases), where);
  }

  private List<Criterion> criteria(Object value, String key, Set<String> aliases) {
    List<Criterion> criteria = new ArrayList<>();
    List<?> items = list(value, key);
    for (int i = 0; i < items.size(); i++) {
      String field = key + "[" + (i + 1) + "]";
      Map<String, Object> item = map(items.get(i), field);
      List<String> kinds = item.keySet().stream().filter(CRITERION_KINDS::contains).toList();
      if (kinds.size() != 1) {
        throw error(field, "must hold exactly one of " + CRITERION_KINDS.stream().sorted().toList() + ", found " + kinds);
      }
      String kind = kinds.get(0);
      String at = field + "." + kind;
      criteria.add(switch (kind) {
        case "has-event", "no-event" -> {
          keys(item, Set.of(kind, "window"), field);
          List<String> sources = sources(item.get(kind), at, aliases);
          Window window = window(required(item, "window", field + ".window"), field + ".window");
          yield kind.equals("has-event") ? new HasEvent(sources, window) : new NoEvent(sources, window);
        }
        case "age" -> {
          keys(item, Set.of(kind), field);
          Map<String, Object> bounds = map(item.get(kind), at);
          keys(bounds, Set.of("min", "max"), at);
          Optional<Integer> min = Optional.ofNullable(bounds.get("min")).map(v -> integer(v, at + ".min"));
          Optional<Integer> max = Optional.ofNullable(bounds.get("max")).map(v -> integer(v, at + ".max"));
          if (min.isEmpty() && max.isEmpty() || min.isPresent() && max.isPresent() && min.get() > max.get()) {
            throw error(at, "needs min, max or both, with min not above max");
          }
          yield new Age(min, max);
        }
        case "registered" -> {
          keys(item, Set.of(kind), field);
          if (!Boolean.TRUE.equals(item.get(kind))) {
            throw error(at, "can only be 'true'; leave the criterion out otherwise");
          }
          yield new Registered();
        }
        default -> {
          keys(item, Set.of(kind), field);
          String expression = text(item, kind, at);
          if (expression.contains(";") || expression.contains("--") || expression.contains("/*")) {
            throw error(at, "must be one boolean expression, without ';' or comments");
          }
          yield new SqlCondition(expression);
        }
      });
    }
    return criteria;
  }

  private List<Grouping> grouping(Map<String, Object> root) {
    List<Grouping> grouping = new ArrayList<>();
    for (String keyword : strings(required(root, "grouping", "grouping"), "grouping")) {
      Grouping group = Grouping.of(keyword).orElseThrow(() -> error("grouping",
          "unknown grouping '" + keyword + "'; the groupings are " + Grouping.keywords()));
      if (grouping.contains(group)) {
        throw error("grouping", keyword + " is listed twice");
      }
      grouping.add(group);
    }
    if (!grouping.contains(Grouping.BOROUGH)) {
      throw error("grouping", "must include borough: the region's row is the sum of the boroughs' rounded rows");
    }
    return grouping;
  }

  private Window window(Object value, String field) {
    Map<String, Object> window = map(value, field);
    keys(window, Set.of("from", "to"), field);
    if (window.isEmpty()) {
      throw error(field, "needs from, to or both (days relative to the reference date, both ends included)");
    }
    Window parsed;
    try {
      parsed = new Window(Optional.ofNullable(window.get("from")).map(v -> integer(v, field + ".from")),
          Optional.ofNullable(window.get("to")).map(v -> integer(v, field + ".to")));
    } catch (IllegalArgumentException e) {
      throw error(field, e.getMessage() + "; from is the earlier day, e.g. {from: -7, to: 0}");
    }
    if (parsed.to().isEmpty() && parsed.from().orElse(0) >= 0) {
      throw error(field, "looks ahead without an end; give 'to' (a row is counted only once the whole window has passed)");
    }
    return parsed;
  }

  private List<String> sources(Object value, String field, Set<String> aliases) {
    List<String> names = strings(value, field);
    if (names.isEmpty()) {
      throw error(field, "names no source; give codelist aliases or activities");
    }
    for (String name : names) {
      if (!aliases.contains(name) && Activity.of(name).isEmpty()) {
        throw error(field, "'" + name + "' is neither a codelist alias declared under codelists (" + String.join(", ", aliases)
            + ") nor an activity (" + Activity.keywords() + ")");
      }
    }
    return names;
  }

  private int integer(Object value, String field) {
    if (!(value instanceof Integer number)) {
      throw error(field, "must be a whole number, got '" + value + "'");
    }
    return number;
  }

  private void oneLine(String text, String field) {
    if (text.chars().anyMatch(c -> c < 0x20)) {
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
      throw error(field, "is missing (see sql/measures/README.md)");
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
    return CareLakeErrors.configuration("measure definition " + origin + ": " + field + ": " + problem);
  }
}
