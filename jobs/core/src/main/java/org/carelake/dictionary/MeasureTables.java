package org.carelake.dictionary;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.carelake.cohort.Window;
import org.carelake.dictionary.ColumnDoc.Nullable;
import org.carelake.measure.CompiledMeasures;
import org.carelake.measure.MeasureDefinition;
import org.carelake.measure.MeasureDefinition.Age;
import org.carelake.measure.MeasureDefinition.Criterion;
import org.carelake.measure.MeasureDefinition.Events;
import org.carelake.measure.MeasureDefinition.Grouping;
import org.carelake.measure.MeasureDefinition.HasEvent;
import org.carelake.measure.MeasureDefinition.NoEvent;
import org.carelake.measure.MeasureDefinition.Registered;
import org.carelake.measure.MeasureDefinition.SqlCondition;
import org.carelake.measure.MeasureFolder;

/**
 * The one table every measure definition ({@code sql/measures/<id>.yaml}) is published in, {@code
 * gold.measures}: described from the script the measure compiler writes for all of them together
 * (so the columns, inputs, codelists and disclosure rule are those built) and annotated from the
 * definitions, each measure listed with its name, text, denominator and numerator. No definitions,
 * no table.
 */
public final class MeasureTables implements TableSource {
  @Override
  public List<TableDoc> tables(DictionarySources sources) {
    if (MeasureFolder.files(sources.sql()).isEmpty()) {
      return List.of(); // no definitions, no table; and the codelist library need not exist then
    }
    Optional<CompiledMeasures> compiled = MeasureFolder.compile(sources.sql(), sources.codelistLibrary());
    String folder = sources.shown(sources.sql().resolve(MeasureFolder.FOLDER)) + "/";
    return compiled.stream()
        .map(measures -> PublishedScript.describe(measures.script(), folder, "measures", columns(), about(measures, folder)))
        .toList();
  }

  private static Map<String, String> about(CompiledMeasures measures, String folder) {
    Map<String, String> about = new LinkedHashMap<>();
    about.put("definitions", folder + "<id>.yaml, one per measure, compiled together by org.carelake.measure (carelake measures list;"
        + " carelake measures compile ID)");
    for (MeasureDefinition definition : measures.definitions()) {
      about.put("measure " + definition.id(), measure(definition, folder));
    }
    return about;
  }

  /** One measure in words: its name and text, then what its denominator and numerator count, over which periods, by what. */
  private static String measure(MeasureDefinition definition, String folder) {
    String denominator = definition.denominator() instanceof Events events
        ? "each event of " + sources(definition, events.sources()) + ", on its date"
        : "people registered with a GP practice on each month's last day (the night, for the current month)";
    List<Criterion> where = definition.denominator().where();
    return definition.name() + ". " + definition.description()
        + " Denominator: " + denominator + (where.isEmpty() ? "" : ", " + criteria(definition, where)) + "."
        + " Numerator: those of them " + criteria(definition, definition.numerator()) + "."
        + " Counts " + (definition.countsPeople() ? "people" : "events") + "; " + definition.interval().months() + " periods of "
        + definition.interval().length() + " month" + (definition.interval().length() == 1 ? "" : "s") + "; by "
        + definition.grouping().stream().map(Grouping::keyword).collect(Collectors.joining(", "))
        + ". Defined in " + folder + definition.id() + ".yaml.";
  }

  private static String criteria(MeasureDefinition definition, List<Criterion> criteria) {
    return criteria.stream().map(criterion -> criterion(definition, criterion)).collect(Collectors.joining("; "));
  }

  /** A criterion on a denominator row, relative to its reference date (the event's date, or the month's last day). */
  private static String criterion(MeasureDefinition definition, Criterion criterion) {
    if (criterion instanceof HasEvent has) {
      return "with an event of " + sources(definition, has.sources()) + " " + days(has.window());
    }
    if (criterion instanceof NoEvent no) {
      return "with no event of " + sources(definition, no.sources()) + " " + days(no.window());
    }
    if (criterion instanceof Age age) {
      return "aged " + age.min().map(min -> age.max().map(max -> min + " to " + max).orElse(min + " or over"))
          .orElseGet(() -> age.max().orElseThrow() + " or under") + " on the reference date";
    }
    if (criterion instanceof Registered) {
      return "registered with a GP practice on the reference date";
    }
    return "meeting the SQL condition " + ((SqlCondition) criterion).expression();
  }

  /** Sources as the definition names them, a codelist alias with the list it stands for. */
  private static String sources(MeasureDefinition definition, List<String> sources) {
    return sources.stream()
        .map(source -> Optional.ofNullable(definition.codelists().get(source)).map(list -> source + " (" + list + ")").orElse(source))
        .collect(Collectors.joining(", "));
  }

  /** A window of days around the reference date, both ends included. */
  private static String days(Window window) {
    if (window.from().isEmpty()) {
      return "on or before " + day(window.to().orElseThrow());
    }
    if (window.to().isEmpty()) {
      return "on or after " + day(window.from().get());
    }
    return "from " + day(window.from().get()) + " to " + day(window.to().get());
  }

  private static String day(int offset) {
    if (offset == 0) {
      return "the reference date";
    }
    int days = Math.abs(offset);
    return days + (days == 1 ? " day " : " days ") + (offset < 0 ? "before" : "after") + " the reference date";
  }

  /** What the definitions say about the columns the compiled SELECT does not describe, by name. */
  private static Map<String, ColumnDoc> columns() {
    Map<String, ColumnDoc> columns = new LinkedHashMap<>();
    for (ColumnDoc column : List.of(
        new ColumnDoc("measure_id", "STRING", Nullable.NO, "the measure's id, also its definition's file name (sql/measures/<id>.yaml)"),
        new ColumnDoc("measure_name", "STRING", Nullable.NO, "the measure's name, from its definition"),
        new ColumnDoc("definition", "STRING", Nullable.NO, "the definition's text: what the numerator and denominator count"),
        new ColumnDoc("period_start", "DATE", Nullable.NO, "first day of the period (a month, or the first month of a rolling period)"),
        new ColumnDoc("period_end", "DATE", Nullable.NO, "last day of the period's last month"),
        new ColumnDoc("borough_code", "STRING", Nullable.NO,
            "ONS code of the borough of the person's registered practice (else of the record); 'unknown' when neither is known"),
        new ColumnDoc("age_band", "STRING", Nullable.NO,
            "age band on the reference date (0-4, 5-17, 18-34, 35-49, 50-64, 65-79, 80+, Unknown); 'all' where the measure is not"
                + " grouped by age band"),
        new ColumnDoc("sex", "STRING", Nullable.NO,
            "M, F, I (indeterminate) or U (unknown); 'all' where the measure is not grouped by sex"),
        new ColumnDoc("deprivation_quintile", "STRING", Nullable.NO,
            "IMD quintile of the LSOA of residence (1 = most deprived), or 'unknown'; 'all' where the measure is not grouped by it"))) {
      columns.put(column.name(), column);
    }
    return columns;
  }
}
