package org.carelake.contract;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Stream;
import org.carelake.error.CareLakeErrors;
import org.carelake.optout.OptOutList;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Reads ODCS v3 contract files. Only the fields CareLake acts on are read; each is checked so a
 * mistake in a contract fails at start-up with the file and the field, not halfway through a night.
 */
public final class ContractLoader {
  private static final String CUSTOM_PREFIX = "carelake.";
  private static final List<String> KNOWN_PROPERTIES =
      List.of("source", "silver-target", "format", "delimiter", "encoding", "patient-id", "patient-id-namespace", "opt-out",
          "file-patterns", "duplicate-keys", "before-birth");

  private ContractLoader() {}

  /** Every contract under {@code root} (files named {@code *.yaml}, outside example folders). */
  public static List<Contract> loadAll(Path root) {
    if (!Files.isDirectory(root)) {
      throw CareLakeErrors.missingInput("data contracts folder", root);
    }
    List<Contract> contracts = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file :
          files
              .filter(path -> path.getFileName().toString().endsWith(".yaml"))
              .filter(path -> !path.toString().contains("/examples/"))
              .sorted()
              .toList()) {
        contracts.add(load(file));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Set<String> ids = new HashSet<>();
    for (Contract contract : contracts) {
      if (!ids.add(contract.id())) {
        throw CareLakeErrors.invalidContract(contract.origin(), "duplicate contract id " + contract.id());
      }
    }
    return List.copyOf(contracts);
  }

