package org.carelake.synthetic;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.SplittableRandom;
import org.carelake.geography.Borough;

/**
 * One landing file being written: injects at most one row-level defect per row (only into files
 * without a file-level defect), counts every defect, streams ground truth and applies this
 * file's file-level defect, if any.
 */
final class FeedFile {
  /** File-level treatment of this file. */
  enum Plan { NORMAL, RENAMED_COLUMN, NON_UTF8, TRUNCATED, RESENT }

  static final String RENAMED_FROM_TO = "NHSNO->NHS_NO";

  private static final DefectKind[] ROW_KINDS = {
    DefectKind.MISSING_NHS_NUMBER, DefectKind.INVALID_NHS_NUMBER, DefectKind.DUPLICATE_ROW, DefectKind.FUTURE_DATE,
    DefectKind.DATE_BEFORE_BIRTH, DefectKind.UNPARSEABLE_DATE, DefectKind.UNKNOWN_CODE
  };

  private final Feed feed;
  private final Borough borough;
  private final Path path;
  private final String relativeName;
  private final Plan plan;
  private final DefectRates rates;
  private final SplittableRandom random;
  private final GroundTruth truth;
  private final Writer out;
  private final StringBuilder line = new StringBuilder(256);
  private final StringBuilder resentTruth;
  private final EnumMap<DefectKind, Long> counts = new EnumMap<>(DefectKind.class);
  private final int nhsColumn;
  private String pending; // last line, held back only when the file is to be truncated
  private String pendingId;
  private long pendingPerson;
  private long rows;

  FeedFile(Feed feed, Borough borough, Path folder, Plan plan, DefectRates rates, long seed, LocalDate night, GroundTruth truth) {
    this.feed = feed;
    this.borough = borough;
    this.path = folder.resolve(feed.fileName());
    this.relativeName = borough.onsCode() + "/" + feed.fileName();
    this.plan = plan;
    this.rates = rates;
    this.random = new SplittableRandom(Mix.mix(seed ^ 0x444546454354L, night.toEpochDay(), borough.ordinal() * 100L + feed.ordinal()));
    this.truth = truth;
    this.nhsColumn = feed.column("nhs_number");
    this.resentTruth = plan == Plan.RESENT ? new StringBuilder() : null;
    for (DefectKind kind : DefectKind.values()) {
      counts.put(kind, 0L);
    }
    Charset charset = plan == Plan.NON_UTF8 ? Charset.forName("windows-1252") : StandardCharsets.UTF_8;
    try {
      out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(path), charset), 1 << 16);
      List<String> headers = new ArrayList<>(feed.headers());
      if (plan == Plan.RENAMED_COLUMN) {
        headers.set(nhsColumn, "NHS_NO");
      }
      Csv.appendLine(line, headers.toArray(String[]::new));
      out.write(line.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + path, e);
    }
  }

  /** Writes one valid row (fields in header order), perhaps with a defect. */
  void write(String[] fields, long person, LocalDate dateOfBirth) {
    DefectKind chosen = null;
    String rule = "";
    if (plan == Plan.NORMAL) {
      double draw = random.nextDouble();
      int variant = random.nextInt(1 << 20);
      double cumulative = 0;
      for (DefectKind kind : ROW_KINDS) {
        cumulative += rates.rate(kind);
        if (draw < cumulative) {
          rule = Defects.apply(kind, feed, fields, dateOfBirth, variant);
          chosen = rule == null ? null : kind;
          break;
        }
      }
      if (rule == null) {
        rule = "";
      }
    } else if (plan == Plan.NON_UTF8 && rows == 0 && feed.has("given_name")) {
      fields[feed.column("given_name")] = "Zoë"; // guarantees a byte that is not UTF-8 (0xEB)
    }
    String fileRule = plan == Plan.RENAMED_COLUMN || plan == Plan.NON_UTF8 ? "file" : rule;
    emit(fields, person, chosen == DefectKind.DUPLICATE_ROW ? null : chosen, fileRule);
    if (chosen == DefectKind.DUPLICATE_ROW) {
      emit(fields, person, DefectKind.DUPLICATE_ROW, "");
    }
    if (chosen != null) {
      counts.merge(chosen, 1L, Long::sum);
    }
  }

  private void emit(String[] fields, long person, DefectKind defect, String rule) {
    line.setLength(0);
    Csv.appendLine(line, fields);
    rows++;
    String text = line.toString();
    try {
      if (plan == Plan.TRUNCATED) {
        if (pending != null) {
          out.write(pending);
          truth.write(truth.line(feed.id(), borough.onsCode(), relativeName, rows - 1, pendingId, pendingPerson, "", ""));
        }
        pending = text;
        pendingId = fields[0];
        pendingPerson = person;
        return;
      }
      out.write(text);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + path, e);
    }
    String truthLine = truth.line(feed.id(), borough.onsCode(), relativeName, rows, fields[0], person,
        defect == null ? "" : defect.key(), rule);
    truth.write(truthLine);
    if (resentTruth != null) {
      resentTruth.append(truthLine);
    }
  }

  long rows() {
    return rows;
  }

  /** Finishes the file (and its resent copy) and returns what it holds. */
  List<Manifest.FileEntry> close() {
    try {
      if (pending != null) {
        int cut = Math.max(1, Math.min(pending.length() / 2, pending.lastIndexOf(',')));
        out.write(pending, 0, cut);
        counts.put(DefectKind.TRUNCATED_ROW, 1L);
        truth.write(truth.line(feed.id(), borough.onsCode(), relativeName, rows, pendingId, pendingPerson,
            DefectKind.TRUNCATED_ROW.key(), "truncated"));
      }
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + path, e);
    }
    if (plan == Plan.RENAMED_COLUMN) {
      counts.put(DefectKind.RENAMED_COLUMN, rows);
    } else if (plan == Plan.NON_UTF8) {
      counts.put(DefectKind.NON_UTF8_FILE, rows);
    }
    List<Manifest.FileEntry> entries = new ArrayList<>();
    entries.add(Manifest.FileEntry.of(borough.onsCode(), feed.id(), relativeName, rows, counts, plan == Plan.RENAMED_COLUMN || plan == Plan.NON_UTF8, null));
    if (plan == Plan.RESENT) {
      String resentName = feed.id() + "__resent.csv";
      try {
        Files.copy(path, path.resolveSibling(resentName));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot copy " + path, e);
      }
      String copyName = borough.onsCode() + "/" + resentName;
      truth.write(resentTruth.toString().replace("," + relativeName + ",", "," + copyName + ","));
      EnumMap<DefectKind, Long> copyCounts = new EnumMap<>(counts);
      copyCounts.put(DefectKind.RESENT_FILE, rows);
      entries.add(Manifest.FileEntry.of(borough.onsCode(), feed.id(), copyName, rows, copyCounts, false, relativeName));
    }
    return entries;
  }

  Feed feed() {
    return feed;
  }

  Borough borough() {
    return borough;
  }

  String relativeName() {
    return relativeName;
  }
}
