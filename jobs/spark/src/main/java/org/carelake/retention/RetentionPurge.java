package org.carelake.retention;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.carelake.error.CareLakeErrors;
import org.carelake.ingest.IngestSchemas;
import org.carelake.lake.DeltaIo;
import org.carelake.lake.HistoryPurge;
import org.carelake.lake.Lake;
import org.carelake.lake.LakeTables;
import org.carelake.lake.TableRef;
import org.carelake.lake.Zone;

/**
 * Keeps raw rows and quarantined rows for a configured number of days after the night they were
 * loaded, then purges them for real: the rows go from the current version and, through {@link
 * HistoryPurge}, from every older file and log entry on disk. Silver, built from them already,
 * keeps its de-identified rows. Returns rows purged per table, for the audit record.
 */
public final class RetentionPurge {
  private final DeltaIo io;
  private final Lake lake;

  public RetentionPurge(DeltaIo io, Lake lake) {
    this.io = requireNonNull(io, "io is null");
    this.lake = requireNonNull(lake, "lake is null");
  }

  /** Purges raw rows loaded more than {@code rawDays}, and quarantined rows more than {@code quarantineDays}, before {@code today}. */
  public Map<String, Long> purge(LocalDate today, int rawDays, int quarantineDays, String runId) {
    if (rawDays < 0 || quarantineDays < 0) {
      throw CareLakeErrors.configuration("retention days must be 0 or more");
    }
    HistoryPurge purge = new HistoryPurge(io);
    Map<String, Long> purged = new LinkedHashMap<>();
    for (TableRef table : LakeTables.inZone(io, lake, Zone.RESTRICTED)) {
      int days;
      if (table.name().startsWith("raw_")) {
        days = rawDays;
      } else if (table.equals(lake.quarantine())) {
        days = quarantineDays;
      } else {
        continue;
      }
      Dataset<Row> rows = io.read(table);
      Column expired = col(IngestSchemas.NIGHT).lt(lit(today.minusDays(days)));
      long count = rows.where(expired).count();
      if (count > 0) {
        io.spark().sparkContext().setJobDescription("retention: " + table.qualifiedName());
        purge.rewrite(table, rows.where(expired.unary_$bang()), "retention run " + runId + ": older than " + days + " days");
        purged.put(table.qualifiedName(), count);
      }
    }
    return purged;
  }
}
