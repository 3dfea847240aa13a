package org.carelake.serve.lake;

import static java.util.Objects.requireNonNull;

import io.delta.kernel.DataWriteContext;
import io.delta.kernel.Operation;
import io.delta.kernel.Table;
import io.delta.kernel.Transaction;
import io.delta.kernel.TransactionBuilder;
import io.delta.kernel.TransactionCommitResult;
import io.delta.kernel.hook.PostCommitHook;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.defaults.internal.data.DefaultColumnarBatch;
import io.delta.kernel.defaults.internal.data.vector.DefaultGenericVector;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.exceptions.TableNotFoundException;
import io.delta.kernel.expressions.Literal;
import io.delta.kernel.internal.util.Utils;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DateType;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampType;
import io.delta.kernel.utils.CloseableIterable;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.DataFileStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Appends rows to a Delta table with Kernel's transaction API: one Parquet file and one commit per
 * call, creating the table (with the given properties) when it is not there. The audit trail uses
 * it, batching requests so they do not each pay a commit; tests use it to write fixture tables
 * without Spark. Values are Java objects: String, Long, Integer, Double, Boolean, LocalDate, Instant.
 */
public final class DeltaAppend {
  private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(DeltaAppend.class.getName());
  private final Engine engine;
  private final String engineInfo;

  public DeltaAppend(Engine engine, String engineInfo) {
    this.engine = requireNonNull(engine, "engine is null");
    this.engineInfo = requireNonNull(engineInfo, "engineInfo is null");
  }

  /** Appends {@code rows} (each in {@code schema}'s column order); returns the committed version. */
  public long append(String location, StructType schema, Map<String, String> createProperties, List<Object[]> rows) {
    Table table = Table.forPath(engine, location);
    boolean exists = exists(table);
    TransactionBuilder builder = table.createTransactionBuilder(engine, engineInfo, exists ? Operation.WRITE : Operation.CREATE_TABLE);
    if (!exists) {
      builder = builder.withSchema(engine, schema).withTableProperties(engine, createProperties);
    }
    Transaction transaction = builder.withMaxRetries(10).build(engine);
    StructType tableSchema = transaction.getSchema(engine);
    Row state = transaction.getTransactionState(engine);
    try {
      List<Row> actions = new ArrayList<>();
      if (!rows.isEmpty()) {
        FilteredColumnarBatch batch = new FilteredColumnarBatch(batch(tableSchema, schema, rows), Optional.empty());
        CloseableIterator<FilteredColumnarBatch> physical =
            Transaction.transformLogicalData(engine, state, Utils.singletonCloseableIterator(batch), Map.<String, Literal>of());
        DataWriteContext context = Transaction.getWriteContext(engine, state, Map.of());
        CloseableIterator<DataFileStatus> written =
            engine.getParquetHandler().writeParquetFiles(context.getTargetDirectory(), physical, context.getStatisticsColumns());
        try (CloseableIterator<Row> append = Transaction.generateAppendActions(engine, state, written, context)) {
          append.forEachRemaining(actions::add);
        }
      }
      TransactionCommitResult result =
          transaction.commit(engine, CloseableIterable.inMemoryIterable(Utils.toCloseableIterator(actions.iterator())));
      runPostCommitHooks(location, result);
      return result.getVersion();
    } catch (IOException e) {
      throw new UncheckedIOException("appending to " + location, e);
    }
  }

  /**
   * Kernel leaves its post-commit work to the caller: above all a checkpoint every
   * delta.checkpointInterval commits, without which every later reader (and the next append)
   * replays an ever longer log. A failed hook does not undo the commit; it is logged by category.
   */
  private void runPostCommitHooks(String location, TransactionCommitResult result) {
    for (PostCommitHook hook : result.getPostCommitHooks()) {
      try {
        hook.threadSafeInvoke(engine);
      } catch (IOException | RuntimeException e) {
        LOG.warning("post-commit " + hook.getType() + " of version " + result.getVersion() + " failed (" + e.getClass().getSimpleName() + ")");
      }
    }
  }

  private boolean exists(Table table) {
    try {
      table.getLatestSnapshot(engine);
      return true;
    } catch (TableNotFoundException e) {
      return false;
    }
  }

  /** The rows as a columnar batch in the table's column order (a column the caller does not give is null). */
  private static DefaultColumnarBatch batch(StructType tableSchema, StructType given, List<Object[]> rows) {
    ColumnVector[] vectors = new ColumnVector[tableSchema.length()];
    for (int c = 0; c < tableSchema.length(); c++) {
      DataType type = tableSchema.at(c).getDataType();
      int from = given.indexOf(tableSchema.at(c).getName());
      List<Object> values = new ArrayList<>(rows.size());
      for (Object[] row : rows) {
        values.add(from < 0 ? null : physical(type, row[from]));
      }
      vectors[c] = DefaultGenericVector.fromList(type, values);
    }
    return new DefaultColumnarBatch(rows.size(), tableSchema, vectors);
  }

  private static Object physical(DataType type, Object value) {
    if (value == null) {
      return null;
    }
    if (type instanceof DateType && value instanceof LocalDate date) {
      return (int) date.toEpochDay();
    }
    if (type instanceof TimestampType && value instanceof Instant instant) {
      return ChronoUnit.MICROS.between(Instant.EPOCH, instant);
    }
    return value;
  }
}
