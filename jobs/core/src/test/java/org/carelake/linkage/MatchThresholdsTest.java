package org.carelake.linkage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.carelake.linkage.MatchThresholds.Decision;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MatchThresholdsTest {
  @Test
  void defaultsArePinned() {
    assertThat(MatchThresholds.defaults()).isEqualTo(new MatchThresholds(0.99, 0.80));
  }

  @Test
  void probabilitiesAtAThresholdTakeTheHigherDecision() {
    MatchThresholds thresholds = MatchThresholds.defaults();
    assertThat(thresholds.decide(0.995)).isEqualTo(Decision.LINK);
    assertThat(thresholds.decide(0.99)).isEqualTo(Decision.LINK);
    assertThat(thresholds.decide(0.9)).isEqualTo(Decision.REVIEW);
    assertThat(thresholds.decide(0.80)).isEqualTo(Decision.REVIEW);
    assertThat(thresholds.decide(0.5)).isEqualTo(Decision.NO_LINK);
    assertThat(thresholds.decide(Double.NaN)).isEqualTo(Decision.NO_LINK);
  }

  @ParameterizedTest(name = "link={0} review={1}")
  @CsvSource({"0.8,0.99", "0.9,0.9", "1.0,0.8", "0.99,0.0", "NaN,0.5"})
  void thresholdsOutOfOrderOrRangeAreRejected(double link, double review) {
    assertThatThrownBy(() -> new MatchThresholds(link, review))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0 < review < link < 1");
  }
}
