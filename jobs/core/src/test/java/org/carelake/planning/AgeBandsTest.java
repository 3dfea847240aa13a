package org.carelake.planning;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AgeBandsTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"0,0-4", "4,0-4", "5,5-17", "17,5-17", "18,18-34", "34,18-34", "35,35-49", "50,50-64", "65,65-79", "79,65-79",
      "80,80+", "104,80+", "-1,Unknown", "131,Unknown"})
  void bandsAreClosedOnTheLowerAge(int age, String band) {
    assertThat(AgeBands.of(age)).isEqualTo(band);
  }

  @org.junit.jupiter.api.Test
  void missingAgeIsUnknown() {
    assertThat(AgeBands.of(null)).isEqualTo("Unknown");
  }
}
