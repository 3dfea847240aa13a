package org.carelake.ingest;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** What one ingest run did: the fate of every landed file and the tables it wrote. */
public record IngestResult(List<FileOutcome> files, Map<String, Long> tableVersions, Duration duration)
    implements org.carelake.nightly.StageResult {
  public IngestResult {
    files = List.copyOf(files);
    tableVersions = Map.copyOf(tableVersions);
  }

  public long rowsRead() {
    return files.stream().mapToLong(FileOutcome::rowsRead).sum();
  }

  public long rowsLoaded() {
    return files.stream().mapToLong(FileOutcome::rowsLoaded).sum();
  }

  public long rowsQuarantined() {
    return files.stream().mapToLong(FileOutcome::rowsQuarantined).sum();
  }

  @Override
  public String summaryLine() {
    return files.size() + " files, " + rowsRead() + " rows read, " + rowsLoaded() + " loaded, " + rowsQuarantined()
        + " quarantined, " + rejectedFiles() + " files rejected";
  }

  public long rejectedFiles() {
    return files.stream().filter(FileOutcome::rejectedTonight).count();
  }
}
