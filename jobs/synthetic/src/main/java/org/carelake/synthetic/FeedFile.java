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
 * One landing file being written: injects at most one row-level contract defect per row (only
 * into files without a file-level defect) and, independently, at most one identifier error per
 * identity-bearing row (in every file), counts every defect and revision, streams ground truth and
 * applies this file's file-level defect, if any.
 */
final class FeedFile implements Rows {
  /** File-level treatment of this file. */
  enum Plan { NORMAL, RENAMED_COLUMN, NON_UTF8, TRUNCATED, RESENT }

  static final String RENAMED_FROM_TO = "NHSNO->NHS_NO";

  private static final DefectKind[] CONTRACT_KINDS = {
    DefectKind.MISSING_NHS_NUMBER, DefectKind.INVALID_NHS_NUMBER, DefectKind.DUPLICATE_ROW, DefectKind.FUTURE_DATE,
    DefectKind.DATE_BEFORE_BIRTH, DefectKind.UNPARSEABLE_DATE, DefectKind.UNKNOWN_CODE, DefectKind.DUPLICATE_EVENT_NEW_ID
  };
  private static final DefectKind[] IDENTIFIER_KINDS =
      java.util.Arrays.stream(DefectKind.values()).filter(DefectKind::isIdentifierError).toArray(DefectKind[]::new);

  private final Feed feed;
  private final Borough borough;
  private final Path path;
  private final String relativeName;
  private final Plan plan;
  private final DefectRates rates;
  private final double[] identifierCumulative = new double[IDENTIFIER_KINDS.length];
  private final SplittableRandom random;
  private final Ids ids;
  private final LocalDate night;
  private final GroundTruth truth;
  private final Writer out;
  private StringBuilder line = new StringBuilder(256);
  private final StringBuilder resentTruth;
  private final EnumMap<DefectKind, Long> counts = new EnumMap<>(DefectKind.class);
  private final EnumMap<Revision, Long> revisions = new EnumMap<>(Revision.class);
  private final int nhsColumn;
  private String pending; // last line, held back only when the file is to be truncated
  private String pendingId;
  private long pendingPerson;
  private DefectKind pendingDefect;
  private DefectKind pendingIdentifier;
  private String pendingDuplicateOf;
  private Revision pendingRevision;
  private long rows;

