package org.carelake.definition;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * The fields of one definition file (a measure in {@code sql/measures/}, a cohort in {@code
 * sql/cohorts/}) as SnakeYAML reads them, each checked for its type and shape: what the parsers of
 * both share. Every error names the file and the field ({@code numerator[2].window}), says what was
 * wrong and what would be right, and is a configuration error. Types that belong to one kind of
 * definition (a window, a codelist reference) are made by the caller's factory, so this package
 * knows neither.
 */
public final class DefinitionFields {
  private static final Pattern IDENTIFIER = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");
  private static final Pattern ALIAS = Pattern.compile("[a-z][a-z0-9_]*");
  private static final Pattern REFERENCE = Pattern.compile("([a-z0-9]+(?:-[a-z0-9]+)*)@([1-9][0-9]*)");

  private final String kind;
  private final String origin;
  private final String guide;

  /**
   * @param kind what the file is, as errors name it: {@code measure definition}
   * @param origin the file, named in every error
   * @param guide the page a missing field points to: {@code sql/measures/README.md}
   */
  public DefinitionFields(String kind, String origin, String guide) {
    this.kind = requireNonNull(kind, "kind is null");
    this.origin = requireNonNull(origin, "origin is null");
    this.guide = requireNonNull(guide, "guide is null");
  }

  /** The document's top-level mapping, with YAML's own types, holding only the keys allowed. */
  public Map<String, Object> root(String yaml, Set<String> allowed) {
    return root(new Yaml(new SafeConstructor(new LoaderOptions())), yaml, allowed);
  }

  /**
   * The document's top-level mapping, holding only the keys allowed, with dates left as text to be
   * parsed strictly (2026-02-30 is refused, where YAML would roll it over to March).
   */
  public Map<String, Object> rootWithDatesAsText(String yaml, Set<String> allowed) {
    return root(new Yaml(new SafeConstructor(new LoaderOptions()), new Representer(new DumperOptions()), new DumperOptions(),
        new LoaderOptions(), new DatesAsText()), yaml, allowed);
  }

  private Map<String, Object> root(Yaml loader, String yaml, Set<String> allowed) {
    Object document;
    try {
      document = loader.load(yaml);
    } catch (YAMLException e) {
      throw CareLakeErrors.configuration(kind + " " + origin + " is not valid YAML: " + e.getMessage(), e);
    }
    Map<String, Object> root = map(document, "(top level)");
    keys(root, allowed, "(top level)");
    return root;
  }

  /**
   * The definition's identifier under {@code key}: lower-case words joined by underscores (like the
   * example), and the name of its file when the file is a {@code .yaml}.
   */
  public String identifier(Map<String, Object> root, String key, String example) {
    String identifier = text(root, key, key);
    if (!IDENTIFIER.matcher(identifier).matches()) {
      throw error(key, "must be lower-case words joined by underscores (" + example + "), got '" + identifier + "'");
    }
    String fileName = Path.of(origin).getFileName().toString();
    if (fileName.endsWith(".yaml") && !fileName.equals(identifier + ".yaml")) {
      throw error(key, "is '" + identifier + "' but the file is " + fileName + "; name the file " + identifier + ".yaml");
    }
    return identifier;
  }

  /**
   * The codelists the definition declares under {@code codelists}, by alias: {@code hba1c:
   * hba1c-snomed@1}, in file order; none when the key is absent. An alias in {@code reserved} is
   * refused as the name of an activity.
   *
   * @param example a reference to show in the error for a malformed one: {@code hba1c-snomed@1}
   * @param reference makes a reference from a codelist's id and version
   */
  public <R> Map<String, R> codelists(Map<String, Object> root, String example, Set<String> reserved,
      BiFunction<String, Integer, R> reference) {
    Map<String, Object> declared = root.containsKey("codelists") ? map(root.get("codelists"), "codelists") : Map.of();
    Map<String, R> references = new LinkedHashMap<>();
    for (Map.Entry<String, Object> entry : declared.entrySet()) {
      String field = "codelists." + entry.getKey();
      if (!ALIAS.matcher(entry.getKey()).matches()) {
        throw error(field, "an alias is a lower-case word (letters, digits, underscores), got '" + entry.getKey() + "'");
      }
      if (reserved.contains(entry.getKey())) {
        throw error(field, "'" + entry.getKey() + "' is the name of an activity; choose another alias");
      }
      Matcher m = REFERENCE.matcher(String.valueOf(entry.getValue()));
      if (!(entry.getValue() instanceof String) || !m.matches()) {
        throw error(field, "must name a codelist by id and version, like " + example + ", got '" + entry.getValue() + "'");
      }
      references.put(entry.getKey(), reference.apply(m.group(1), Integer.parseInt(m.group(2))));
    }
    return references;
  }

  /** A name that matches a codelist alias or a condition's name: a lower-case word (letters, digits, underscores). */
  public static boolean isAlias(String name) {
    return ALIAS.matcher(name).matches();
  }

  /**
   * A non-empty list of sources, each a codelist alias the definition declares or an activity.
   *
   * @param activities the activities' keywords, in the order the error lists them
   */
  public List<String> sources(Object value, String field, Set<String> aliases, List<String> activities) {
    List<String> names = strings(value, field);
    if (names.isEmpty()) {
      throw error(field, "names no source; give codelist aliases or activities");
    }
    for (String name : names) {
      if (!aliases.contains(name) && !activities.contains(name)) {
        throw error(field, "'" + name + "' is neither a codelist alias declared under codelists (" + String.join(", ", aliases)
            + ") nor an activity (" + String.join(", ", activities) + ")");
      }
    }
    return names;
  }

