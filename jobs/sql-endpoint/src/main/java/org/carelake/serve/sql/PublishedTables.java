package org.carelake.serve.sql;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;
import org.carelake.lake.Lake;
import org.carelake.lake.TableRef;
import org.carelake.lake.Zone;

/**
 * The tables the endpoint names in its catalog: every Delta table of the published zone ({@code gold})
 * and the reference zone, as {@code <zone>.<table>}, registered over its folder (nothing is copied).
 * Which of them a project may read is the access policy's decision, made per query by {@link
 * QueryGuard}; silver, restricted and ops tables are never registered. A path maps back to its table
 * with {@link #at}, so a direct read of any folder of the lake is named in the refusal.
 */
final class PublishedTables {
  static final List<Zone> SERVED = List.of(Zone.GOLD, Zone.REFERENCE);

  private final String root;
  private final Map<String, TableRef> byPath;

  PublishedTables(String root, Map<String, TableRef> byPath) {
    this.root = normalise(root);
    this.byPath = Map.copyOf(byPath);
  }

  /** Finds the served zones' Delta tables and registers each in the session catalog (shared by every session). */
  static PublishedTables register(SparkSession spark, Lake lake) {
    Map<String, TableRef> found = new TreeMap<>();
    for (Zone zone : SERVED) {
      List<TableRef> tables = deltaTables(spark, lake, zone);
      if (tables.isEmpty()) {
        continue;
      }
      spark.sql("CREATE DATABASE IF NOT EXISTS " + zone.folder() + " LOCATION '" + quoted(lake.root() + "/" + zone.folder()) + "'");
      for (TableRef table : tables) {
        spark.sql("CREATE TABLE IF NOT EXISTS " + table.qualifiedName() + " USING delta LOCATION '" + quoted(table.path()) + "'");
        found.put(normalise(table.path()), table);
      }
    }
    return new PublishedTables(normalise(lake.root()), found);
  }

  private static List<TableRef> deltaTables(SparkSession spark, Lake lake, Zone zone) {
    Path folder = new Path(lake.root() + "/" + zone.folder());
    List<TableRef> tables = new ArrayList<>();
    try {
      FileSystem fs = folder.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(folder)) {
        return tables;
      }
      for (FileStatus status : fs.listStatus(folder)) {
        String name = status.getPath().getName();
        if (status.isDirectory() && name.matches("[a-z][a-z0-9_]*") && fs.exists(new Path(status.getPath(), "_delta_log"))) {
          tables.add(lake.table(zone, name));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return tables;
  }

  /** Every registered table, by qualified name. */
  List<String> names() {
    return byPath.values().stream().map(TableRef::qualifiedName).sorted().toList();
  }

  /**
   * The lake table at this path, whether registered or not ({@code <root>/<zone>/<table>}), so the
   * policy can decide on it and a refusal can name it; empty for a path outside the lake's tables.
   */
  Optional<TableRef> at(Path path) {
    String normalised = normalise(path.toString());
    TableRef known = byPath.get(normalised);
    if (known != null) {
      return Optional.of(known);
    }
    if (!normalised.startsWith(root + "/")) {
      return Optional.empty();
    }
    String[] parts = normalised.substring(root.length() + 1).split("/");
    if (parts.length != 2 || !parts[1].matches("[a-z][a-z0-9_]*")) {
      return Optional.empty();
    }
    for (Zone zone : Zone.values()) {
      if (zone.folder().equals(parts[0])) {
        return Optional.of(new TableRef(zone, parts[1], normalised));
      }
    }
    return Optional.empty();
  }

  /** A path without its scheme's "file:" and trailing slashes, so a table's folder compares equal however it was written. */
  static String normalise(String path) {
    String p = path;
    if (p.startsWith("file:")) {
      p = p.substring("file:".length());
      while (p.startsWith("//")) {
        p = p.substring(1);
      }
    }
    while (p.length() > 1 && p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p;
  }

  private static String quoted(String text) {
    return text.replace("\\", "\\\\").replace("'", "\\'");
  }
}
