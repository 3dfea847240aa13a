package org.carelake.lake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.carelake.error.CareLakeErrors;
import org.carelake.transform.SqlScript;

/**
 * The DDL files of a zone ({@code sql/ddl/<zone>/<table>.sql}), each creating one table at its
 * lake path. A file's header names the table and its keys.
 */
public final class TableDefinitions {
  private final Map<String, SqlScript> byName = new TreeMap<>();
  private final Zone zone;

  public TableDefinitions(Path sqlDir, Zone zone) {
    this.zone = zone;
    Path folder = sqlDir.resolve("ddl").resolve(zone.folder());
    if (!Files.isDirectory(folder)) {
      throw CareLakeErrors.missingInput("DDL folder for zone " + zone.folder(), folder);
    }
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".sql")).sorted().toList()) {
        SqlScript script = SqlScript.load(file);
        String qualified = script.require("table");
        String expected = zone.folder() + "." + file.getFileName().toString().replace(".sql", "");
        if (!qualified.equals(expected)) {
          throw CareLakeErrors.configuration(file + " declares table " + qualified + " but its file name says " + expected);
        }
        script.require("keys");
        byName.put(qualified.substring(zone.folder().length() + 1), script);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public boolean has(String table) {
    return byName.containsKey(table);
  }

  public SqlScript script(String table) {
    SqlScript script = byName.get(table);
    if (script == null) {
      throw CareLakeErrors.configuration(
          "no DDL for " + zone.folder() + "." + table + "; add sql/ddl/" + zone.folder() + "/" + table + ".sql");
    }
    return script;
  }

  public List<String> keys(String table) {
    return script(table).list("keys");
  }

  public java.util.Optional<String> latestBy(String table) {
    return script(table).get("latest-by");
  }

  /** The columns that identify one real-world event ({@code -- same-event:}), if the table declares them. */
  public List<String> sameEvent(String table) {
    return script(table).get("same-event").isPresent() ? script(table).list("same-event") : List.of();
  }

  public java.util.Set<String> tables() {
    return byName.keySet();
  }

  /**
   * Creates the table at its lake path if it does not exist yet. A table that exists is left as
   * it is without running the DDL: {@code CREATE TABLE IF NOT EXISTS} would load the table's Delta
   * state to find out, on every night for every table; listing its log is enough.
   */
  public void create(SparkSession spark, TableRef table) {
    DeltaIo io = new DeltaIo(spark);
    if (io.exists(table)) {
      return;
    }
    // A run killed while creating the table may have left a log folder without a commit.
    io.removeUncommittedLog(table);
    String statement = script(table.name()).statement().replace("${table}", table.sqlIdentifier());
    // Two runs (boroughs' ingest tasks) may create a table at the same moment; the second finds it made.
    DeltaIo.retryingConflicts(table, () -> spark.sql(statement));
  }
}
