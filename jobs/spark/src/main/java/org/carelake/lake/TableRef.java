package org.carelake.lake;

import static java.util.Objects.requireNonNull;

/** A Delta table at a path: its zone, its name and where it lives. */
public record TableRef(Zone zone, String name, String path) {
  public TableRef {
    requireNonNull(zone, "zone is null");
    requireNonNull(name, "name is null");
    requireNonNull(path, "path is null");
    if (!name.matches("[a-z][a-z0-9_]*")) {
      throw new IllegalArgumentException("table names are lower snake_case: " + name);
    }
  }

  /** Zone-qualified name used in logs and reports, e.g. {@code silver.gp_event}. */
  public String qualifiedName() {
    return zone.folder() + "." + name;
  }

  /** The SQL identifier of this table, {@code delta.`path`}. */
  public String sqlIdentifier() {
    return "delta.`" + path.replace("`", "``") + "`";
  }

  @Override
  public String toString() {
    return qualifiedName();
  }
}
