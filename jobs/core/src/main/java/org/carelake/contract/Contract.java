package org.carelake.contract;

import static java.util.Objects.requireNonNull;

import java.nio.charset.Charset;
import java.util.List;
import java.util.Optional;

/**
 * A feed's data contract, read from its ODCS v3 YAML file. It drives validation, the lake schema
 * (never inferred), the silver mapping and documentation. {@code text} is the file as written, so
 * Spark executors can rebuild the contract without Java serialisation.
 */
public record Contract(
    String id,
    String version,
    String name,
    String source,
    String silverTarget,
    char delimiter,
    String encoding,
    List<Column> columns,
    String origin,
    String text) {

  public Contract {
    requireNonNull(id, "id is null");
    requireNonNull(version, "version is null");
    requireNonNull(name, "name is null");
    requireNonNull(source, "source is null");
    requireNonNull(silverTarget, "silverTarget is null");
    requireNonNull(encoding, "encoding is null");
    requireNonNull(origin, "origin is null");
    requireNonNull(text, "text is null");
    Charset.forName(encoding);
    columns = List.copyOf(columns);
  }

  public Charset charset() {
    return Charset.forName(encoding);
  }

  public List<String> physicalHeader() {
    return columns.stream().map(Column::physicalName).toList();
  }

  public List<Column> primaryKey() {
    return columns.stream().filter(Column::primaryKey).toList();
  }

  public Optional<Column> column(String name) {
    return columns.stream().filter(column -> column.name().equals(name)).findFirst();
  }

  public int indexOf(String name) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /** The major version, used in table names so a breaking change gets a new table. */
  public int majorVersion() {
    return Integer.parseInt(version.split("\\.", 2)[0]);
  }
}
