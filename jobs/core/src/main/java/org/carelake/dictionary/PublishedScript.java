package org.carelake.dictionary;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.carelake.dictionary.ColumnDoc.Nullable;
import org.carelake.disclosure.DisclosureRule;
import org.carelake.disclosure.DisclosureSpec;
import org.carelake.transform.SqlScript;

/**
 * A gold script (a file of {@code sql/gold/} or a script compiled from a definition) described as
 * the gold stage publishes it: the header read as data, the columns of its outermost SELECT, and
 * the columns disclosure control adds (a status beside each count; each rate and its status at the
 * end), with the disclosure rule in words. Every kind of gold definition goes through here, so
 * they all read alike.
 */
final class PublishedScript {
  private static final Set<String> SHOWN =
      Set.of("table", "purpose", "grain", "keys", "inputs", "codelists", "disclosure", "counts", "rates", "totals", "thresholds",
          "threshold-override", "per-project");

  private PublishedScript() {}

  /**
   * @param known what the definition says about columns the SQL text does not (type, meaning), by name
   */
  static TableDoc describe(SqlScript script, String definedIn, String kind, Map<String, ColumnDoc> known, Map<String, String> extra) {
    DisclosureSpec spec = DisclosureSpec.of(script);
    String name = script.require("table");
    boolean perProject = script.get("per-project").map(value -> value.startsWith("yes")).orElse(false);
    List<String> keys = script.list("keys");
    List<ColumnDoc> columns = new ArrayList<>();
    for (SelectColumns.Output output : SelectColumns.of(script.statement())) {
      String column = output.name();
      if (spec.counts().contains(column)) {
        columns.add(new ColumnDoc(column, "BIGINT", Nullable.YES, join(output.meaning(),
            "A count under disclosure control: 0, rounded, or empty when suppressed; " + column + "_status says which.")));
        columns.add(new ColumnDoc(DisclosureSpec.statusColumn(column), "STRING", Nullable.NO,
            "zero, rounded or suppressed: what disclosure control did to " + column + "."));
        continue;
      }
      ColumnDoc declared = known.get(column);
      String type = !output.type().isEmpty() ? output.type() : declared != null ? declared.type() : "";
      String meaning = !output.meaning().isEmpty() ? output.meaning() : declared != null ? declared.meaning() : "";
      Nullable nullable = declared != null ? declared.nullable() : Nullable.UNKNOWN;
      if (spec.totals().contains(column)) {
        meaning = join(meaning, "'" + DisclosureSpec.TOTAL_MARKER + "' on total rows.");
      }
      columns.add(new ColumnDoc(column, type, nullable, meaning));
    }
    for (DisclosureSpec.Rate rate : spec.rates()) {
      columns.add(new ColumnDoc(rate.column(), "DOUBLE", Nullable.YES, rate.numerator() + " / " + rate.denominator() + " × " + rate.per()
          + ", from the published counts; empty unless both are at least " + spec.rule().suppressBelow() + "."));
      columns.add(new ColumnDoc(DisclosureSpec.statusColumn(rate.column()), "STRING", Nullable.NO,
          "shown or suppressed: whether " + rate.column() + " is published."));
    }
    Map<String, String> details = new LinkedHashMap<>();
    if (perProject) {
      details.put("per project", "one table gold." + name.substring(name.indexOf('.') + 1) + "__<project> for each active research"
          + " project whose datasets in governance/access-policy.yaml list it, under that project's own pseudonyms");
    }
    details.putAll(extra);
    script.header().entrySet().stream()
        .filter(entry -> !SHOWN.contains(entry.getKey()))
        .sorted(Map.Entry.comparingByKey())
        .forEach(entry -> details.put(entry.getKey(), entry.getValue()));
    return new TableDoc(perProject ? name + "__<project>" : name, "gold", kind, definedIn, script.get("purpose").orElse(""),
        script.get("grain").orElse(""), keys, columns, script.list("inputs"), List.of(), script.list("codelists"),
        disclosure(spec, script), details);
  }

  /** The disclosure rule in words, one line per part. */
  static List<String> disclosure(DisclosureSpec spec, SqlScript script) {
    List<String> lines = new ArrayList<>();
    DisclosureRule rule = spec.rule();
    if (spec.kind() == DisclosureSpec.Kind.RECORD_LEVEL) {
      lines.add("Record-level: " + script.get("disclosure").orElse("").replaceFirst("^record-level\\s*", "")
          .replaceAll("^\\((.*)\\)$", "$1"));
      return lines;
    }
    lines.add("Aggregate: the gold stage applies the small-number rule to the counts " + String.join(", ", spec.counts()) + ".");
    lines.add("0 stays 0; counts from 1 to " + (rule.suppressBelow() - 1) + " are suppressed (empty); others are rounded to the nearest "
        + rule.roundTo() + " (suppress-below " + rule.suppressBelow() + ", round-to " + rule.roundTo() + ").");
    for (DisclosureSpec.Rate rate : spec.rates()) {
      lines.add("Rate " + rate.column() + " = " + rate.numerator() + " / " + rate.denominator() + " × " + rate.per()
          + ", computed from the rounded counts and shown only where both are at least " + rule.suppressBelow() + ".");
    }
    if (!spec.totals().isEmpty()) {
      lines.add("Total rows: " + String.join(", ", spec.totals()) + " read '" + DisclosureSpec.TOTAL_MARKER
          + "'; totals are sums of the rounded cells, with secondary suppression.");
    }
    rule.override().ifPresent(reason -> lines.add("Thresholds below the defaults, because: " + reason));
    return lines;
  }

  private static String join(String first, String second) {
    return first.isBlank() ? second : first.strip() + (first.strip().endsWith(".") ? " " : ". ") + second;
  }
}
