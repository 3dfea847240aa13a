package org.carelake.csv;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * A streaming RFC 4180 reader: fields split on a delimiter, double quotes around fields that hold
 * delimiters, quotes or line breaks, and {@code ""} for a quote inside them. Accepts {@code \n},
 * {@code \r\n} and {@code \r} line ends. It keeps each record's raw text, so a rejected row can be quarantined
 * exactly as it was sent, and it reports whether the last record ended with a line break, which a
 * truncated file's does not.
 *
 * <p>A quote a source forgot to close must not swallow the lines after it into one record. A quoted
 * field may span lines only when the record it ends up in is well formed: the quote closes before
 * the end of the input, is followed by a delimiter or a line break, and (once {@link
 * #expectFields} is set) the record has the header's number of fields. Otherwise the record is cut
 * back to its first line, returned as {@linkplain #lastRecordMalformed() malformed}, and reading
 * resumes on the next line, so every physical line is still one record.
 */
public final class CsvRecordReader implements AutoCloseable {
  private static final int EOF = -1;
  /**
   * Line breaks one quoted field may hold. More is taken as a quote that never closes, which keeps
   * a file of unbalanced quotes from costing a pass over the rest of the file per line.
   */
  static final int MAX_LINES_IN_FIELD = 500;

  private final Reader in;
  private final char delimiter;
  private final char[] buffer = new char[64 * 1024];
  private int position;
  private int limit;
  private final StringBuilder raw = new StringBuilder(256);
  private final StringBuilder field = new StringBuilder(64);
  private long recordNumber;
  private boolean lastTerminated = true;
  private boolean lastMalformed;
  private int expectedFields;
  /** Text handed back after a malformed record, read again before the underlying reader. */
  private final StringBuilder pushedBack = new StringBuilder();
  private int pushedBackPosition;
  private boolean lastReadPushedBack;

  public CsvRecordReader(Reader in, char delimiter) {
    this.in = requireNonNull(in, "in is null");
    this.delimiter = delimiter;
  }

  /** The next record's fields, or null at the end of the input. */
  public String[] next() throws IOException {
    raw.setLength(0);
    lastMalformed = false;
    int c = read();
    if (c == EOF) {
      return null;
    }
    List<String> fields = new ArrayList<>(24);
    field.setLength(0);
    boolean quoted = false;
    boolean fieldStart = true;
    int firstQuotedBreak = -1; // where in raw the first line break inside quotes is
    boolean strayAfterQuote = false; // a closing quote followed by something other than a delimiter or line end
    boolean unclosed = false;
    int breaksInField = 0;
    while (true) {
      if (c == EOF) {
        fields.add(field.toString());
        lastTerminated = false;
        unclosed = quoted;
        break;
      }
      char ch = (char) c;
      if (quoted) {
        if (ch == '"') {
          int peek = read();
          if (peek == '"') {
            field.append('"');
          } else {
            quoted = false;
            breaksInField = 0;
            strayAfterQuote |= peek != EOF && peek != delimiter && peek != '\n' && peek != '\r';
            c = peek;
            continue;
          }
        } else {
          if (ch == '\r') {
            // CR LF is one line break, counted at its LF; a CR alone is a line break of its own.
            int peek = read();
            field.append(ch);
            if (peek != '\n') {
              if (firstQuotedBreak < 0) {
                firstQuotedBreak = raw.length() - (peek == EOF ? 1 : 2);
              }
              if (++breaksInField > MAX_LINES_IN_FIELD) {
                recordNumber++;
                return cutBackToFirstLine(firstQuotedBreak);
              }
            }
            c = peek;
            continue;
          }
          if (ch == '\n') {
            if (firstQuotedBreak < 0) {
              firstQuotedBreak = raw.length() - 1;
            }
            if (++breaksInField > MAX_LINES_IN_FIELD) {
              recordNumber++;
              return cutBackToFirstLine(firstQuotedBreak);
            }
          }
          field.append(ch);
        }
      } else if (ch == '"' && fieldStart) {
        quoted = true;
        fieldStart = false;
      } else if (ch == delimiter) {
        fields.add(field.toString());
        field.setLength(0);
        fieldStart = true;
      } else if (ch == '\n') {
        fields.add(field.toString());
        lastTerminated = true;
        break;
      } else if (ch == '\r') {
        // CR LF, or a CR alone (the old Mac line end): the record ends either way.
        int peek = read();
        if (peek != '\n' && peek != EOF) {
          unread();
        }
        fields.add(field.toString());
        lastTerminated = true;
        break;
      } else {
        field.append(ch);
        fieldStart = false;
      }
      c = read();
    }
    recordNumber++;
    if (firstQuotedBreak >= 0
        && (unclosed || strayAfterQuote || (expectedFields > 0 && fields.size() != expectedFields))) {
      return cutBackToFirstLine(firstQuotedBreak);
    }
    return fields.toArray(new String[0]);
  }

  /**
   * The number of fields every record should have (the header's); a record whose quoted line break
   * leaves it with another number is malformed, not multi-line. Zero, the default, checks only the
   * quote itself.
   */
  public void expectFields(int fields) {
    this.expectedFields = fields;
  }

  /**
   * True when the record {@link #next()} returned last was a line whose quote does not close
   * within a well-formed record: its one field is the line's raw text, and the lines after it are
   * read as records of their own.
   */
  public boolean lastRecordMalformed() {
    return lastMalformed;
  }

  private String[] cutBackToFirstLine(int lineBreak) {
    String rest = raw.substring(lineBreak + 1);
    pushedBack.delete(0, pushedBackPosition).insert(0, rest);
    pushedBackPosition = 0;
    raw.setLength(lineBreak + 1);
    lastTerminated = true;
    lastMalformed = true;
    return new String[] {rawRecord()};
  }

  /** The raw text of the record {@link #next()} returned last, without its line break. */
  public String rawRecord() {
    int end = raw.length();
    while (end > 0 && (raw.charAt(end - 1) == '\n' || raw.charAt(end - 1) == '\r')) {
      end--;
    }
    return raw.substring(0, end);
  }

  /** Records read so far, the header included. */
  public long recordNumber() {
    return recordNumber;
  }

  /** False when the last record read ran into the end of the input without a line break. */
  public boolean lastRecordTerminated() {
    return lastTerminated;
  }

  /** Hands back the character {@link #read()} returned last, for the next record. */
  private void unread() {
    raw.setLength(raw.length() - 1);
    if (lastReadPushedBack) {
      pushedBackPosition--;
    } else {
      position--;
    }
  }

  private int read() throws IOException {
    lastReadPushedBack = pushedBackPosition < pushedBack.length();
    if (lastReadPushedBack) {
      char ch = pushedBack.charAt(pushedBackPosition++);
      raw.append(ch);
      return ch;
    }
    if (position == limit) {
      limit = in.read(buffer, 0, buffer.length);
      position = 0;
      if (limit <= 0) {
        limit = 0;
        return EOF;
      }
    }
    char ch = buffer[position++];
    raw.append(ch);
    return ch;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
