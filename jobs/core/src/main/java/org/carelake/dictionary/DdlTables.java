package org.carelake.dictionary;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.carelake.dictionary.ColumnDoc.Nullable;
import org.carelake.error.CareLakeErrors;
import org.carelake.transform.SqlScript;

/**
 * The tables of one zone's DDL folder ({@code sql/ddl/<zone>/<table>.sql}): header (purpose,
 * grain, keys, layout …), and every column with its type, {@code NOT NULL} and {@code COMMENT}. For
 * the silver zone, the feeds that fill each table come from the silver mappings' {@code target}
 * (for a register of {@code sql/gold/registers}, the feeds of its input).
 */
public record DdlTables(String zone) implements TableSource {
  private static final List<String> SHOWN = List.of("table", "purpose", "grain", "keys");

  public DdlTables {
    requireNonNull(zone, "zone is null");
  }

  @Override
  public List<TableDoc> tables(DictionarySources sources) {
    Map<String, List<String>> feedsByTarget = feedsByTarget(sources);
    List<TableDoc> tables = new ArrayList<>();
    for (Path file : sources.sqlFiles("ddl/" + zone)) {
      SqlScript script = SqlScript.load(file);
      String name = script.require("table");
      if (!name.equals(zone + "." + file.getFileName().toString().replace(".sql", ""))) {
        throw CareLakeErrors.configuration(file + " declares table " + name + " but its file name and folder say "
            + zone + "." + file.getFileName().toString().replace(".sql", ""));
      }
      List<ColumnDoc> columns = new ArrayList<>();
      for (DdlColumns.Declared column : DdlColumns.of(script.statement(), sources.shown(file))) {
        String meaning = column.comment();
        if (!column.generated().isEmpty()) {
          meaning = meaning + (meaning.isEmpty() ? "" : " ") + "(generated: " + column.generated() + ")";
        }
        columns.add(new ColumnDoc(column.name(), column.type(), column.notNull() ? Nullable.NO : Nullable.YES, meaning));
      }
      Map<String, String> details = new LinkedHashMap<>();
      script.header().entrySet().stream()
          .filter(entry -> !SHOWN.contains(entry.getKey()))
          .sorted(Map.Entry.comparingByKey())
          .forEach(entry -> details.put(entry.getKey().equals("inputs") ? "built from" : entry.getKey(), entry.getValue()));
      tables.add(new TableDoc(name, zone, zone + " table", sources.shown(file), script.get("purpose").orElse(""),
          script.get("grain").orElse(""), script.list("keys"), columns, List.of(), feedsByTarget.getOrDefault(name, List.of()),
          List.of(), List.of(), details));
    }
    return tables;
  }

  /** Silver mapping files ({@code sql/silver/<feed>.sql}) by the table they fill. */
  private Map<String, List<String>> feedsByTarget(DictionarySources sources) {
    Map<String, List<String>> feeds = new LinkedHashMap<>();
    if (!zone.equals("silver")) {
      return feeds;
    }
    for (Path file : sources.sqlFiles("silver")) {
      SqlScript mapping = SqlScript.load(file);
      feeds.computeIfAbsent(mapping.require("target"), target -> new ArrayList<>()).add(mapping.require("feed"));
    }
    // A register (sql/gold/registers) is filled from its silver input, so by that input's feeds.
    for (Path file : sources.sqlFiles("gold/registers")) {
      SqlScript register = SqlScript.load(file);
      List<String> fed = new ArrayList<>();
      register.list("inputs").forEach(input -> fed.addAll(feeds.getOrDefault(input, List.of())));
      feeds.put(register.require("table"), fed);
    }
    return feeds;
  }
}
