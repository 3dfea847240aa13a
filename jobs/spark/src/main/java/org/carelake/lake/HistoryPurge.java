package org.carelake.lake;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.delta.DeltaLog;

/**
 * Removes data from disk for real, not just from the table's current version. A Delta DELETE or
 * overwrite leaves the old rows in the old data files (time travel), in deletion vectors' base
 * files, and in the old commits' file statistics (min and max values of each column). Here the
 * table is rewritten without the rows, deletion vectors are purged ({@code REORG … APPLY (PURGE)}),
 * files no longer in the current version are vacuumed with no retention (Delta's retention check
 * is lifted for this call only), and the log is checkpointed at the current version and every
 * earlier commit, checksum and checkpoint deleted. Time travel to before the purge is gone for
 * that table, on purpose.
 */
public final class HistoryPurge {
  private static final String RETENTION_CHECK = "spark.databricks.delta.retentionDurationCheck.enabled";

  private final DeltaIo io;

  public HistoryPurge(DeltaIo io) {
    this.io = requireNonNull(io, "io is null");
  }

  /** Replaces the table's rows with {@code keep} in one commit, then purges everything older from disk. */
  public void rewrite(TableRef table, Dataset<Row> keep, String commitNote) {
    keep.write().format("delta").mode("overwrite").option("userMetadata", commitNote).save(table.path());
    purge(table);
  }

  /** Purges from disk every file and log entry the table's current version does not need. */
  public void purge(TableRef table) {
    var spark = io.spark();
    String identifier = "delta.`" + table.path().replace("`", "``") + "`";
    spark.sql("REORG TABLE " + identifier + " APPLY (PURGE)");
    String before = spark.conf().get(RETENTION_CHECK, "true");
    spark.conf().set(RETENTION_CHECK, "false");
    try {
      spark.sql("VACUUM " + identifier + " RETAIN 0 HOURS");
    } finally {
      spark.conf().set(RETENTION_CHECK, before);
    }
    DeltaLog.clearCache();
    DeltaLog.forTable(spark, table.path()).checkpoint();
    long current = io.version(table).orElseThrow();
    Path log = new Path(table.path() + "/_delta_log");
    try {
      FileSystem fs = log.getFileSystem(spark.sparkContext().hadoopConfiguration());
      for (FileStatus file : fs.listStatus(log)) {
        String name = file.getPath().getName();
        if (file.isFile() && name.length() > 20 && name.substring(0, 20).chars().allMatch(Character::isDigit)
            && Long.parseLong(name.substring(0, 20)) < current) {
          fs.delete(file.getPath(), false);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clean the log of " + table.qualifiedName(), e);
    }
    DeltaLog.clearCache();
  }
}
