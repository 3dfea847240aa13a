package org.carelake.ingest;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.carelake.lake.DeltaIo;
import org.carelake.lake.TableRef;

/**
 * The ingest ledger: one row per landed file per night, with what became of it. Written insert-only
 * with MERGE on (night, path, sha256), so a re-run records nothing twice.
 */
public final class Ledger {
  public static final StructType SCHEMA =
      DataTypes.createStructType(
          List.of(
              DataTypes.createStructField("night", DataTypes.DateType, false),
              DataTypes.createStructField("run_id", DataTypes.StringType, false),
              DataTypes.createStructField("borough", DataTypes.StringType, false),
              DataTypes.createStructField("feed", DataTypes.StringType, false),
              DataTypes.createStructField("file_name", DataTypes.StringType, false),
              DataTypes.createStructField("path", DataTypes.StringType, false),
              DataTypes.createStructField("sha256", DataTypes.StringType, false),
              DataTypes.createStructField("bytes", DataTypes.LongType, false),
              DataTypes.createStructField("status", DataTypes.StringType, false),
              DataTypes.createStructField("reason", DataTypes.StringType, true),
              DataTypes.createStructField("rows_read", DataTypes.LongType, false),
              DataTypes.createStructField("rows_loaded", DataTypes.LongType, false),
              DataTypes.createStructField("rows_quarantined", DataTypes.LongType, false),
              DataTypes.createStructField(
                  "quarantined_by_rule", DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType), false),
              DataTypes.createStructField("recorded_at", DataTypes.TimestampType, false)));

  private final DeltaIo io;
  private final TableRef table;

  public Ledger(DeltaIo io, TableRef table) {
    this.io = requireNonNull(io, "io is null");
    this.table = requireNonNull(table, "table is null");
  }

  /**
   * Known files: for each (borough, feed, sha256) its status, and the (path, sha256) pairs already
   * recorded for any night. A copy is a duplicate only of what the same borough sent for the same
   * feed; identical files from two boroughs are two boroughs' data.
   */
  public Known known() {
    Map<String, String> statusBySha = new HashMap<>();
    java.util.Set<String> recorded = new java.util.HashSet<>();
    if (io.exists(table)) {
      for (Row row : io.read(table).select("path", "sha256", "status", "borough", "feed").collectAsList()) {
        recorded.add(row.getString(0) + "\u0000" + row.getString(1));
        statusBySha.merge(copyKey(row.getString(3), row.getString(4), row.getString(1)), row.getString(2),
            (a, b) -> a.equals("LOADED") ? a : b);
      }
    }
    return new Known(statusBySha, recorded);
  }

  /** Files already in the ledger. Ledger rows hold no patient data, so collecting them is safe. */
  public static String copyKey(String borough, String feed, String sha256) {
    return borough + "\u0000" + feed + "\u0000" + sha256;
  }

  public record Known(Map<String, String> statusBySha, java.util.Set<String> recordedPaths) {
    public boolean received(String borough, String feed, String sha256) {
      return statusBySha.containsKey(copyKey(borough, feed, sha256));
    }

    public boolean recorded(String path, String sha256) {
      return recordedPaths.contains(path + "\u0000" + sha256);
    }
  }

  public void record(LocalDate night, String runId, Instant recordedAt, List<FileOutcome> outcomes) {
    List<Row> rows = new ArrayList<>();
    for (FileOutcome outcome : outcomes) {
      if (outcome.status().earlier()) {
        continue;
      }
      rows.add(
          RowFactory.create(
              night,
              runId,
              outcome.borough(),
              outcome.feed(),
              outcome.fileName(),
              outcome.path(),
              outcome.sha256(),
              outcome.bytes(),
              outcome.status().name(),
              outcome.reason().orElse(null),
              outcome.rowsRead(),
              outcome.rowsLoaded(),
              outcome.rowsQuarantined(),
              scala.jdk.javaapi.CollectionConverters.asScala(outcome.quarantinedByRule()),
              recordedAt));
    }
    if (rows.isEmpty()) {
      return;
    }
    Dataset<Row> batch = io.spark().createDataFrame(rows, SCHEMA);
    // Insert-only, so safe to repeat when another borough's ingest task commits first.
    DeltaIo.retryingConflicts(table, () -> {
      if (!io.exists(table)) {
        io.append(batch, table, List.of(), "ingest ledger " + night);
        return;
      }
      io.delta(table)
          .as("t")
          .merge(batch.as("s"), "t.night = s.night AND t.path = s.path AND t.sha256 = s.sha256")
          .whenNotMatched()
          .insertAll()
          .execute();
    });
  }
}
