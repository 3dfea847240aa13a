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
 * Appends access records to {@code ops.audit}. Appends only: the table carries Delta's
 * {@code delta.appendOnly} property (set here on a table created before it was declared), so Delta
 * itself refuses an UPDATE, DELETE, MERGE or overwrite from any code path. Records carry no
 * identifier values. Reading the audit trail goes through {@link GovernedAccess}, where only the
 * IG auditor role may.
 */
public final class AuditLog {
  static final String APPEND_ONLY = "delta.appendOnly";

  private final DeltaIo io;
  private final TableRef table;

  public AuditLog(DeltaIo io, Lake lake, Path sqlDir) {
    this.io = requireNonNull(io, "io is null");
    this.table = lake.table(Zone.OPS, "audit");
    new TableDefinitions(sqlDir, Zone.OPS).create(io.spark(), table);
    ensureAppendOnly();
  }

  private void ensureAppendOnly() {
    Row detail = io.delta(table).detail().select("properties").head();
    java.util.Map<String, String> properties = detail.getJavaMap(0);
    if (!"true".equals(properties.get(APPEND_ONLY))) {
      DeltaIo.retryingConflicts(table,
          () -> io.spark().sql("ALTER TABLE " + table.sqlIdentifier() + " SET TBLPROPERTIES ('" + APPEND_ONLY + "' = 'true')"));
    }
  }

  public void append(AuditEntry entry, Instant at) {
    append(List.of(new Stamped(entry, at)));
  }

  /** An access and when it happened, for a server that writes several in one commit. */
  public record Stamped(AuditEntry entry, Instant at) {}

  /** Appends these records in one commit (a busy server's queue, written in order). */
  public void append(List<Stamped> entries) {
    if (entries.isEmpty()) {
      return;
    }
    List<Row> rows = entries.stream().map(stamped -> {
      AuditEntry entry = stamped.entry();
      return RowFactory.create(UUID.randomUUID().toString(), stamped.at(), entry.actor(), entry.role(), entry.project(),
          entry.purpose(), entry.action(), entry.target(), entry.outcome(), entry.rowsReturned(), entry.identifiersShown());
    }).toList();
    Dataset<Row> batch = io.spark().createDataFrame(rows, io.read(table).schema());
    io.append(batch, table, List.of(), "audit " + entries.get(0).entry().action());
  }

  public TableRef table() {
    return table;
  }
}
