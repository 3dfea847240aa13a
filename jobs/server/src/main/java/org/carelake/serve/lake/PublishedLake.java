package org.carelake.serve.lake;

import static java.util.Objects.requireNonNull;

import io.delta.kernel.Scan;
import io.delta.kernel.Snapshot;
import io.delta.kernel.Table;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.engine.FileReadResult;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.data.ScanStateRow;
import io.delta.kernel.internal.util.Utils;
import io.delta.kernel.types.BooleanType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DateType;
import io.delta.kernel.types.DoubleType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampNTZType;
import io.delta.kernel.types.TimestampType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Reads the published zone with Delta Kernel (no Spark). Each table's latest version is looked up
 * at most once per {@code recheck} interval; rows are decoded once per table version and then served
 * from memory, so a night's new version is picked up without a restart and requests between nights
 * never touch the disk. Logs carry table names, versions and counts only.
 */
public final class PublishedLake {
  private static final Logger LOG = Logger.getLogger(PublishedLake.class.getName());

  private record Cached(TableSnapshot snapshot, Instant checkedAt) {}

  private final Path root;
  private final Engine engine;
  private final Duration recheck;
  private final Clock clock;
  private final ConcurrentHashMap<PublishedTable, Cached> cache = new ConcurrentHashMap<>();

