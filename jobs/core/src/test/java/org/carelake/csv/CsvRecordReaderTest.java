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
}
