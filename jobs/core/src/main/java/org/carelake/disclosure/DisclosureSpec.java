package org.carelake.disclosure;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.carelake.error.CareLakeErrors;
import org.carelake.transform.SqlScript;

/**
 * What a published table declares about disclosure in its SQL header, read as data:
 *
 * <pre>
 * -- disclosure: aggregate                (or: record-level, for a project's cohort of pseudonymised rows)
 * -- counts: activity_count, registered_population
 * -- rates: rate_per_1000 = activity_count / registered_population * 1000
 * -- totals: age_band, sex                (optional: a total row, these columns 'all', per value of the other keys)
 * -- thresholds: suppress-below 8, round-to 5          (optional; the defaults)
 * -- threshold-override: the reason       (needed for thresholds below the defaults; logged and audited)
 * </pre>
 *
 * Every published table must say which kind it is, so a new table cannot skip disclosure control.
 */
public record DisclosureSpec(Kind kind, List<String> counts, List<Rate> rates, List<String> totals, DisclosureRule rule) {
  /** An aggregate is protected cell by cell; a record-level table has no counts to protect. */
  public enum Kind { AGGREGATE, RECORD_LEVEL }

  /** A rate column the stage computes from two declared counts. */
  public record Rate(String column, String numerator, String denominator, long per) {
    public Rate {
      requireNonNull(column, "column is null");
      requireNonNull(numerator, "numerator is null");
      requireNonNull(denominator, "denominator is null");
      if (per < 1) {
        throw new IllegalArgumentException("a rate's multiplier must be positive");
      }
    }
  }

  /** The value total rows carry in each of the {@code totals} columns. */
  public static final String TOTAL_MARKER = "all";
  /** The suffix of the status column written beside each count and rate. */
  public static final String STATUS_SUFFIX = "_status";

  private static final Pattern RATE = Pattern.compile("([a-z_][a-z0-9_]*)\\s*=\\s*([a-z_][a-z0-9_]*)\\s*/\\s*([a-z_][a-z0-9_]*)\\s*\\*\\s*([0-9]+)");
  private static final Pattern THRESHOLDS = Pattern.compile("suppress-below\\s+([0-9]+)\\s*,\\s*round-to\\s+([0-9]+)");
  private static final Pattern COLUMN = Pattern.compile("[a-z_][a-z0-9_]*");

  public DisclosureSpec {
    requireNonNull(kind, "kind is null");
    counts = List.copyOf(counts);
    rates = List.copyOf(rates);
    totals = List.copyOf(totals);
    requireNonNull(rule, "rule is null");
  }

  public static DisclosureSpec of(SqlScript script) {
    String origin = script.origin();
    String declared = script.get("disclosure").map(String::strip).orElseThrow(() -> CareLakeErrors.configuration(
        origin + " needs a '-- disclosure: aggregate' or '-- disclosure: record-level' header line: every published table "
            + "goes through disclosure control"));
    String word = declared.split("[\\s(,;]", 2)[0].toLowerCase(Locale.ROOT);
    Kind kind = switch (word) {
      case "aggregate" -> Kind.AGGREGATE;
      case "record-level" -> Kind.RECORD_LEVEL;
      default -> throw CareLakeErrors.configuration(origin + " disclosure must be aggregate or record-level, not " + word);
    };
    List<String> counts = columns(script.list("counts"), origin, "counts");
    List<String> totals = columns(script.list("totals"), origin, "totals");
    List<Rate> rates = new ArrayList<>();
    for (String text : script.list("rates")) {
      Matcher m = RATE.matcher(text);
      if (!m.matches()) {
        throw CareLakeErrors.configuration(origin + " rate must read 'name = numerator / denominator * per', got " + text);
      }
      Rate rate = new Rate(m.group(1), m.group(2), m.group(3), Long.parseLong(m.group(4)));
      if (!counts.contains(rate.numerator()) || !counts.contains(rate.denominator())) {
        throw CareLakeErrors.configuration(origin + " rate " + rate.column() + " must divide two declared counts");
      }
      rates.add(rate);
    }
    if (kind == Kind.RECORD_LEVEL && !(counts.isEmpty() && rates.isEmpty() && totals.isEmpty())) {
      throw CareLakeErrors.configuration(origin + " is record-level and may not declare counts, rates or totals");
    }
    if (kind == Kind.AGGREGATE && counts.isEmpty()) {
      throw CareLakeErrors.configuration(origin + " is an aggregate and must declare its counts ('-- counts: ...')");
    }
    Set<String> names = new LinkedHashSet<>();
    for (String name : concat(counts, rates.stream().map(Rate::column).toList(), totals)) {
      if (!names.add(name)) {
        throw CareLakeErrors.configuration(origin + " names column " + name + " twice in its disclosure header");
      }
    }
    return new DisclosureSpec(kind, counts, rates, totals, rule(script));
  }

  private static DisclosureRule rule(SqlScript script) {
    Optional<String> override = script.get("threshold-override");
    Optional<String> thresholds = script.get("thresholds");
    if (thresholds.isEmpty()) {
      return override.isPresent() ? new DisclosureRule(DisclosureRule.DEFAULT_SUPPRESS_BELOW, DisclosureRule.DEFAULT_ROUND_TO, override)
          : DisclosureRule.defaults();
    }
    Matcher m = THRESHOLDS.matcher(thresholds.get().strip());
    if (!m.matches()) {
      throw CareLakeErrors.configuration(script.origin() + " thresholds must read 'suppress-below N, round-to M'");
    }
    try {
      return new DisclosureRule(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), override);
    } catch (IllegalArgumentException e) {
      throw CareLakeErrors.configuration(script.origin() + ": " + e.getMessage());
    }
  }

  private static List<String> columns(List<String> names, String origin, String key) {
    for (String name : names) {
      if (!COLUMN.matcher(name).matches()) {
        throw CareLakeErrors.configuration(origin + " " + key + " must be column names, got " + name);
      }
    }
    return names;
  }

  @SafeVarargs
  private static List<String> concat(List<String>... lists) {
    List<String> all = new ArrayList<>();
    for (List<String> list : lists) {
      all.addAll(list);
    }
    return all;
  }

  public static String statusColumn(String column) {
    return column + STATUS_SUFFIX;
  }
}
