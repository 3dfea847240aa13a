package org.carelake.release;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.carelake.error.CareLakeErrors;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * What the researcher says about the file they want to release, in YAML or JSON (docs/output-checking.md):
 *
 * <pre>
 * project: p2026-014                 # optional; must match --project when given
 * purpose: Figure 2 of the paper     # optional; --purpose wins
 * description: Asthma prevalence by borough and age band, 2025
 * counts: [patients, registered]     # count columns (integer columns are counts anyway, unless keys)
 * keys: [year]                       # integer columns that are categories, not counts
 * rates:
 *   - column: per_1000
 *     numerator: patients
 *     denominator: registered
 *     per: 1000                      # optional: then the rate must be the rounded counts' rate
 * column_totals:                     # a column that is the sum of others in each row
 *   all_sexes: [female, male]
 * row_totals: [age_band]             # a key column whose 'all' (or 'total') rows sum the others
 * </pre>
 */
public record OutputRequest(
    Optional<String> project,
    Optional<String> purpose,
    Optional<String> description,
    List<String> counts,
    List<String> keys,
    List<Rate> rates,
    Map<String, List<String>> columnTotals,
    List<String> rowTotals) {
  /** A rate column and the count columns it was computed from. */
  public record Rate(String column, String numerator, String denominator, Optional<Long> per) {}

  private static final Set<String> FIELDS =
      Set.of("project", "purpose", "description", "counts", "keys", "rates", "column_totals", "row_totals");

  public OutputRequest {
    counts = List.copyOf(counts);
    keys = List.copyOf(keys);
    rates = List.copyOf(rates);
    columnTotals = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(columnTotals));
    rowTotals = List.copyOf(rowTotals);
  }

  /** No request: every column is judged by its values. */
  public static OutputRequest none() {
    return new OutputRequest(Optional.empty(), Optional.empty(), Optional.empty(), List.of(), List.of(), List.of(), Map.of(), List.of());
  }

  /** Reads a request (YAML, or JSON, which YAML reads too); {@code origin} names it in errors. */
  public static OutputRequest parse(String text, String origin) {
    Object document;
    try {
      document = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
    } catch (YAMLException e) {
      throw CareLakeErrors.configuration("output request " + origin + " is not valid YAML or JSON: " + firstLine(e.getMessage()));
    }
    if (document == null) {
      return none();
    }
    if (!(document instanceof Map<?, ?> map)) {
      throw CareLakeErrors.configuration("output request " + origin + " must be a mapping (project, purpose, counts, rates, ...)");
    }
    for (Object key : map.keySet()) {
      if (!FIELDS.contains(String.valueOf(key))) {
        throw CareLakeErrors.configuration("output request " + origin + " has an unknown field '" + key + "' (known: "
            + String.join(", ", new java.util.TreeSet<>(FIELDS)) + ")");
      }
    }
    List<Rate> rates = new ArrayList<>();
    for (Object item : list(map.get("rates"), origin, "rates")) {
      if (!(item instanceof Map<?, ?> rate)) {
        throw CareLakeErrors.configuration("output request " + origin + ": each rate needs column, numerator and denominator");
      }
      Optional<Long> per = Optional.empty();
      Object perValue = rate.get("per");
      if (perValue != null) {
        if (!(perValue instanceof Number number) || number.longValue() < 1) {
          throw CareLakeErrors.configuration("output request " + origin + ": a rate's per must be a positive whole number");
        }
        per = Optional.of(number.longValue());
      }
      rates.add(new Rate(required(rate, "column", origin), required(rate, "numerator", origin), required(rate, "denominator", origin), per));
    }
    Map<String, List<String>> columnTotals = new LinkedHashMap<>();
    Object totals = map.get("column_totals");
    if (totals != null) {
      if (!(totals instanceof Map<?, ?> totalsMap)) {
        throw CareLakeErrors.configuration("output request " + origin + ": column_totals maps a total column to its part columns");
      }
      totalsMap.forEach((total, parts) -> columnTotals.put(String.valueOf(total), strings(parts, origin, "column_totals." + total)));
    }
    return new OutputRequest(
        text(map.get("project")), text(map.get("purpose")), text(map.get("description")),
        strings(map.get("counts"), origin, "counts"), strings(map.get("keys"), origin, "keys"), rates, columnTotals,
        strings(map.get("row_totals"), origin, "row_totals"));
  }

  private static Optional<String> text(Object value) {
    return Optional.ofNullable(value).map(String::valueOf).map(String::strip).filter(s -> !s.isEmpty());
  }

  private static String required(Map<?, ?> map, String key, String origin) {
    return text(map.get(key)).orElseThrow(() -> CareLakeErrors.configuration("output request " + origin + ": a rate needs its " + key));
  }

  private static List<?> list(Object value, String origin, String field) {
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> list)) {
      throw CareLakeErrors.configuration("output request " + origin + ": " + field + " must be a list");
    }
    return list;
  }

  private static List<String> strings(Object value, String origin, String field) {
    List<String> names = new ArrayList<>();
    for (Object item : list(value, origin, field)) {
      if (item == null || item instanceof Map || item instanceof List) {
        throw CareLakeErrors.configuration("output request " + origin + ": " + field + " must be a list of column names");
      }
      names.add(String.valueOf(item).strip());
    }
    return names;
  }

  private static String firstLine(String message) {
    return message == null ? "" : message.lines().findFirst().orElse("");
  }
}