  FeedFile(Feed feed, Borough borough, Path folder, Plan plan, DefectRates rates, long seed, LocalDate night, GroundTruth truth) {
    this.feed = feed;
    this.borough = borough;
    this.path = folder.resolve(feed.fileName());
    this.relativeName = borough.onsCode() + "/" + feed.fileName();
    this.plan = plan;
    this.rates = rates;
    double cumulative = 0;
    for (int i = 0; i < IDENTIFIER_KINDS.length; i++) {
      cumulative += rates.identifiers().rate(IDENTIFIER_KINDS[i]);
      identifierCumulative[i] = cumulative;
    }
    this.random = new SplittableRandom(Mix.mix(seed ^ 0x444546454354L, night.toEpochDay(), borough.ordinal() * 100L + feed.ordinal()));
    this.ids = new Ids(seed);
    this.night = night;
    this.truth = truth;
    this.nhsColumn = feed.column("nhs_number");
    this.resentTruth = plan == Plan.RESENT ? new StringBuilder() : null;
    for (DefectKind kind : DefectKind.values()) {
      counts.put(kind, 0L);
    }
    for (Revision kind : Revision.values()) {
      revisions.put(kind, 0L);
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

  /**
   * Writes one valid row of the person (fields in header order, true identifiers), perhaps with
   * defects; {@code rekeyedId}, when not null, is the id a re-keyed duplicate of this row takes
   * (callers writing several rows of a person on one night pass one per row, so copies never
   * share an id).
   */
  @Override
  public void write(String[] fields, Person person, String rekeyedId) {
    write(fields, person, rekeyedId, null);
  }

  /** A late record: written like any row (it may carry defects), counted and marked late. */
  @Override
  public void writeLate(String[] fields, Person person, String rekeyedId) {
    write(fields, person, rekeyedId, Revision.LATE);
  }

  /**
   * Re-sends an earlier-sent record as a correction or deletion, as is: no contract defect or
   * identifier error is drawn for it, so ground truth can say what silver should hold.
   */
  @Override
  public void resend(String[] fields, Person person, Revision revision) {
    fields = padded(fields);
    String fileRule = plan == Plan.RENAMED_COLUMN || plan == Plan.NON_UTF8 ? "file" : "";
    emit(fields, person.index, null, fileRule, null, "", revision);
    revisions.merge(revision, 1L, Long::sum);
  }

  private void write(String[] fields, Person person, String rekeyedId, Revision revision) {
    fields = padded(fields);
    DefectKind contract = null;
    int variant = 0;
    if (plan == Plan.NORMAL) {
      double draw = random.nextDouble();
      variant = random.nextInt(1 << 20);
      double cumulative = 0;
      for (DefectKind kind : CONTRACT_KINDS) {
        cumulative += rates.rate(kind);
        if (draw < cumulative) {
          contract = kind;
          break;
        }
      }
    }
    DefectKind identifier = null;
    if (feed.isIdentityBearing()) {
      double draw = random.nextDouble();
      int identifierVariant = random.nextInt(1 << 30);
      DefectKind candidate = null;
      for (int i = 0; i < IDENTIFIER_KINDS.length; i++) {
        if (draw < identifierCumulative[i]) {
          candidate = IDENTIFIER_KINDS[i];
          break;
        }
      }
      boolean forcedName = plan == Plan.NON_UTF8 && rows == 0;
      if (candidate != null && !forcedName && !conflicts(contract, candidate)
          && IdentifierErrors.apply(candidate, feed, fields, person, identifierVariant)) {
        identifier = candidate;
      }
    }
    DefectKind chosen = null;
    String rule = "";
    if (contract != null) {
      rule = Defects.apply(contract, feed, fields, person.dateOfBirth, variant);
      chosen = rule == null ? null : contract;
      if (rule == null) {
        rule = "";
      }
    } else if (plan == Plan.NON_UTF8 && rows == 0 && feed.has("given_name")) {
      fields[feed.column("given_name")] = "Zoë"; // guarantees a byte that is not UTF-8 (0xEB)
    }
    String fileRule = plan == Plan.RENAMED_COLUMN || plan == Plan.NON_UTF8 ? "file" : rule;
    boolean copied = chosen == DefectKind.DUPLICATE_ROW || chosen == DefectKind.DUPLICATE_EVENT_NEW_ID;
    emit(fields, person.index, copied ? null : chosen, fileRule, identifier, "", revision);
    if (revision != null) {
      revisions.merge(revision, 1L, Long::sum);
    }
    if (chosen == DefectKind.DUPLICATE_ROW) {
      emit(fields, person.index, DefectKind.DUPLICATE_ROW, "", identifier, fields[0], null);
    } else if (chosen == DefectKind.DUPLICATE_EVENT_NEW_ID) {
      String[] rekeyed = fields.clone();
      rekeyed[0] = rekeyedId != null ? rekeyedId : ids.care(feed, night, person.index, 1);
      emit(rekeyed, person.index, DefectKind.DUPLICATE_EVENT_NEW_ID, "", identifier, fields[0], null);
    }
    if (chosen != null) {
      counts.merge(chosen, 1L, Long::sum);
    }
    if (identifier != null) {
      counts.merge(identifier, copied ? 2L : 1L, Long::sum);
    }
  }

  /**
   * Writes a copy of an event another file holds (a GP2GP transfer duplicate), as is: no contract
   * defect or identifier error is drawn for it.
   */
  @Override
  public void writeCrossSystemDuplicate(String[] fields, long person, String duplicateOf) {
    fields = padded(fields);
    String fileRule = plan == Plan.RENAMED_COLUMN || plan == Plan.NON_UTF8 ? "file" : "";
    emit(fields, person, DefectKind.CROSS_SYSTEM_DUPLICATE, fileRule, null, duplicateOf, null);
    counts.merge(DefectKind.CROSS_SYSTEM_DUPLICATE, 1L, Long::sum);
  }

  /**
   * The row with blanks for the trailing optional columns its writer does not fill (a GP event's
   * {@code deleted} flag: the generator sends live events).
   */
  private String[] padded(String[] fields) {
    int width = feed.headers().size();
    if (fields.length >= width) {
      return fields;
    }
    String[] wide = java.util.Arrays.copyOf(fields, width);
    java.util.Arrays.fill(wide, fields.length, width, "");
    return wide;
  }

  /** An identifier error that would be overwritten by the row's contract defect, or undo what it tests. */
  private static boolean conflicts(DefectKind contract, DefectKind identifier) {
    if (contract == null) {
      return false;
    }
    boolean nhs = identifier == DefectKind.NHS_NUMBER_TRANSPOSED || identifier == DefectKind.NHS_NUMBER_OF_ANOTHER_PERSON;
    boolean birth = identifier == DefectKind.DOB_DAY_MONTH_SWAP || identifier == DefectKind.DOB_DEFAULTED
        || identifier == DefectKind.DOB_DIGIT_TYPO;
    return (nhs && (contract == DefectKind.MISSING_NHS_NUMBER || contract == DefectKind.INVALID_NHS_NUMBER))
        || (birth && contract == DefectKind.DATE_BEFORE_BIRTH);
  }

  private void emit(String[] fields, long person, DefectKind defect, String rule, DefectKind identifier, String duplicateOf,
      Revision revision) {
    line.setLength(0);
    boolean wide = Csv.appendLine(line, fields);
    rows++;
    String text = line.toString();
    if (wide) {
      line = new StringBuilder(256); // keep appending one byte a character
    }
    try {
      if (plan == Plan.TRUNCATED) {
        if (pending != null) {
          out.write(pending);
          truth.write(truth.line(feed.id(), borough.onsCode(), relativeName, rows - 1, pendingId, pendingPerson,
              key(pendingDefect), "", key(pendingIdentifier), pendingDuplicateOf, key(pendingRevision)));
        }
        pending = text;
        pendingId = fields[0];
        pendingPerson = person;
        pendingDefect = defect;
        pendingIdentifier = identifier;
        pendingDuplicateOf = duplicateOf;
        pendingRevision = revision;
        return;
      }
      out.write(text);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + path, e);
    }
    String truthLine = truth.line(feed.id(), borough.onsCode(), relativeName, rows, fields[0], person,
        key(defect), rule, key(identifier), duplicateOf, key(revision));
    truth.write(truthLine);
    if (resentTruth != null) {
      resentTruth.append(truthLine);
    }
  }

  private static String key(DefectKind kind) {
    return kind == null ? "" : kind.key();
  }

  private static String key(Revision kind) {
    return kind == null ? "" : kind.key();
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
        if (pendingDefect != null) { // the cut row counts as truncated only
          counts.merge(pendingDefect, -1L, Long::sum);
        }
        if (pendingRevision != null) { // nor does it revise anything
          revisions.merge(pendingRevision, -1L, Long::sum);
        }
        truth.write(truth.line(feed.id(), borough.onsCode(), relativeName, rows, pendingId, pendingPerson,
            DefectKind.TRUNCATED_ROW.key(), "truncated", key(pendingIdentifier), "", ""));
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
    entries.add(Manifest.FileEntry.of(borough.onsCode(), feed.id(), relativeName, rows, counts, revisions,
        plan == Plan.RENAMED_COLUMN || plan == Plan.NON_UTF8, null));
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
      entries.add(Manifest.FileEntry.of(borough.onsCode(), feed.id(), copyName, rows, copyCounts, revisions, false, relativeName));
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
