package org.carelake.linkage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class IdentityStandardiserTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "Zoë,ZOE",
      "Siân,SIAN",
      "O'Brien,OBRIEN",
      "O’Neill,ONEILL",
      "Smith-Jones,SMITH JONES",
      "'  mary   ann ',MARY ANN",
      "de la Cruz,DE LA CRUZ",
      "Müller,MULLER",
      "Smith--Jones.,SMITH JONES",
      "Ben2,BEN"})
  void namesAreUpperCaseWithoutAccentsOrPunctuation(String raw, String expected) {
    assertThat(IdentityStandardiser.name(raw)).isEqualTo(expected);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"   ", "-", "'"})
  void blankNamesAreMissing(String raw) {
    assertThat(IdentityStandardiser.name(raw)).isNull();
  }

  @Test
  void addressesKeepNumbersAndLoseCommasAndDots() {
    assertThat(IdentityStandardiser.address("12, High St.,  Salford")).isEqualTo("12 HIGH ST SALFORD");
    assertThat(IdentityStandardiser.address("Flat 3/4 St. John's Rd")).isEqualTo("FLAT 3 4 ST JOHNS RD");
    assertThat(IdentityStandardiser.address(" , ")).isNull();
    assertThat(IdentityStandardiser.address(null)).isNull();
  }

  @Test
  void postcodesGetOneSpace() {
    assertThat(IdentityStandardiser.postcode("m11aa")).isEqualTo("M1 1AA");
    assertThat(IdentityStandardiser.postcode(" SK8  3BX")).isEqualTo("SK8 3BX");
    assertThat(IdentityStandardiser.postcode("M1")).isNull();
  }

  @Test
  void nhsNumbersAreTenDigitsAndKeepABadCheckDigit() {
    assertThat(IdentityStandardiser.nhsNumber("999 123 4578")).isEqualTo("9991234578");
    assertThat(IdentityStandardiser.nhsNumber("999-123-4570")).isEqualTo("9991234570"); // fails Modulus 11
    assertThat(IdentityStandardiser.nhsNumber("999123457")).isNull();
    assertThat(IdentityStandardiser.nhsNumber("99912345X8")).isNull();
    assertThat(IdentityStandardiser.nhsNumber(null)).isNull();
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"M,M", "1,M", "male,M", "F,F", "2,F", "Female,F", "I,I", "9,I", "U,", "X,", "0,", "'',"})
  void unknownSexIsMissing(String raw, String expected) {
    assertThat(IdentityStandardiser.sex(raw)).isEqualTo(expected);
  }

  @Test
  void recordsAreStandardisedFieldByField() {
    IdentityRecord record = IdentityRecord.standardised("999 123 4578", "Zoë", "O'Brien", LocalDate.of(1980, 2, 3),
        "2", "m11aa", "12, High St.");
    assertThat(record).isEqualTo(new IdentityRecord("9991234578", "ZOE", "OBRIEN", LocalDate.of(1980, 2, 3), "F",
        "M1 1AA", "12 HIGH ST"));
  }
}
