package org.carelake.lake;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Remembers what each incremental step last consumed (a fingerprint of its inputs), so a step whose
 * inputs have not changed does nothing: re-running a night writes no new table versions.
 */
public final class StageState {
  private static final StructType SCHEMA =
      DataTypes.createStructType(
          List.of(
              DataTypes.createStructField("scope", DataTypes.StringType, false),
              DataTypes.createStructField("fingerprint", DataTypes.StringType, false),
              DataTypes.createStructField("run_id", DataTypes.StringType, false),
              DataTypes.createStructField("recorded_at", DataTypes.TimestampType, false)));

  private final DeltaIo io;
  private final TableRef table;

  public StageState(DeltaIo io, TableRef table) {
    this.io = requireNonNull(io, "io is null");
    this.table = requireNonNull(table, "table is null");
  }

  public Optional<String> fingerprint(String scope) {
    if (!io.exists(table)) {
      return Optional.empty();
    }
    List<Row> rows =
        io.read(table).filter(org.apache.spark.sql.functions.col("scope").equalTo(scope)).select("fingerprint").collectAsList();
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0).getString(0));
  }

  /** Every recorded scope and its fingerprint, read once. */
  public java.util.Map<String, String> all() {
    java.util.Map<String, String> fingerprints = new java.util.HashMap<>();
    if (io.exists(table)) {
      for (Row row : io.read(table).select("scope", "fingerprint").collectAsList()) {
        fingerprints.put(row.getString(0), row.getString(1));
      }
    }
    return fingerprints;
  }

  public void record(String scope, String fingerprint, String runId, Instant at) {
    recordAll(java.util.Map.of(scope, fingerprint), runId, at);
  }

  /** Records several scopes in one commit. */
  public void recordAll(java.util.Map<String, String> fingerprints, String runId, Instant at) {
    if (fingerprints.isEmpty()) {
      return;
    }
    List<Row> rows = new java.util.ArrayList<>();
    new java.util.TreeMap<>(fingerprints).forEach((scope, fingerprint) -> rows.add(RowFactory.create(scope, fingerprint, runId, at)));
    var batch = io.spark().createDataFrame(rows, SCHEMA);
    if (!io.exists(table)) {
      io.append(batch, table, List.of(), "stage state");
      return;
    }
    io.delta(table)
        .as("t")
        .merge(batch.as("s"), "t.scope = s.scope")
        .whenMatched()
        .updateAll()
        .whenNotMatched()
        .insertAll()
        .execute();
  }
}
