package org.carelake.identity;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NhsNumberTest {
  @ParameterizedTest
  @ValueSource(strings = {"9434765919", "9434765870", "4010232137", "9990000018"})
  void acceptsNumbersWithValidCheckDigit(String number) {
    assertThat(NhsNumber.isValid(number)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"9991234560", "9876544321", "999000001", "99900000180", "99900000x8", ""})
  void rejectsBadCheckDigitsAndShapes(String number) {
    assertThat(NhsNumber.isValid(number)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"0000000000", "1111111111", "2222222222", "4444444444", "9999999999"})
  void rejectsTenIdenticalDigitsThoughTheyPassModulus11(String placeholder) {
    String firstNine = placeholder.substring(0, 9);
    assertThat(NhsNumber.checkDigitFor(firstNine)).as("Modulus 11 alone accepts it").isEqualTo(placeholder.charAt(9) - '0');
    assertThat(NhsNumber.isValid(placeholder)).isFalse();
  }

  @org.junit.jupiter.api.Test
  void checkDigitOfTenMeansNoValidNumber() {
    // 999 000 001 weights to a remainder that needs check digit 10 for some prefixes; find one.
    int invalidPrefixes = 0;
    for (int i = 0; i < 100; i++) {
      String prefix = String.format("999000%03d", i);
      int check = NhsNumber.checkDigitFor(prefix);
      if (check < 0) {
        invalidPrefixes++;
      } else {
        assertThat(NhsNumber.isValid(prefix + check)).isTrue();
      }
    }
    assertThat(invalidPrefixes).isBetween(1, 20);
  }

  @org.junit.jupiter.api.Test
  void normaliseRemovesSpacesAndDashes() {
    assertThat(NhsNumber.normalise("999 000-0018")).isEqualTo("9990000018");
  }
}
