package org.carelake.dictionary;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything the dictionary says about one table, whichever kind of definition it came from (a
 * silver DDL file, a gold SQL file, a cohort definition, an internal DDL file).
 *
 * @param name qualified as readers query it: {@code silver.person}, {@code gold.cohort_asthma__<project>}
 * @param zone {@code silver}, {@code gold}, {@code restricted}, {@code ops}
 * @param kind what defines it, in words: "silver table", "cohort", "attrition table"
 * @param definedIn the file it is defined in, relative to the repository root
 * @param inputs tables it is built from, qualified (linked when the dictionary knows them)
 * @param feeds the source feeds (contract ids) whose rows fill it: silver tables only
 * @param codelists codelist references ({@code asthma-snomed@1} or an older {@code snomed/x@1})
 * @param disclosure the disclosure rule in words, one line per part; empty for unpublished tables
 * @param details further declared facts, by label, in order (layout, study period, criteria …)
 */
public record TableDoc(
    String name,
    String zone,
    String kind,
    String definedIn,
    String purpose,
    String grain,
    List<String> keys,
    List<ColumnDoc> columns,
    List<String> inputs,
    List<String> feeds,
    List<String> codelists,
    List<String> disclosure,
    Map<String, String> details) {

  public TableDoc {
    requireNonNull(name, "name is null");
    requireNonNull(zone, "zone is null");
    requireNonNull(kind, "kind is null");
    requireNonNull(definedIn, "definedIn is null");
    requireNonNull(purpose, "purpose is null");
    requireNonNull(grain, "grain is null");
    keys = List.copyOf(keys);
    columns = List.copyOf(columns);
    inputs = List.copyOf(inputs);
    feeds = List.copyOf(feeds);
    codelists = List.copyOf(codelists);
    disclosure = List.copyOf(disclosure);
    details = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(details));
  }

  /** Silver and gold are what researchers and commissioners may be given; restricted and ops are not. */
  public boolean published() {
    return zone.equals("silver") || zone.equals("gold");
  }

  public Optional<ColumnDoc> column(String columnName) {
    return columns.stream().filter(column -> column.name().equals(columnName)).findFirst();
  }
}