  /** Which one of {@code kinds} a list item holds: exactly one must be there. */
  public String kindOf(Map<String, Object> item, String field, Set<String> kinds) {
    List<String> found = item.keySet().stream().filter(kinds::contains).toList();
    if (found.size() != 1) {
      throw error(field, "must hold exactly one of " + kinds.stream().sorted().toList() + ", found " + found);
    }
    return found.get(0);
  }

  /** Optional whole-number bounds, at least one of them, min not above max: an age range. */
  public record Bounds(Optional<Integer> min, Optional<Integer> max) {}

  /** A mapping of {@code min}, {@code max} or both. */
  public Bounds bounds(Object value, String field) {
    Map<String, Object> bounds = map(value, field);
    keys(bounds, Set.of("min", "max"), field);
    Optional<Integer> min = Optional.ofNullable(bounds.get("min")).map(v -> integer(v, field + ".min"));
    Optional<Integer> max = Optional.ofNullable(bounds.get("max")).map(v -> integer(v, field + ".max"));
    if (min.isEmpty() && max.isEmpty() || min.isPresent() && max.isPresent() && min.get() > max.get()) {
      throw error(field, "needs min, max or both, with min not above max");
    }
    return new Bounds(min, max);
  }

  /**
   * A window of days relative to a date, {@code {from: -7, to: 0}}, both ends included, at least one
   * given.
   *
   * @param relativeTo the date, as the error names it: {@code reference date}
   * @param example a window the error shows when from is after to
   * @param window makes the window from its ends; it refuses from after to
   */
  public <W> W window(Object value, String field, String relativeTo, String example,
      BiFunction<Optional<Integer>, Optional<Integer>, W> window) {
    Map<String, Object> ends = map(value, field);
    keys(ends, Set.of("from", "to"), field);
    if (ends.isEmpty()) {
      throw error(field, "needs from, to or both (days relative to the " + relativeTo + ", both ends included)");
    }
    try {
      return window.apply(Optional.ofNullable(ends.get("from")).map(v -> integer(v, field + ".from")),
          Optional.ofNullable(ends.get("to")).map(v -> integer(v, field + ".to")));
    } catch (IllegalArgumentException e) {
      throw error(field, e.getMessage() + "; from is the earlier day, e.g. " + example);
    }
  }

  /** A criterion that is either {@code true} or left out. */
  public void criterionFlag(Object value, String field) {
    if (!Boolean.TRUE.equals(value)) {
      throw error(field, "can only be 'true'; leave the criterion out otherwise");
    }
  }

  /** One boolean SQL expression, without a statement separator or a comment that could hide one. */
  public String expression(Map<String, Object> map, String key, String field) {
    String expression = text(map, key, field);
    if (expression.contains(";") || expression.contains("--") || expression.contains("/*")) {
      throw error(field, "must be one boolean expression, without ';' or comments");
    }
    return expression;
  }

  /**
   * A list of keywords, each known and listed once: the values of {@code of}.
   *
   * @param noun what one keyword is, as the error names it: {@code grouping}
   * @param known the keywords, as the error lists them
   */
  public <K> List<K> keywords(Object value, String field, String noun, Function<String, Optional<K>> of, String known) {
    List<K> found = new ArrayList<>();
    for (String keyword : strings(value, field)) {
      K parsed = of.apply(keyword).orElseThrow(() -> error(field, "unknown " + noun + " '" + keyword + "'; the " + noun + "s are " + known));
      if (found.contains(parsed)) {
        throw error(field, keyword + " is listed twice");
      }
      found.add(parsed);
    }
    return found;
  }

  public int integer(Object value, String field) {
    if (!(value instanceof Integer number)) {
      throw error(field, "must be a whole number, got '" + value + "'");
    }
    return number;
  }

  /** Text without line breaks or other control characters. */
  public void oneLine(String text, String field) {
    if (text.chars().anyMatch(c -> c < 0x20)) {
      throw error(field, "must be one line of text");
    }
  }

  /** A list of non-blank names, stripped. */
  public List<String> strings(Object value, String field) {
    List<String> out = new ArrayList<>();
    for (Object item : list(value, field)) {
      if (!(item instanceof String text) || text.isBlank()) {
        throw error(field, "must be a list of names, got '" + item + "'");
      }
      out.add(text.strip());
    }
    return out;
  }

  public List<?> list(Object value, String field) {
    if (!(value instanceof List<?> items)) {
      throw error(field, "must be a list, got '" + value + "'");
    }
    return items;
  }

  /** Required non-blank text, stripped, every run of white space one space. */
  public String text(Map<String, Object> map, String key, String field) {
    Object value = required(map, key, field);
    if (!(value instanceof String text) || text.isBlank()) {
      throw error(field, "must be text, got '" + value + "'");
    }
    return text.strip().replaceAll("\\s+", " ");
  }

  public Object required(Map<String, Object> map, String key, String field) {
    Object value = map.get(key);
    if (value == null) {
      throw error(field, "is missing (see " + guide + ")");
    }
    return value;
  }

  /** A mapping whose keys are all text. */
  @SuppressWarnings("unchecked")
  public Map<String, Object> map(Object value, String field) {
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

  /** Refuses a key not allowed here, naming the ones that are: a misspelt key fails loudly. */
  public void keys(Map<String, Object> map, Set<String> allowed, String field) {
    for (String key : map.keySet()) {
      if (!allowed.contains(key)) {
        throw error(field, "unknown key '" + key + "'; allowed here: " + allowed.stream().sorted().toList());
      }
    }
  }

  /** The error for a field of this file: {@code measure definition <file>: <field>: <problem>}. */
  public CareLakeException error(String field, String problem) {
    return CareLakeErrors.configuration(kind + " " + origin + ": " + field + ": " + problem);
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
