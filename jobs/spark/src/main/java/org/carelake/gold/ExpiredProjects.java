package org.carelake.gold;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.logging.Logger;
import org.apache.hadoop.fs.FileSystem;
import org.carelake.access.ResearchProject;
import org.carelake.audit.AuditEntry;
import org.carelake.audit.AuditLog;
import org.carelake.lake.DeltaIo;
import org.carelake.lake.Lake;
import org.carelake.lake.TableRef;

/**
 * Removes the published tables of research projects whose approval has expired: each table's
 * folder (data files, Delta log and so its whole history) is deleted, so nothing of it stays
 * readable or restorable by time travel, and each removal is written to {@code ops.audit}. A table
 * already gone is left alone, so a re-run changes nothing.
 */
final class ExpiredProjects {
  private static final Logger LOG = Logger.getLogger(ExpiredProjects.class.getName());

  private final DeltaIo io;
  private final Lake lake;
  private final Path sqlDir;
  private final String runId;
  private final Instant startedAt;

  ExpiredProjects(DeltaIo io, Lake lake, Path sqlDir, String runId, Instant startedAt) {
    this.io = requireNonNull(io, "io is null");
    this.lake = requireNonNull(lake, "lake is null");
    this.sqlDir = requireNonNull(sqlDir, "sqlDir is null");
    this.runId = requireNonNull(runId, "runId is null");
    this.startedAt = requireNonNull(startedAt, "startedAt is null");
  }

  void remove(List<ResearchProject> expired) {
    for (ResearchProject project : expired) {
      for (String dataset : project.datasets()) {
        TableRef table = lake.gold(project.table(dataset));
        if (io.exists(table)) {
          delete(table);
          String what = table.qualifiedName() + " of project " + project.id() + ", expired on " + project.expires();
          LOG.info(() -> "removed " + what);
          new AuditLog(io, lake, sqlDir).append(
              new AuditEntry("run " + runId, "data-engineer", project.id(), "research project approval expired",
                  "remove expired project table", what, "ALLOWED", 0, false),
              startedAt);
        }
      }
    }
  }

  private void delete(TableRef table) {
    org.apache.hadoop.fs.Path folder = new org.apache.hadoop.fs.Path(table.path());
    try {
      FileSystem fs = folder.getFileSystem(io.spark().sparkContext().hadoopConfiguration());
      if (!fs.delete(folder, true)) {
        throw new IOException("could not delete " + folder);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + table.qualifiedName() + " of an expired project", e);
    }
  }
}
