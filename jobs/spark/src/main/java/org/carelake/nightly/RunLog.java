package org.carelake.nightly;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.carelake.lake.DeltaIo;
import org.carelake.lake.TableRef;

/**
 * The run table ({@code ops.runs}): one row per run or recorded failure, append-only, for the audit
 * trail and the status command. Holds counts, stages and one-line messages; no patient values.
 */
public final class RunLog {
  static final StructType SCHEMA =
      DataTypes.createStructType(
          List.of(
              DataTypes.createStructField("run_id", DataTypes.StringType, false),
              DataTypes.createStructField("night", DataTypes.DateType, false),
              DataTypes.createStructField("stages", DataTypes.StringType, false),
              DataTypes.createStructField("scope", DataTypes.StringType, true),
              DataTypes.createStructField("outcome", DataTypes.StringType, false),
              DataTypes.createStructField("message", DataTypes.StringType, true),
              DataTypes.createStructField("rows_read", DataTypes.LongType, true),
              DataTypes.createStructField("rows_loaded", DataTypes.LongType, true),
              DataTypes.createStructField("rows_quarantined", DataTypes.LongType, true),
              DataTypes.createStructField("files_rejected", DataTypes.LongType, true),
              DataTypes.createStructField("code_version", DataTypes.StringType, false),
              DataTypes.createStructField("key_fingerprint", DataTypes.StringType, true),
              DataTypes.createStructField("started_at", DataTypes.TimestampType, false),
              DataTypes.createStructField("finished_at", DataTypes.TimestampType, false),
              DataTypes.createStructField("key_id", DataTypes.StringType, true),
              DataTypes.createStructField("key_version", DataTypes.IntegerType, true)));

  private final DeltaIo io;
  private final TableRef table;

  public RunLog(DeltaIo io, TableRef table) {
    this.io = requireNonNull(io, "io is null");
    this.table = requireNonNull(table, "table is null");
  }

  /** One row of the run table. */
  public record Entry(
      String runId,
      LocalDate night,
      String stages,
      String scope,
      String outcome,
      String message,
      Long rowsRead,
      Long rowsLoaded,
      Long rowsQuarantined,
      Long filesRejected,
      String codeVersion,
      String keyFingerprint,
      Instant startedAt,
      Instant finishedAt,
      String keyId,
      Integer keyVersion) {
    /** An entry without a key (a recorded task failure). */
    public Entry(String runId, LocalDate night, String stages, String scope, String outcome, String message, Long rowsRead,
        Long rowsLoaded, Long rowsQuarantined, Long filesRejected, String codeVersion, String keyFingerprint, Instant startedAt,
        Instant finishedAt) {
      this(runId, night, stages, scope, outcome, message, rowsRead, rowsLoaded, rowsQuarantined, filesRejected, codeVersion,
          keyFingerprint, startedAt, finishedAt, null, null);
    }
  }

  public void append(Entry entry) {
    Row row =
        RowFactory.create(
            entry.runId(), entry.night(), entry.stages(), entry.scope(), entry.outcome(), entry.message(),
            entry.rowsRead(), entry.rowsLoaded(), entry.rowsQuarantined(), entry.filesRejected(),
            entry.codeVersion(), entry.keyFingerprint(), entry.startedAt(), entry.finishedAt(), entry.keyId(), entry.keyVersion());
    Dataset<Row> batch = io.spark().createDataFrame(List.of(row), SCHEMA);
    // mergeSchema: a run table written before runs recorded the key id and version gains those columns.
    DeltaIo.retryingConflicts(table, () -> batch.write().format("delta").mode("append").option("mergeSchema", "true")
        .option("userMetadata", "run " + entry.runId()).save(table.path()));
  }

  public Dataset<Row> read() {
    return io.read(table);
  }

  public boolean exists() {
    return io.exists(table);
  }
}