  public static Contract load(Path file) {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    } catch (IOException e) {
      throw CareLakeErrors.configuration("cannot read data contract " + file, e);
    }
  }

  public static Contract parse(String yamlText, String origin) {
    Object document;
    try {
      document = new Yaml(new SafeConstructor(new LoaderOptions())).load(yamlText);
    } catch (RuntimeException e) {
      throw CareLakeErrors.invalidContract(origin, "not valid YAML: " + e.getMessage());
    }
    try {
      return fromDocument(asMap(document, "document"), origin, yamlText);
    } catch (IllegalArgumentException e) {
      throw CareLakeErrors.invalidContract(origin, e.getMessage());
    }
  }

  private static Contract fromDocument(Map<String, Object> doc, String origin, String text) {
    String apiVersion = text(doc, "apiVersion");
    if (!apiVersion.startsWith("v3.")) {
      throw new IllegalArgumentException("apiVersion must be an ODCS v3 version, got " + apiVersion);
    }
    if (!"DataContract".equals(text(doc, "kind"))) {
      throw new IllegalArgumentException("kind must be DataContract");
    }
    String id = text(doc, "id");
    if (!id.matches("[a-z][a-z0-9_]*")) {
      throw new IllegalArgumentException("id must be lower snake_case, got " + id);
    }
    String version = text(doc, "version");
    if (!version.matches("[0-9]+\\.[0-9]+\\.[0-9]+")) {
      throw new IllegalArgumentException("version must be semantic (1.0.0), got " + version);
    }
    Map<String, String> custom = customProperties(doc);
    List<Object> schema = list(doc, "schema");
    if (schema.size() != 1) {
      throw new IllegalArgumentException("schema must hold exactly one object (the feed's file)");
    }
    Map<String, Object> object = asMap(schema.get(0), "schema[0]");
    List<Column> columns = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (Object property : list(object, "properties")) {
      Column column = column(asMap(property, "property"));
      if (!names.add(column.name())) {
        throw new IllegalArgumentException("duplicate property " + column.name());
      }
      columns.add(column);
    }
    checkCrossColumnRules(columns);
    if (columns.stream().noneMatch(Column::primaryKey)) {
      throw new IllegalArgumentException("no property is marked primaryKey: true");
    }
    String delimiter = custom.getOrDefault("delimiter", ",");
    if (delimiter.length() != 1) {
      throw new IllegalArgumentException("carelake.delimiter must be one character");
    }
    return new Contract(
        id,
        version,
        optionalText(doc, "name").orElse(id),
        required(custom, "source"),
        custom.containsKey("opt-out") ? silverTargetOfOptOutList(custom, columns) : required(custom, "silver-target"),
        delimiter.charAt(0),
        charset(custom.getOrDefault("encoding", "UTF-8")),
        columns,
        patientId(custom),
        Optional.ofNullable(custom.get("opt-out")).map(OptOutList::parse),
        custom.containsKey("file-patterns")
            ? java.util.Arrays.stream(custom.get("file-patterns").split(",")).map(String::strip).toList()
            : List.of(),
        Optional.ofNullable(custom.get("duplicate-keys")).map(v -> ContractOption.parse(DuplicateKeyRule.class, "duplicate-keys", v))
            .orElse(DuplicateKeyRule.LAST_ROW_WINS),
        Optional.ofNullable(custom.get("before-birth")).map(v -> ContractOption.parse(BeforeBirthRule.class, "before-birth", v))
            .orElse(BeforeBirthRule.FLAG),
        origin,
        text);
  }

  private static Column column(Map<String, Object> p) {
    String name = text(p, "name");
    if (!name.matches("[a-z][a-z0-9_]*")) {
      throw new IllegalArgumentException("property name must be lower snake_case, got " + name);
    }
    LogicalType type = LogicalType.parse(text(p, "logicalType"));
    Map<String, Object> options =
        p.containsKey("logicalTypeOptions") ? asMap(p.get("logicalTypeOptions"), name) : Map.of();
    Optional<String> pattern = Optional.ofNullable(options.get("pattern")).map(Object::toString);
    pattern.ifPresent(regex -> compile(name, regex));
    Optional<String> format = Optional.ofNullable(options.get("format")).map(Object::toString);
    if ((type == LogicalType.DATE || type == LogicalType.TIMESTAMP) && format.isEmpty()) {
      throw new IllegalArgumentException(name + ": date and timestamp columns need logicalTypeOptions.format");
    }
    format.ifPresent(f -> checkFormat(name, f));
    List<String> validValues = new ArrayList<>();
    List<CustomRule> customRules = new ArrayList<>();
    if (p.containsKey("quality")) {
      for (Object item : list(p, "quality")) {
        Map<String, Object> rule = asMap(item, name + ".quality");
        String kind = text(rule, "type");
        String ruleName = text(rule, "rule");
        if (kind.equals("library") && ruleName.equals("validValues")) {
          for (Object value : list(rule, "validValues")) {
            validValues.add(String.valueOf(value));
          }
        } else if (kind.equals("custom") && "carelake".equals(rule.get("engine"))) {
          customRules.add(
              new CustomRule(
                  CustomRule.Kind.parse(ruleName),
                  Optional.ofNullable(rule.get("column")).map(Object::toString),
                  CustomRule.Severity.parse(rule.get("severity"))));
        } else {
          throw new IllegalArgumentException(
              name + ": unsupported quality rule " + kind + "/" + ruleName
                  + " (supported: library/validValues and custom carelake rules)");
        }
      }
    }
    return new Column(
        name,
        optionalText(p, "physicalName").orElse(name),
        type,
        bool(p, "required"),
        bool(p, "primaryKey"),
        Classification.parse(text(p, "classification")),
        optionalText(p, "description").orElse(""),
        pattern,
        format,
        optionalInt(options, "minLength"),
        optionalInt(options, "maxLength"),
        optionalDecimal(options, "minimum"),
        optionalDecimal(options, "maximum"),
        validValues,
        customRules);
  }

  private static void checkCrossColumnRules(List<Column> columns) {
    for (Column column : columns) {
      for (CustomRule rule : column.customRules()) {
        if (rule.kind() == CustomRule.Kind.NOT_BEFORE) {
          String other =
              rule.otherColumn()
                  .orElseThrow(() -> new IllegalArgumentException(column.name() + ": not-before needs column:"));
          Column target =
              columns.stream()
                  .filter(c -> c.name().equals(other))
                  .findFirst()
                  .orElseThrow(
                      () -> new IllegalArgumentException(column.name() + ": not-before names unknown column " + other));
          if (!isTemporal(target.type()) || !isTemporal(column.type())) {
            throw new IllegalArgumentException(column.name() + ": not-before needs two date or timestamp columns");
          }
        }
        if ((rule.kind() == CustomRule.Kind.NOT_IN_FUTURE || rule.kind() == CustomRule.Kind.PLAUSIBLE_AGE)
            && !isTemporal(column.type())) {
          throw new IllegalArgumentException(column.name() + ": " + rule.kind().id() + " needs a date or timestamp column");
        }
      }
    }
  }

  private static boolean isTemporal(LogicalType type) {
    return type == LogicalType.DATE || type == LogicalType.TIMESTAMP;
  }

  private static Map<String, String> customProperties(Map<String, Object> doc) {
    Map<String, String> result = new java.util.TreeMap<>();
    if (!doc.containsKey("customProperties")) {
      return result;
    }
    for (Object item : list(doc, "customProperties")) {
      Map<String, Object> entry = asMap(item, "customProperties");
      String property = text(entry, "property");
      if (property.startsWith(CUSTOM_PREFIX)) {
        String key = property.substring(CUSTOM_PREFIX.length());
        if (!KNOWN_PROPERTIES.contains(key)) {
          throw new IllegalArgumentException("unknown custom property " + property + " (CareLake reads "
              + KNOWN_PROPERTIES.stream().map(k -> CUSTOM_PREFIX + k).collect(java.util.stream.Collectors.joining(", ")) + ")");
        }
        result.put(key, String.valueOf(entry.get("value")));
      }
    }
    return result;
  }

  private static Optional<Contract.PatientId> patientId(Map<String, String> custom) {
    String column = custom.get("patient-id");
    String namespace = custom.get("patient-id-namespace");
    if (column == null && namespace == null) {
      return Optional.empty();
    }
    if (column == null || namespace == null) {
      throw new IllegalArgumentException("carelake.patient-id and carelake.patient-id-namespace go together: declare both or neither");
    }
    return Optional.of(new Contract.PatientId(column, namespace));
  }

  /**
   * An opt-out list has no silver target and carries the NHS number only: its one identifier is
   * used to find who is excluded, never copied anywhere.
   */
  private static String silverTargetOfOptOutList(Map<String, String> custom, List<Column> columns) {
    if (custom.containsKey("silver-target")) {
      throw new IllegalArgumentException("an opt-out list (carelake.opt-out) never reaches silver: remove carelake.silver-target");
    }
    if (columns.stream().noneMatch(c -> c.name().equals("nhs_number") && c.required())) {
      throw new IllegalArgumentException("an opt-out list (carelake.opt-out) needs a required nhs_number property");
    }
    if (custom.containsKey("patient-id")) {
      throw new IllegalArgumentException("an opt-out list (carelake.opt-out) lists NHS numbers only: remove carelake.patient-id");
    }
    return "";
  }

  private static String charset(String name) {
    try {
      return Charset.forName(name).name();
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("carelake.encoding names an unknown charset " + name);
    }
  }

  private static String required(Map<String, String> custom, String key) {
    String value = custom.get(key);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("customProperties needs carelake." + key);
    }
    return value;
  }

  private static void compile(String name, String regex) {
    try {
      Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(name + ": pattern does not compile: " + e.getDescription());
    }
  }

  private static void checkFormat(String name, String format) {
    try {
      DateTimeFormatter.ofPattern(format);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(name + ": format '" + format + "' is not a date pattern");
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> asMap(Object value, String where) {
    if (!(value instanceof Map)) {
      throw new IllegalArgumentException(where + " must be a mapping");
    }
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  private static List<Object> list(Map<String, Object> map, String key) {
    Object value = map.get(key);
    if (!(value instanceof List)) {
      throw new IllegalArgumentException(key + " must be a list");
    }
    return (List<Object>) value;
  }

  private static String text(Map<String, Object> map, String key) {
    return optionalText(map, key).orElseThrow(() -> new IllegalArgumentException("missing " + key));
  }

  private static Optional<String> optionalText(Map<String, Object> map, String key) {
    Object value = map.get(key);
    return value == null ? Optional.empty() : Optional.of(value.toString());
  }

  private static boolean bool(Map<String, Object> map, String key) {
    Object value = map.get(key);
    return value instanceof Boolean b && b;
  }

  private static OptionalInt optionalInt(Map<String, Object> map, String key) {
    Object value = map.get(key);
    return value == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(value.toString()));
  }

  private static Optional<BigDecimal> optionalDecimal(Map<String, Object> map, String key) {
    Object value = map.get(key);
    return value == null ? Optional.empty() : Optional.of(new BigDecimal(value.toString()));
  }
}
