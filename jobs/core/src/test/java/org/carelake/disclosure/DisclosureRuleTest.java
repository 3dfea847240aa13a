package org.carelake.disclosure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DisclosureRuleTest {
  private final DisclosureRule rule = DisclosureRule.defaults();

  @ParameterizedTest(name = "{0} is published as {1}")
  @CsvSource({"8,10", "12,10", "13,15", "17,15", "18,20", "100,100", "1234,1235"})
  void roundsToTheNearestFive(long count, long published) {
    assertThat(rule.count(count)).isEqualTo(new PublishedCell(count, published, CellStatus.ROUNDED));
  }

  @ParameterizedTest(name = "{0} is suppressed")
  @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7})
  void suppressesOneToSevenAndMarksIt(long count) {
    PublishedCell cell = rule.count(count);
    assertThat(cell.value()).isNull();
    assertThat(cell.status().label()).isEqualTo("suppressed");
  }

  @Test
  void zeroStaysZero() {
    assertThat(rule.count(0)).isEqualTo(new PublishedCell(0, 0L, CellStatus.ZERO));
    assertThat(CellStatus.ZERO.label()).isEqualTo("zero");
    assertThat(CellStatus.ROUNDED.label()).isEqualTo("rounded");
  }

  @Test
  void aRateNeedsBothCountsAtLeastEightAndUsesTheRoundedCounts() {
    assertThat(rule.rate(rule.count(7), rule.count(1000), 1000)).isNull();
    assertThat(rule.rate(rule.count(100), rule.count(7), 1000)).isNull();
    assertThat(rule.rate(rule.count(0), rule.count(1000), 1000)).isNull();
    assertThat(rule.rate(rule.count(12), rule.count(1003), 1000)).isEqualTo(10.0);
    assertThat(rule.rate(rule.count(8), rule.count(8), 100)).isEqualTo(100.0);
  }

  @Test
  void aRateOfASecondarilySuppressedCountIsNotShown() {
    PublishedCell hidden = rule.count(40).suppress();
    assertThat(rule.rate(hidden, rule.count(1000), 1000)).isNull();
  }

  @Test
  void stricterThresholdsNeedNoOverride() {
    DisclosureRule strict = new DisclosureRule(10, 10, Optional.empty());
    assertThat(strict.count(9).suppressed()).isTrue();
    assertThat(strict.count(14).value()).isEqualTo(10);
    assertThat(strict.count(15).value()).isEqualTo(20);
    assertThat(strict.weakerThanDefaults()).isFalse();
  }

  @Test
  void weakerThresholdsNeedAnExplicitOverride() {
    assertThatThrownBy(() -> new DisclosureRule(5, 5, Optional.empty())).hasMessageContaining("override");
    assertThatThrownBy(() -> new DisclosureRule(8, 1, Optional.of("  "))).hasMessageContaining("override");
    DisclosureRule weak = new DisclosureRule(3, 1, Optional.of("approved by the IG lead for a national return"));
    assertThat(weak.weakerThanDefaults()).isTrue();
    assertThat(weak.count(3).value()).isEqualTo(3);
  }

  @Test
  void aCountThatWouldRoundToZeroIsSuppressedNotShownAsZero() {
    DisclosureRule coarse = new DisclosureRule(8, 20, Optional.empty());
    assertThat(coarse.count(9).suppressed()).isTrue();
    assertThat(coarse.count(10).value()).isEqualTo(20);
  }

  @Test
  void aNegativeCountIsABug() {
    assertThatThrownBy(() -> rule.count(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aPublishedValueIsSafeOnlyWhenTheRuleCouldHaveShownIt() {
    assertThat(rule.checkPublished(0)).isEqualTo(DisclosureRule.Published.SAFE);
    assertThat(rule.checkPublished(10)).isEqualTo(DisclosureRule.Published.SAFE);
    assertThat(rule.checkPublished(1235)).isEqualTo(DisclosureRule.Published.SAFE);
    assertThat(rule.checkPublished(5)).isEqualTo(DisclosureRule.Published.SMALL);
    assertThat(rule.checkPublished(1)).isEqualTo(DisclosureRule.Published.SMALL);
    assertThat(rule.checkPublished(7)).isEqualTo(DisclosureRule.Published.SMALL);
    assertThat(rule.checkPublished(8)).isEqualTo(DisclosureRule.Published.UNROUNDED);
    assertThat(rule.checkPublished(13)).isEqualTo(DisclosureRule.Published.UNROUNDED);
    assertThat(rule.checkPublished(-5)).isEqualTo(DisclosureRule.Published.NEGATIVE);
    // Everything the rule publishes passes its own check.
    for (long raw = 0; raw < 500; raw++) {
      PublishedCell cell = rule.count(raw);
      if (!cell.suppressed()) {
        assertThat(rule.checkPublished(cell.value())).as("published %d", raw).isEqualTo(DisclosureRule.Published.SAFE);
      }
    }
  }
}
