package org.carelake.audit;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.carelake.lake.DeltaIo;
import org.carelake.lake.Lake;
import org.carelake.lake.TableDefinitions;
import org.carelake.lake.TableRef;
import org.carelake.lake.Zone;

/**
 * Appends access records to {@code ops.audit}. Appends only: nothing in CareLake updates or
 * deletes an audit row. Records carry no identifier values.
 */
public final class AuditLog {
  /** One access: who, in what role and project, why, what, how it ended and how many rows it returned. */
  public record Entry(
      String actor, String role, String project, String purpose, String action, String target, String outcome,
      long rowsReturned, boolean identifiersShown) {
    public Entry {
      requireNonNull(actor, "actor is null");
      requireNonNull(role, "role is null");
      requireNonNull(purpose, "purpose is null");
      requireNonNull(action, "action is null");
      requireNonNull(target, "target is null");
      requireNonNull(outcome, "outcome is null");
    }
  }

  private final DeltaIo io;
  private final TableRef table;

  public AuditLog(DeltaIo io, Lake lake, Path sqlDir) {
    this.io = requireNonNull(io, "io is null");
    this.table = lake.table(Zone.OPS, "audit");
    new TableDefinitions(sqlDir, Zone.OPS).create(io.spark(), table);
  }

  public void append(Entry entry, Instant at) {
    Row row = RowFactory.create(UUID.randomUUID().toString(), at, entry.actor(), entry.role(), entry.project(),
        entry.purpose(), entry.action(), entry.target(), entry.outcome(), entry.rowsReturned(), entry.identifiersShown());
    Dataset<Row> batch = io.spark().createDataFrame(List.of(row), io.read(table).schema());
    io.append(batch, table, List.of(), "audit " + entry.action());
  }

  public TableRef table() {
    return table;
  }
}
