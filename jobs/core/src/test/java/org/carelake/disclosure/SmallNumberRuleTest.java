package org.carelake.disclosure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SmallNumberRuleTest {
  @ParameterizedTest(name = "{0} is published as {1}")
  @CsvSource({"0,0", "8,10", "12,10", "13,15", "17,15", "18,20", "100,100", "1234,1235"})
  void roundsToNearestFive(long count, long published) {
    assertThat(SmallNumberRule.safeCount(count)).isEqualTo(published);
  }

  @ParameterizedTest(name = "{0} is suppressed")
  @CsvSource({"1", "2", "5", "7"})
  void suppressesOneToSeven(long count) {
    assertThat(SmallNumberRule.safeCount(count)).isNull();
  }

  @Test
  void rateNeedsBothCountsAtLeastEight() {
    assertThat(SmallNumberRule.safeRate(7, 1000, 1000)).isNull();
    assertThat(SmallNumberRule.safeRate(100, 7, 1000)).isNull();
    assertThat(SmallNumberRule.safeRate(12, 1003, 1000)).isEqualTo(10.0);
  }

  @Test
  void negativeCountIsABug() {
    assertThatThrownBy(() -> SmallNumberRule.safeCount(-1)).isInstanceOf(IllegalArgumentException.class);
  }
}
