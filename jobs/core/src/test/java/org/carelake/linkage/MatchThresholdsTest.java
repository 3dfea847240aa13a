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

  @Test
  void aPairLivingApartWithNoNumberToVouchForItGoesToReviewHoweverHighTheScore() {
    MatchThresholds thresholds = MatchThresholds.defaults();
    int[] namesakes = new int[Field.values().length];
    namesakes[Field.GIVEN_NAME.ordinal()] = Field.GIVEN_NAME.indexOf(Level.EXACT);
    namesakes[Field.FAMILY_NAME.ordinal()] = Field.FAMILY_NAME.indexOf(Level.EXACT);
    namesakes[Field.DATE_OF_BIRTH.ordinal()] = Field.DATE_OF_BIRTH.indexOf(Level.EXACT);
    namesakes[Field.SEX.ordinal()] = Field.SEX.indexOf(Level.EXACT);
    namesakes[Field.POSTCODE.ordinal()] = Field.POSTCODE.indexOf(Level.DIFFERENT);
    namesakes[Field.ADDRESS.ordinal()] = Field.ADDRESS.indexOf(Level.DIFFERENT);
    assertThat(MatchThresholds.movedOrNamesake(namesakes)).isTrue();
    assertThat(thresholds.decide(0.9999, namesakes)).isEqualTo(Decision.REVIEW);
    int[] differentNumbers = namesakes.clone();
    differentNumbers[Field.NHS_NUMBER.ordinal()] = Field.NHS_NUMBER.indexOf(Level.DIFFERENT);
    assertThat(thresholds.decide(0.9999, differentNumbers)).isEqualTo(Decision.REVIEW);
    int[] noAddress = namesakes.clone();
    noAddress[Field.ADDRESS.ordinal()] = Field.ADDRESS.indexOf(Level.MISSING);
    assertThat(thresholds.decide(0.9999, noAddress)).isEqualTo(Decision.REVIEW);
    // Any one of these vouches for the pair: the number, a nearby postcode, the same address, or no postcode to compare.
    for (int[] vouched : new int[][] {
        with(namesakes, Field.NHS_NUMBER, Level.EXACT), with(namesakes, Field.NHS_NUMBER, Level.TRANSPOSED),
        with(namesakes, Field.POSTCODE, Level.DISTRICT), with(namesakes, Field.POSTCODE, Level.CLOSE),
        with(namesakes, Field.ADDRESS, Level.EXACT), with(namesakes, Field.ADDRESS, Level.CLOSE),
        with(namesakes, Field.POSTCODE, Level.MISSING)}) {
      assertThat(MatchThresholds.movedOrNamesake(vouched)).isFalse();
      assertThat(thresholds.decide(0.9999, vouched)).isEqualTo(Decision.LINK);
    }
  }

  private static int[] with(int[] levels, Field field, Level level) {
    int[] copy = levels.clone();
    copy[field.ordinal()] = field.indexOf(level);
    return copy;
  }

  @ParameterizedTest(name = "link={0} review={1}")
  @CsvSource({"0.8,0.99", "0.9,0.9", "1.0,0.8", "0.99,0.0", "NaN,0.5"})
  void thresholdsOutOfOrderOrRangeAreRejected(double link, double review) {
    assertThatThrownBy(() -> new MatchThresholds(link, review))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("0 < review < link < 1");
  }
}
