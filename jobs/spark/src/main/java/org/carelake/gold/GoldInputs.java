package org.carelake.gold;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.carelake.governance.OptOuts;
import org.carelake.lake.DeltaIo;
import org.carelake.lake.TableRef;

/**
 * The gold stage's inputs, each read once per stage: a silver or reference table at its pinned
 * version with the night's opt-outs applied ({@link OptOuts}).
 *
 * <p>Spark computes a SQL common table expression once per reference, so a script that reads its
 * activity in three CTEs scans the silver tables three times, and every table and cohort of the
 * night scans them again. An input smaller than {@link #CACHE_BELOW_BYTES} on disk is therefore
 * kept in Spark's cache for the stage (filled by the first query that reads it): every later
 * reference reads memory instead of the Delta log, the Parquet files and the opt-out join. A larger
 * input is read from the lake each time, where the cost of a scan is in its rows, not its overhead.
 * The cache is released when the stage ends.
 */
final class GoldInputs implements AutoCloseable {
  /** Inputs below this size on disk (compressed Parquet, per the Delta log) are cached for the stage. */
  static final long CACHE_BELOW_BYTES = 64L * 1024 * 1024;

  private final DeltaIo io;
  private final OptOuts optOuts;
  private final Map<String, Dataset<Row>> read = new HashMap<>();
  private final List<Dataset<Row>> cached = new ArrayList<>();

  GoldInputs(DeltaIo io, OptOuts optOuts) {
    this.io = io;
    this.optOuts = optOuts;
  }

  /** The table at the version with the opt-outs applied; the same Dataset for every caller in the stage. */
  Dataset<Row> at(TableRef table, long version) {
    return read.computeIfAbsent(table.qualifiedName() + "@" + version, key -> {
      Dataset<Row> rows = io.readAt(table, version);
      // The Delta scan's statistics are the snapshot's file sizes: no Spark job.
      long bytes = rows.queryExecution().optimizedPlan().stats().sizeInBytes().longValue();
      Dataset<Row> kept = optOuts.apply(table, rows);
      if (bytes < CACHE_BELOW_BYTES) {
        kept = kept.persist(StorageLevel.MEMORY_AND_DISK());
        cached.add(kept);
      }
      return kept;
    });
  }

  @Override
  public void close() {
    cached.forEach(Dataset::unpersist);
    cached.clear();
    read.clear();
  }
}
