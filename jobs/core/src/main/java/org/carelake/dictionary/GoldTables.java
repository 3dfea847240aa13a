package org.carelake.dictionary;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.carelake.transform.SqlScript;

/** The published tables of {@code sql/gold/}: one SQL file each, its header read as data. */
public final class GoldTables implements TableSource {
  @Override
  public List<TableDoc> tables(DictionarySources sources) {
    return sources.sqlFiles("gold").stream()
        .map(file -> describe(sources, file))
        .toList();
  }

  private static TableDoc describe(DictionarySources sources, Path file) {
    return PublishedScript.describe(SqlScript.load(file), sources.shown(file), "gold table", Map.of(), Map.of());
  }
}
