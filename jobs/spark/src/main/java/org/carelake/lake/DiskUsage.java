package org.carelake.lake;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Bytes on disk under a folder of the lake or the landing zone (every file, Delta logs and files no
 * longer in a table's current version included): what a stage's execution choice is sized by.
 */
public final class DiskUsage {
  private DiskUsage() {}

  /** Bytes of every file under {@code folder}; 0 when it does not exist yet. */
  public static long bytes(String folder, Configuration hadoop) {
    Path path = new Path(folder);
    try {
      FileSystem fs = path.getFileSystem(hadoop);
      return fs.exists(path) ? fs.getContentSummary(path).getLength() : 0;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot measure " + folder, e);
    }
  }
}
