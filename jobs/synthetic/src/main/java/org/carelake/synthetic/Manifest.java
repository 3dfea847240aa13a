package org.carelake.synthetic;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one night's landing zone holds, written as {@code manifest.json} next to the ground truth.
 * Every file (including resent copies) has its rows, the count of each defect kind (all kinds
 * listed, zeros included: contract defects, duplicates, identifier errors and file-level
 * defects; a duplicated row's identifier error counts once per row), whether the whole file
 * should be rejected, and the rows a correct loader should load and quarantine; and how many of
 * its rows revise earlier nights ({@link Revision}: late records, corrections, deletions; a resent
 * copy repeats its file's counts, and totals count each file once). {@code historyYears} lets a
 * later night tell which earlier nights it may revise.
 */
public record Manifest(
    String night,
    long persons,
    long seed,
    String extract,
    int historyYears,
    int nhsNumberCapacity,
    long personsSharingNhsNumber,
    List<FileDefect> fileDefects,
    List<FileEntry> files) {

  public Manifest {
    requireNonNull(night, "night is null");
    fileDefects = List.copyOf(fileDefects);
    files = List.copyOf(files);
  }

  /** Where a file-level defect was placed. */
  public record FileDefect(String kind, String borough, String feed, String file, String detail) {}

  /** One landed file; {@code late}, {@code corrected} and {@code deleted} count its rows of each {@link Revision}. */
  public record FileEntry(
      String borough,
      String feed,
      String file,
      long rows,
      Map<String, Long> defects,
      boolean fileRejected,
      long expectedLoadedRows,
      long expectedQuarantinedRows,
      String resentOf,
      long late,
      long corrected,
      long deleted) {

    public FileEntry {
      defects = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(defects));
    }

    static FileEntry of(String borough, String feed, String file, long rows, EnumMap<DefectKind, Long> counts,
        EnumMap<Revision, Long> revisions, boolean rejected, String resentOf) {
      Map<String, Long> byKey = new LinkedHashMap<>();
      counts.forEach((kind, count) -> byKey.put(kind.key(), count));
      long quarantined = rejected ? rows
          : counts.get(DefectKind.FUTURE_DATE)
              + counts.get(DefectKind.DATE_BEFORE_BIRTH) + counts.get(DefectKind.UNPARSEABLE_DATE)
              + counts.get(DefectKind.UNKNOWN_CODE) + counts.get(DefectKind.TRUNCATED_ROW);
      return new FileEntry(borough, feed, file, rows, byKey, rejected, rows - quarantined, quarantined, resentOf,
          revisions.get(Revision.LATE), revisions.get(Revision.CORRECTION), revisions.get(Revision.DELETION));
    }

    public long defect(DefectKind kind) {
      return defects.getOrDefault(kind.key(), 0L);
    }

    public long revisions(Revision kind) {
      return switch (kind) {
        case LATE -> late;
        case CORRECTION -> corrected;
        case DELETION -> deleted;
      };
    }
  }

  public long totalRows() {
    return files.stream().mapToLong(FileEntry::rows).sum();
  }

  public long total(DefectKind kind) {
    return files.stream().mapToLong(f -> f.defect(kind)).sum();
  }

  /** Zero of every revision kind (files that revise nothing: opt-out lists). */
  static EnumMap<Revision, Long> noRevisions() {
    EnumMap<Revision, Long> zero = new EnumMap<>(Revision.class);
    for (Revision kind : Revision.values()) {
      zero.put(kind, 0L);
    }
    return zero;
  }

  /** Rows of a revision kind over every file (a resent copy's rows are counted once, in its original). */
  public long total(Revision kind) {
    return files.stream().filter(f -> f.resentOf() == null).mapToLong(f -> f.revisions(kind)).sum();
  }

  public List<FileEntry> filesFor(String borough) {
    return files.stream().filter(f -> f.borough().equals(borough)).toList();
  }

  void writeJson(Path file) {
    StringBuilder json = new StringBuilder(64 * 1024);
    json.append("{\n");
    field(json, 1, "night", night).append(",\n");
    number(json, 1, "persons", persons).append(",\n");
    number(json, 1, "seed", seed).append(",\n");
    field(json, 1, "extract", extract).append(",\n");
    number(json, 1, "historyYears", historyYears).append(",\n");
    number(json, 1, "nhsNumberCapacity", nhsNumberCapacity).append(",\n");
    number(json, 1, "personsSharingNhsNumber", personsSharingNhsNumber).append(",\n");
    json.append("  \"totals\": {\n");
    number(json, 2, "files", files.size()).append(",\n");
    number(json, 2, "rows", totalRows()).append(",\n");
    number(json, 2, "expectedLoadedRows", files.stream().mapToLong(FileEntry::expectedLoadedRows).sum()).append(",\n");
    number(json, 2, "expectedQuarantinedRows", files.stream().mapToLong(FileEntry::expectedQuarantinedRows).sum()).append(",\n");
    json.append("    \"defects\": {");
    DefectKind[] kinds = DefectKind.values();
    for (int i = 0; i < kinds.length; i++) {
      json.append(i == 0 ? "" : ", ").append('"').append(kinds[i].key()).append("\": ").append(total(kinds[i]));
    }
    json.append("},\n    \"revisions\": {");
    for (Revision kind : Revision.values()) {
      json.append(kind.ordinal() == 0 ? "" : ", ").append('"').append(kind.key()).append("\": ").append(total(kind));
    }
    json.append("}\n  },\n  \"fileDefects\": [\n");
    for (int i = 0; i < fileDefects.size(); i++) {
      FileDefect d = fileDefects.get(i);
      json.append("    {\"kind\": \"").append(d.kind()).append("\", \"borough\": \"").append(d.borough())
          .append("\", \"feed\": \"").append(d.feed()).append("\", \"file\": \"").append(d.file())
          .append("\", \"detail\": \"").append(d.detail()).append("\"}").append(i + 1 < fileDefects.size() ? ",\n" : "\n");
    }
    json.append("  ],\n  \"files\": [\n");
    for (int i = 0; i < files.size(); i++) {
      FileEntry f = files.get(i);
      json.append("    {\"borough\": \"").append(f.borough()).append("\", \"feed\": \"").append(f.feed())
          .append("\", \"file\": \"").append(f.file()).append("\", \"rows\": ").append(f.rows())
          .append(", \"fileRejected\": ").append(f.fileRejected())
          .append(", \"expectedLoadedRows\": ").append(f.expectedLoadedRows())
          .append(", \"expectedQuarantinedRows\": ").append(f.expectedQuarantinedRows())
          .append(", \"resentOf\": ").append(f.resentOf() == null ? "null" : "\"" + f.resentOf() + "\"")
          .append(", \"revisions\": {\"late\": ").append(f.late()).append(", \"corrected\": ").append(f.corrected())
          .append(", \"deleted\": ").append(f.deleted()).append('}')
          .append(", \"defects\": {");
      int k = 0;
      for (Map.Entry<String, Long> e : f.defects().entrySet()) {
        json.append(k++ == 0 ? "" : ", ").append('"').append(e.getKey()).append("\": ").append(e.getValue());
      }
      json.append("}}").append(i + 1 < files.size() ? ",\n" : "\n");
    }
    json.append("  ]\n}\n");
    try {
      Files.writeString(file, json, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write manifest " + file, e);
    }
  }

  private static StringBuilder field(StringBuilder json, int depth, String name, String value) {
    return json.append("  ".repeat(depth)).append('"').append(name).append("\": \"").append(value).append('"');
  }

  private static StringBuilder number(StringBuilder json, int depth, String name, long value) {
    return json.append("  ".repeat(depth)).append('"').append(name).append("\": ").append(value);
  }
}
