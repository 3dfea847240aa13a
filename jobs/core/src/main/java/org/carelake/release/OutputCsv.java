package org.carelake.release;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.carelake.csv.CsvRecordReader;

/**
 * A CSV file someone wants to release, read leniently enough to say what is wrong with it rather
 * than fail: a UTF-8 byte order mark is dropped, blank lines are skipped, quoted fields may hold
 * commas, quotes and line breaks (RFC 4180), and a row with more or fewer fields than the header
 * (ragged), a quote that never closes, a binary or non-UTF-8 file, or a missing or duplicated
 * column name each become a {@link Finding}. Values and column names are trimmed.
 *
 * @param rows the well-formed data rows; ragged and malformed rows are left out (and refused)
 * @param problems what kept the file from reading cleanly; the output check refuses a file with any
 */
public record OutputCsv(String file, List<String> header, List<Row> rows, List<Finding> problems) {
  public static final String RULE = "csv.readable";

  /** One data row: its number as a spreadsheet shows it (the header is row 1) and its values. */
  public record Row(long number, List<String> values) {
    public Row {
      values = List.copyOf(values);
    }
  }

  public OutputCsv {
    header = List.copyOf(header);
    rows = List.copyOf(rows);
    problems = List.copyOf(problems);
  }

  public static OutputCsv parse(String file, byte[] bytes) {
    List<Finding> problems = new ArrayList<>();
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      problems.add(new Finding(RULE, file, 0, null, "is not UTF-8 text; save it as UTF-8 CSV"));
      return new OutputCsv(file, List.of(), List.of(), problems);
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    if (text.indexOf('\u0000') >= 0) {
      problems.add(new Finding(RULE, file, 0, null, "holds NUL bytes: a binary file, not CSV"));
      return new OutputCsv(file, List.of(), List.of(), problems);
    }
    List<String> header = null;
    List<Row> rows = new ArrayList<>();
    try (CsvRecordReader reader = new CsvRecordReader(new StringReader(text), ',')) {
      String[] fields;
      while ((fields = reader.next()) != null) {
        long number = reader.recordNumber();
        if (reader.lastRecordMalformed()) {
          problems.add(new Finding(RULE, file, number, null, "has a quote that is never closed"));
          continue;
        }
        if (blank(fields)) {
          continue;
        }
        if (header == null) {
          header = header(file, number, fields, problems);
          reader.expectFields(header.size());
          continue;
        }
        if (fields.length != header.size()) {
          problems.add(new Finding(RULE, file, number, null,
              "has " + fields.length + " fields but the header has " + header.size() + " (a ragged row: an unquoted comma, or a missing value)"));
          continue;
        }
        List<String> values = new ArrayList<>(fields.length);
        for (String field : fields) {
          values.add(field.strip());
        }
        rows.add(new Row(number, values));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (header == null) {
      problems.add(new Finding(RULE, file, 0, null, "is empty: no header and no rows"));
      return new OutputCsv(file, List.of(), List.of(), problems);
    }
    return new OutputCsv(file, header, rows, problems);
  }

  private static List<String> header(String file, long number, String[] fields, List<Finding> problems) {
    List<String> names = new ArrayList<>(fields.length);
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < fields.length; i++) {
      String name = fields[i].strip();
      if (name.isEmpty()) {
        problems.add(new Finding(RULE, file, number, null, "column " + (i + 1) + " of the header has no name"));
      } else if (!seen.add(name)) {
        problems.add(new Finding(RULE, file, number, name, "is named twice in the header"));
      }
      names.add(name);
    }
    return names;
  }

  private static boolean blank(String[] fields) {
    for (String field : fields) {
      if (!field.isBlank()) {
        return false;
      }
    }
    return true;
  }

  /** The index of a column in the header, or -1. */
  public int indexOf(String column) {
    return header.indexOf(column);
  }
}