  public PublishedLake(Path root, Engine engine, Duration recheck, Clock clock) {
    this.root = requireNonNull(root, "root is null").toAbsolutePath().normalize();
    this.engine = requireNonNull(engine, "engine is null");
    this.recheck = requireNonNull(recheck, "recheck is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  public Path root() {
    return root;
  }

  /** Where a table lives: {@code <lake>/<zone>/<table>}, as the Spark side's Lake lays it out. */
  public String location(PublishedTable table) {
    return root.resolve(table.zone()).resolve(table.table()).toString();
  }

  /**
   * The table's rows at the latest version known. The first read of a table loads it on the caller's
   * thread; after that a request never waits for the Delta log: when the cached version is older
   * than {@code recheck}, a background thread looks for a newer version (and decodes it), and
   * requests keep being served the cached rows until it is ready. An absent table reads as empty,
   * version -1.
   */
  public TableSnapshot read(PublishedTable table) {
    Cached cached = cache.get(table);
    if (cached == null) {
      synchronized (lockFor(table)) {
        cached = cache.get(table);
        if (cached == null) {
          cached = new Cached(load(table, null), clock.instant());
          cache.put(table, cached);
        }
      }
      return cached.snapshot();
    }
    if (!clock.instant().isBefore(cached.checkedAt().plus(recheck)) && refreshing.add(table)) {
      refresher.execute(() -> {
        try {
          Cached current = cache.get(table);
          cache.put(table, new Cached(load(table, current.snapshot()), clock.instant()));
        } catch (RuntimeException e) {
          LOG.warning("could not look for a new version of " + table.qualifiedName() + " (" + e.getClass().getSimpleName()
              + "); serving version " + cache.get(table).snapshot().version());
        } finally {
          refreshing.remove(table);
        }
      });
    }
    return cached.snapshot();
  }

  /** The latest version's rows, reusing {@code known}'s when the version has not changed. */
  private TableSnapshot load(PublishedTable table, TableSnapshot known) {
    Optional<Snapshot> latest = latest(table);
    if (latest.isEmpty()) {
      return TableSnapshot.absent(table);
    }
    if (known != null && known.version() == latest.get().getVersion()) {
      return known;
    }
    long started = System.nanoTime();
    TableSnapshot decoded = decode(table, latest.get());
    LOG.info(() -> "read " + table.qualifiedName() + " version " + decoded.version() + ": " + decoded.rows().size() + " rows in "
        + (System.nanoTime() - started) / 1_000_000 + " ms");
    return decoded;
  }

  private final java.util.Set<PublishedTable> refreshing = ConcurrentHashMap.newKeySet();
  private final java.util.concurrent.ExecutorService refresher = java.util.concurrent.Executors.newSingleThreadExecutor(runnable -> {
    Thread thread = new Thread(runnable, "published-lake-refresh");
    thread.setDaemon(true);
    return thread;
  });
  private final ConcurrentHashMap<PublishedTable, Object> locks = new ConcurrentHashMap<>();

  private Object lockFor(PublishedTable table) {
    return locks.computeIfAbsent(table, t -> new Object());
  }

  private Optional<Snapshot> latest(PublishedTable table) {
    return TableFiles.latest(engine, location(table));
  }

  /**
   * Every row of the Delta table at {@code location} (latest version) as column-to-value maps; for
   * the audit trail's own checks and tests, not for serving (pages read only {@link PublishedTable}s).
   */
  public static List<java.util.Map<String, Object>> readAll(Engine engine, String location) {
    Snapshot snapshot = Table.forPath(engine, location).getLatestSnapshot(engine);
    List<String> columns = snapshot.getSchema().fieldNames();
    List<java.util.Map<String, Object>> out = new ArrayList<>();
    for (Object[] row : decodeRows(engine, snapshot, location)) {
      java.util.Map<String, Object> map = new java.util.LinkedHashMap<>();
      for (int i = 0; i < columns.size(); i++) {
        map.put(columns.get(i), row[i]);
      }
      out.add(map);
    }
    return out;
  }

  private TableSnapshot decode(PublishedTable table, Snapshot snapshot) {
    List<Object[]> rows = decodeRows(engine, snapshot, table.qualifiedName());
    return new TableSnapshot(table, snapshot.getVersion(), Instant.ofEpochMilli(snapshot.getTimestamp(engine)),
        snapshot.getSchema().fieldNames(), rows);
  }

  private static List<Object[]> decodeRows(Engine engine, Snapshot snapshot, String name) {
    StructType schema = snapshot.getSchema();
    List<Object[]> rows = new ArrayList<>();
    Scan scan = snapshot.getScanBuilder().build();
    Row scanState = scan.getScanState(engine);
    StructType physical = ScanStateRow.getPhysicalDataReadSchema(scanState);
    try (CloseableIterator<FilteredColumnarBatch> files = scan.getScanFiles(engine)) {
      while (files.hasNext()) {
        try (CloseableIterator<Row> fileRows = files.next().getRows()) {
          while (fileRows.hasNext()) {
            Row fileRow = fileRows.next();
            FileStatus status = InternalScanFileUtils.getAddFileStatus(fileRow);
            CloseableIterator<ColumnarBatch> data = engine.getParquetHandler()
                .readParquetFiles(Utils.singletonCloseableIterator(status), physical, Optional.empty())
                .map(FileReadResult::getData);
            try (CloseableIterator<FilteredColumnarBatch> logical = Scan.transformPhysicalData(engine, scanState, fileRow, data)) {
              while (logical.hasNext()) {
                collect(logical.next(), schema, rows);
              }
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("reading " + name + " version " + snapshot.getVersion(), e);
    }
    return rows;
  }

  private static void collect(FilteredColumnarBatch batch, StructType schema, List<Object[]> rows) {
    ColumnarBatch data = batch.getData();
    Optional<ColumnVector> selection = batch.getSelectionVector();
    int width = schema.length();
    for (int r = 0; r < data.getSize(); r++) {
      if (selection.isPresent() && (selection.get().isNullAt(r) || !selection.get().getBoolean(r))) {
        continue;
      }
      Object[] row = new Object[width];
      for (int c = 0; c < width; c++) {
        row[c] = value(data.getColumnVector(c), schema.at(c).getDataType(), r);
      }
      rows.add(row);
    }
  }

  private static Object value(ColumnVector vector, DataType type, int row) {
    if (vector.isNullAt(row)) {
      return null;
    }
    if (type instanceof StringType) {
      return vector.getString(row);
    } else if (type instanceof LongType) {
      return vector.getLong(row);
    } else if (type instanceof IntegerType) {
      return (long) vector.getInt(row);
    } else if (type instanceof DoubleType) {
      return vector.getDouble(row);
    } else if (type instanceof BooleanType) {
      return vector.getBoolean(row);
    } else if (type instanceof DateType) {
      return LocalDate.ofEpochDay(vector.getInt(row));
    } else if (type instanceof TimestampType || type instanceof TimestampNTZType) {
      long micros = vector.getLong(row);
      return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }
    // Maps, arrays and other types are not shown by any page.
    return null;
  }
}
