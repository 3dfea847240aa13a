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

  @Test
  void givenNamesThatDifferOutrightGoToReviewHoweverHighTheScore() {
    MatchThresholds thresholds = MatchThresholds.defaults();
    int[] twins = new int[Field.values().length];
    twins[Field.GIVEN_NAME.ordinal()] = Field.GIVEN_NAME.indexOf(Level.DIFFERENT);
    twins[Field.FAMILY_NAME.ordinal()] = Field.FAMILY_NAME.indexOf(Level.EXACT);
    twins[Field.DATE_OF_BIRTH.ordinal()] = Field.DATE_OF_BIRTH.indexOf(Level.EXACT);
    assertThat(thresholds.decide(0.9999, twins)).isEqualTo(Decision.REVIEW);
    assertThat(thresholds.decide(0.5, twins)).isEqualTo(Decision.NO_LINK);
    int[] nickname = twins.clone();
    nickname[Field.GIVEN_NAME.ordinal()] = Field.GIVEN_NAME.indexOf(Level.NICKNAME);
    assertThat(thresholds.decide(0.9999, nickname)).isEqualTo(Decision.LINK);
    int[] noGivenName = twins.clone();
    noGivenName[Field.GIVEN_NAME.ordinal()] = Field.GIVEN_NAME.indexOf(Level.MISSING);
    assertThat(thresholds.decide(0.9999, noGivenName)).isEqualTo(Decision.LINK);
  }

  @ParameterizedTest(name = "link={0} review={1}")
  @CsvSource({"0.8,0.99", "0.9,0.9", "1.0,0.8", "0.99,0.0", "NaN,0.5"})
  void thresholdsOutOfOrderOrRangeAreRejected(double link, double review) {
    assertThatThrownBy(() -> new MatchThresholds(link, review))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0 < review < link < 1");
  }
}
