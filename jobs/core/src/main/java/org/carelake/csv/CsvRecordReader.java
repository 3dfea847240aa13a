package org.carelake.csv;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * A streaming RFC 4180 reader: fields split on a delimiter, double quotes around fields that hold
 * delimiters, quotes or line breaks, and {@code ""} for a quote inside them. Accepts {@code \n} and
 * {@code \r\n} line ends. It keeps each record's raw text, so a rejected row can be quarantined
 * exactly as it was sent, and it reports whether the last record ended with a line break, which a
 * truncated file's does not.
 */
public final class CsvRecordReader implements AutoCloseable {
  private static final int EOF = -1;

  private final Reader in;
  private final char delimiter;
  private final char[] buffer = new char[64 * 1024];
  private int position;
  private int limit;
  private final StringBuilder raw = new StringBuilder(256);
  private final StringBuilder field = new StringBuilder(64);
  private long recordNumber;
  private boolean lastTerminated = true;

  public CsvRecordReader(Reader in, char delimiter) {
    this.in = requireNonNull(in, "in is null");
    this.delimiter = delimiter;
  }

  /** The next record's fields, or null at the end of the input. */
  public String[] next() throws IOException {
    raw.setLength(0);
    int c = read();
    if (c == EOF) {
      return null;
    }
    List<String> fields = new ArrayList<>(24);
    field.setLength(0);
    boolean quoted = false;
    boolean fieldStart = true;
    while (true) {
      if (c == EOF) {
        fields.add(field.toString());
        lastTerminated = false;
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
            c = peek;
            continue;
          }
        } else {
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
        int peek = read();
        if (peek == '\n') {
          fields.add(field.toString());
          lastTerminated = true;
          break;
        }
        field.append(ch);
        c = peek;
        fieldStart = false;
        continue;
      } else {
        field.append(ch);
        fieldStart = false;
      }
      c = read();
    }
    recordNumber++;
    return fields.toArray(new String[0]);
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

  private int read() throws IOException {
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
