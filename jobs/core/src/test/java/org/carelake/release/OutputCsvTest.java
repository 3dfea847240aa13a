package org.carelake.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Messy CSV becomes findings with row numbers, never a crash. */
class OutputCsvTest {
  private static OutputCsv parse(String text) {
    return OutputCsv.parse("messy.csv", text.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void aByteOrderMarkQuotedCommasAndBlankLinesAreRead() {
    OutputCsv csv = parse("\uFEFFcondition,patients\r\n\r\n\"Asthma, mild\",10\n\n\"He said \"\"hi\"\"\",15\n\n");
    assertThat(csv.problems()).isEmpty();
    assertThat(csv.header()).containsExactly("condition", "patients");
    assertThat(csv.rows()).extracting(OutputCsv.Row::number).containsExactly(3L, 5L);
    assertThat(csv.rows().get(0).values()).containsExactly("Asthma, mild", "10");
    assertThat(csv.rows().get(1).values()).containsExactly("He said \"hi\"", "15");
  }

  @Test
  void raggedRowsAreNamedByRow() {
    OutputCsv csv = parse("band,patients\na,10\nb,10,15\nc\n");
    assertThat(csv.rows()).hasSize(1);
    assertThat(csv.problems()).extracting(Finding::row).containsExactly(3L, 4L);
    assertThat(csv.problems().get(0).toString()).startsWith("messy.csv, row 3: has 3 fields but the header has 2");
  }

  @Test
  void anUnclosedQuoteEmptyFilesDuplicateColumnsAndBinaryAreFindings() {
    assertThat(parse("band,patients\n\"a,10\nb,10\n").problems()).extracting(Finding::row).contains(2L);
    assertThat(parse("").problems()).singleElement().satisfies(f -> assertThat(f.message()).contains("empty"));
    assertThat(parse("\n\n").problems()).singleElement().satisfies(f -> assertThat(f.message()).contains("empty"));
    assertThat(parse("band,band\na,b\n").problems()).singleElement().satisfies(f -> assertThat(f.message()).contains("twice"));
    assertThat(OutputCsv.parse("x.csv", new byte[] {(byte) 0xff, (byte) 0xfe, 0, 0}).problems()).singleElement()
        .satisfies(f -> assertThat(f.message()).contains("UTF-8"));
  }

  @Test
  void theCheckerRefusesAMessyFileWithAClearMessage() {
    OutputChecker.Result result = new OutputChecker(OutputChecker.Settings.defaults())
        .check("messy.csv", "band,patients\na,10\nb,10,15\n".getBytes(StandardCharsets.UTF_8), OutputRequest.none());
    assertThat(result.passed()).isFalse();
    assertThat(result.findings()).extracting(Finding::rule).containsExactly(OutputCsv.RULE);
  }
}
