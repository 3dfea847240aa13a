package org.carelake.lake;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.delta.DeltaLog;

/**
 * Removes data from disk for real, not just from the table's current version. A Delta DELETE or
 * overwrite leaves the old rows in the old data files (time travel), in deletion vectors' base
 * files, and in the old commits' file statistics (min and max values of each column). Here the
 * table is rewritten without the rows (an overwrite writes whole new files, with no deletion
 * vectors), every file under the table's folder that its current version does not reference is
 * deleted, and the log is checkpointed at the current version and every earlier commit, checksum
 * and checkpoint deleted. Time travel to before the purge is gone for that table, on purpose.
 *
 * <p>The unreferenced files are found directly (one listing of the folder against the current
 * version's file list) rather than with {@code VACUUM … RETAIN 0 HOURS}, which costs a dozen Spark
 * jobs and two commits per table for what is, here, a known answer: nothing old is to be kept.
 */
public final class HistoryPurge {
  private static final String LOG_FOLDER = "_delta_log";

  private final DeltaIo io;

  public HistoryPurge(DeltaIo io) {
    this.io = requireNonNull(io, "io is null");
  }

  /** Replaces the table's rows with {@code keep} in one commit, then purges everything older from disk. */
  public void rewrite(TableRef table, Dataset<Row> keep, String commitNote) {
    keep.write().format("delta").mode("overwrite").option("userMetadata", commitNote).save(table.path());
    removeUnreferenced(table);
  }

  /**
   * Purges from disk every file and log entry the table's current version does not need. Deletion
   * vectors in the current version are applied first ({@code REORG … APPLY (PURGE)}), so no
   * deleted row survives in a file the current version still reads.
   */
  public void purge(TableRef table) {
    io.spark().sql("REORG TABLE delta.`" + table.path().replace("`", "``") + "` APPLY (PURGE)");
    removeUnreferenced(table);
  }

  private void removeUnreferenced(TableRef table) {
    var spark = io.spark();
    DeltaLog.clearCache();
    Set<String> live = new HashSet<>();
    for (String file : spark.read().format("delta").load(table.path()).inputFiles()) {
      live.add(new Path(file).toUri().getPath());
    }
    Path root = new Path(table.path());
    try {
      FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
      String rootPath = fs.makeQualified(root).toUri().getPath();
      RemoteIterator<LocatedFileStatus> files = fs.listFiles(root, true);
      while (files.hasNext()) {
        Path file = files.next().getPath();
        String path = file.toUri().getPath();
        if (path.startsWith(rootPath + "/" + LOG_FOLDER + "/")) {
          continue;
        }
        if (!live.contains(dataFileOf(file).toUri().getPath())) {
          fs.delete(file, false);
        }
      }
      DeltaLog.forTable(spark, table.path()).checkpoint();
      long current = io.version(table).orElseThrow();
      for (FileStatus entry : fs.listStatus(new Path(root, LOG_FOLDER))) {
        String name = entry.getPath().getName();
        if (entry.isFile() && name.length() > 20 && name.substring(0, 20).chars().allMatch(Character::isDigit)
            && Long.parseLong(name.substring(0, 20)) < current) {
          fs.delete(entry.getPath(), false);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot purge the history of " + table.qualifiedName(), e);
    }
    DeltaLog.clearCache();
  }

  /** A local checksum sidecar ({@code .name.crc}) belongs to the data file it checks; any other file is itself. */
  private static Path dataFileOf(Path file) {
    String name = file.getName();
    if (name.startsWith(".") && name.endsWith(".crc")) {
      return new Path(file.getParent(), name.substring(1, name.length() - ".crc".length()));
    }
    return file;
  }
}
