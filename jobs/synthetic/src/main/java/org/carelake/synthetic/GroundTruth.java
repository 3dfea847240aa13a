package org.carelake.synthetic;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Streams ground truth, one line per generated data row:
 * {@code feed_id,borough_code,file,row_number,source_record_id,person_id,defect,expected_rule,identity_error,duplicate_of,revision}.
 * row_number counts data rows from 1 (the header is row 0); person_id is the index of the
 * synthetic person the row truly belongs to, whatever identifiers it carries; defect is blank or
 * the {@link DefectKind#key()} of the row's contract, duplicate or file defect; expected_rule is
 * the contract rule the row should fail (&lt;column&gt;.&lt;rule&gt;), "file" when the whole file
 * should be rejected, or blank when it should load; identity_error is blank or the key of the
 * row's identifier error ({@link DefectKind#isIdentifierError()}); duplicate_of is, for a row
 * whose defect is duplicate_row, duplicate_event_new_id or cross_system_duplicate, the
 * source_record_id of the row it repeats (the same id for an exact copy; for a cross-system
 * duplicate, the event id in the current practice's file), blank otherwise; revision is blank or
 * the {@link Revision#key()} of an increment's row that revises earlier nights: late (a new record
 * dated weeks back), corrected (source_record_id was sent before; this row's content is the
 * correction and the newest wins) or deleted (source_record_id was sent before; the source deleted
 * it). Corrections and deletions carry no contract defect or identifier error.
 */
final class GroundTruth implements Closeable {
  static final String HEADER =
      "feed_id,borough_code,file,row_number,source_record_id,person_id,defect,expected_rule,identity_error,duplicate_of,revision";
  private final BufferedWriter out;
  private final StringBuilder line = new StringBuilder(160);

  GroundTruth(Path file) {
    try {
      out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
      out.write(HEADER);
      out.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write ground truth " + file, e);
    }
  }

  /** Formats one truth line (without writing it) so a caller can replay it for a resent copy. */
  String line(String feedId, String borough, String file, long rowNumber, String sourceId, long person, String defect, String rule,
      String identityError, String duplicateOf, String revision) {
    line.setLength(0);
    line.append(feedId).append(',').append(borough).append(',').append(file).append(',').append(rowNumber).append(',');
    Csv.appendField(line, sourceId);
    line.append(',').append(person).append(',').append(defect).append(',').append(rule).append(',').append(identityError).append(',');
    Csv.appendField(line, duplicateOf);
    line.append(',').append(revision).append('\n');
    return line.toString();
  }

  void write(String formattedLine) {
    try {
      out.write(formattedLine);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write ground truth", e);
    }
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
