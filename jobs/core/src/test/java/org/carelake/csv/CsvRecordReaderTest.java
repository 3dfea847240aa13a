package org.carelake.csv;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import org.junit.jupiter.api.Test;

class CsvRecordReaderTest {
  @Test
  void readsQuotedFieldsWithDelimitersQuotesAndLineBreaks() throws Exception {
    CsvRecordReader reader =
        new CsvRecordReader(new StringReader("a,b,c\n1,\"x, \"\"y\"\"\",\"two\nlines\"\r\n2,,\n"), ',');
    assertThat(reader.next()).containsExactly("a", "b", "c");
    assertThat(reader.next()).containsExactly("1", "x, \"y\"", "two\nlines");
    assertThat(reader.rawRecord()).isEqualTo("1,\"x, \"\"y\"\"\",\"two\nlines\"");
    assertThat(reader.next()).containsExactly("2", "", "");
    assertThat(reader.next()).isNull();
    assertThat(reader.recordNumber()).isEqualTo(3);
    assertThat(reader.lastRecordTerminated()).isTrue();
  }

  @Test
  void reportsATruncatedLastRecord() throws Exception {
    CsvRecordReader reader = new CsvRecordReader(new StringReader("a,b\n1,2\n3,"), ',');
    reader.next();
    reader.next();
    assertThat(reader.lastRecordTerminated()).isTrue();
    assertThat(reader.next()).containsExactly("3", "");
    assertThat(reader.lastRecordTerminated()).isFalse();
    assertThat(reader.rawRecord()).isEqualTo("3,");
  }

  @Test
  void anUnclosedQuoteCostsOnlyItsOwnLine() throws Exception {
    CsvRecordReader reader = new CsvRecordReader(new StringReader("a,b\n1,\"open\n2,x\n3,y\n"), ',');
    reader.expectFields(reader.next().length);
    assertThat(reader.next()).containsExactly("1,\"open");
    assertThat(reader.lastRecordMalformed()).isTrue();
    assertThat(reader.rawRecord()).isEqualTo("1,\"open");
    assertThat(reader.next()).containsExactly("2", "x");
    assertThat(reader.lastRecordMalformed()).isFalse();
    assertThat(reader.next()).containsExactly("3", "y");
    assertThat(reader.next()).isNull();
    assertThat(reader.recordNumber()).as("one record per line").isEqualTo(4);
    assertThat(reader.lastRecordTerminated()).isTrue();
  }

  @Test
  void aQuoteClosedOnALaterLineByAnotherFieldsQuoteIsStillCutBack() throws Exception {
    // The stray quote would pair with the quote that opens a field two lines down: the record that
    // makes has the right number of fields, but its closing quote is followed by text.
    CsvRecordReader reader =
        new CsvRecordReader(new StringReader("a,b\r\n1,\"open\r\n2,\"x\"\r\n3,\"y\"\r\n"), ',');
    reader.expectFields(2);
    reader.next();
    assertThat(reader.next()).containsExactly("1,\"open");
    assertThat(reader.lastRecordMalformed()).isTrue();
    assertThat(reader.next()).containsExactly("2", "x");
    assertThat(reader.next()).containsExactly("3", "y");
    assertThat(reader.next()).isNull();
  }

  @Test
  void aMultiLineRecordWithTheWrongNumberOfFieldsIsCutBack() throws Exception {
    CsvRecordReader reader = new CsvRecordReader(new StringReader("a,b,c\n1,\"x\n2\",z,w\n4,5,6\n"), ',');
    reader.expectFields(3);
    reader.next();
    assertThat(reader.next()).containsExactly("1,\"x");
    assertThat(reader.lastRecordMalformed()).isTrue();
    // The next line alone has a stray quote at its end: a literal character outside quotes.
    assertThat(reader.next()).containsExactly("2\"", "z", "w");
    assertThat(reader.next()).containsExactly("4", "5", "6");
    assertThat(reader.next()).isNull();
  }

  @Test
  void aWellFormedMultiLineFieldIsOneRecord() throws Exception {
    CsvRecordReader reader = new CsvRecordReader(new StringReader("a,b\n1,\"two\nlines\"\n2,x\n"), ',');
    reader.expectFields(2);
    reader.next();
    assertThat(reader.next()).containsExactly("1", "two\nlines");
    assertThat(reader.lastRecordMalformed()).isFalse();
    assertThat(reader.next()).containsExactly("2", "x");
  }

  @Test
  void aQuoteSpanningTooManyLinesIsTakenAsNeverClosing() throws Exception {
    StringBuilder text = new StringBuilder("a,b\n1,\"open\n");
    for (int i = 0; i < CsvRecordReader.MAX_LINES_IN_FIELD + 10; i++) {
      text.append(i).append(",x\n");
    }
    text.append("last,\"closes\"\n");
    CsvRecordReader reader = new CsvRecordReader(new StringReader(text.toString()), ',');
    reader.next();
    assertThat(reader.next()).containsExactly("1,\"open");
    assertThat(reader.lastRecordMalformed()).isTrue();
    int records = 0;
    while (reader.next() != null) {
      records++;
      assertThat(reader.lastRecordMalformed()).isFalse();
    }
    assertThat(records).isEqualTo(CsvRecordReader.MAX_LINES_IN_FIELD + 11);
  }

  @Test
  void aCarriageReturnAloneEndsALine() throws Exception {
    CsvRecordReader reader = new CsvRecordReader(new StringReader("a,b\r1,\"two\rlines\"\r2,\"open\r3,y\r"), ',');
    reader.expectFields(2);
    assertThat(reader.next()).containsExactly("a", "b");
    assertThat(reader.next()).containsExactly("1", "two\rlines");
    assertThat(reader.next()).containsExactly("2,\"open");
    assertThat(reader.lastRecordMalformed()).isTrue();
    assertThat(reader.next()).containsExactly("3", "y");
    assertThat(reader.rawRecord()).isEqualTo("3,y");
    assertThat(reader.next()).isNull();
    assertThat(reader.lastRecordTerminated()).isTrue();
  }
}
