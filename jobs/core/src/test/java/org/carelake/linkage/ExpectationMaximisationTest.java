package org.carelake.linkage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ExpectationMaximisationTest {
  private static final Field[] FIELDS = Field.values();
  private static final long BLOCKED_PAIRS = 1_000_000_000L;
  private static final long RANDOM_PAIRS = 1_000_000_000L;

  /** Non-missing m and u per field in level order (DIFFERENT first, EXACT last); all unlike defaults(). */
  private static final double[][] TRUE_M = {
      {0.08, 0.04, 0.88},
      {0.05, 0.02, 0.03, 0.06, 0.04, 0.01, 0.79},
      {0.10, 0.03, 0.05, 0.01, 0.81},
      {0.03, 0.05, 0.02, 0.02, 0.88},
      {0.02, 0.98},
      {0.30, 0.05, 0.05, 0.03, 0.57},
      {0.35, 0.10, 0.55}};
  private static final double[][] TRUE_U = {
      {0.995, 0.004, 0.001},
      {0.90, 0.02, 0.02, 0.03, 0.004, 0.001, 0.025},
      {0.96, 0.015, 0.015, 0.002, 0.008},
      {0.90, 0.08, 0.005, 0.002, 0.013},
      {0.5, 0.5},
      {0.90, 0.07, 0.02, 0.005, 0.005},
      {0.99, 0.007, 0.003}};
  /** Share of pairs missing each field, the same among matches and non-matches. */
  private static final double[] MISSING = {0.0, 0.05, 0.0, 0.0, 0.0, 0.10, 0.30};
  private static final double TRUE_LAMBDA = 0.3;
  private static final Map<Integer, Long> BLOCKED = expectedCounts(BLOCKED_PAIRS, TRUE_LAMBDA);
  private static final Map<Integer, Long> RANDOM = expectedCounts(RANDOM_PAIRS, 0.0);

  @Test
  void recoversTheParametersThatGeneratedTheCounts() {
    ExpectationMaximisation.Result result =
        ExpectationMaximisation.estimate(BLOCKED, RANDOM, FellegiSunterModel.defaults(), 500, 1e-7);

    assertThat(result.converged()).isTrue();
    assertThat(result.iterations()).isBetween(2, 500);
    FellegiSunterModel model = result.model();
    assertThat(model.lambda()).isCloseTo(TRUE_LAMBDA, within(0.01));
    for (Field field : FIELDS) {
      for (int level = 1; level < field.levels().size(); level++) {
        String parameter = field.label() + "/" + field.level(level).label();
        assertThat(model.m(field, level)).as("m " + parameter)
            .isCloseTo(TRUE_M[field.ordinal()][level - 1], within(0.02));
        assertThat(model.u(field, level)).as("u " + parameter)
            .isCloseTo(TRUE_U[field.ordinal()][level - 1], within(1e-6));
      }
    }
  }

  @Test
  void stopsAtMaxIterationsWithoutClaimingConvergence() {
    ExpectationMaximisation.Result result =
        ExpectationMaximisation.estimate(BLOCKED, RANDOM, FellegiSunterModel.defaults(), 2, 1e-12);
    assertThat(result.converged()).isFalse();
    assertThat(result.iterations()).isEqualTo(2);
  }

  @Test
  void uIsTheAddOneSmoothedShareOfRandomPairsIgnoringMissing() {
    int[] allDifferent = new int[FIELDS.length];
    java.util.Arrays.fill(allDifferent, 1);
    Map<Integer, Long> random = Map.of(
        Comparisons.pack(allDifferent), 97L,
        Comparisons.pack(new int[FIELDS.length]), 1_000L); // all missing: no evidence about u
    Map<Integer, Long> blocked = Map.of(Comparisons.pack(allDifferent), 10L);

    FellegiSunterModel model =
        ExpectationMaximisation.estimate(blocked, random, FellegiSunterModel.defaults(), 5, 1e-6).model();

    // NHS number has 3 non-missing levels: (97 + 1) / (97 + 3) and (0 + 1) / (97 + 3).
    assertThat(model.u(Field.NHS_NUMBER, 1)).isCloseTo(0.98, within(1e-12));
    assertThat(model.u(Field.NHS_NUMBER, Field.NHS_NUMBER.exactIndex())).isCloseTo(0.01, within(1e-12));
    assertThat(model.u(Field.SEX, 1)).isCloseTo(98.0 / 99, within(1e-12));
  }

  @Test
  void mNeverFallsToZeroAndAFieldMissingEverywhereKeepsItsStartingValues() {
    int[] pattern = new int[FIELDS.length];
    pattern[Field.DATE_OF_BIRTH.ordinal()] = Field.DATE_OF_BIRTH.exactIndex();
    Map<Integer, Long> blocked = Map.of(Comparisons.pack(pattern), 1_000L);
    FellegiSunterModel start = FellegiSunterModel.defaults();

    FellegiSunterModel model =
        ExpectationMaximisation.estimate(blocked, blocked, start, 50, 1e-9).model();

    assertThat(model.m(Field.DATE_OF_BIRTH, 1)).isGreaterThan(0).isLessThan(1e-4);
    for (int level = 1; level < Field.SEX.levels().size(); level++) {
      assertThat(model.m(Field.SEX, level)).isEqualTo(start.m(Field.SEX, level));
    }
  }

  @Test
  void rejectsUnusableInput() {
    Map<Integer, Long> some = Map.of(0, 1L);
    FellegiSunterModel start = FellegiSunterModel.defaults();
    assertThatThrownBy(() -> ExpectationMaximisation.estimate(Map.of(), some, start, 10, 1e-6))
        .hasMessageContaining("no blocked pairs");
    assertThatThrownBy(() -> ExpectationMaximisation.estimate(Map.of(0, -1L), some, start, 10, 1e-6))
        .hasMessageContaining("negative count");
    assertThatThrownBy(() -> ExpectationMaximisation.estimate(Map.of(15, 1L), some, start, 10, 1e-6))
        .hasMessageContaining("level index 15 for nhs_number");
    assertThatThrownBy(() -> ExpectationMaximisation.estimate(Map.of(1 << 30, 1L), some, start, 10, 1e-6))
        .hasMessageContaining("beyond the 7 fields");
    assertThatThrownBy(() -> ExpectationMaximisation.estimate(some, some, start, 0, 1e-6))
        .hasMessageContaining("maxIterations");
    assertThatThrownBy(() -> ExpectationMaximisation.estimate(some, some, start, 10, 0))
        .hasMessageContaining("tolerance");
    assertThatThrownBy(() -> ExpectationMaximisation.estimate(some, null, start, 10, 1e-6))
        .hasMessage("randomPatternCounts is null");
  }

  /**
   * The expected number of pairs with each pattern among {@code pairs} pairs of which a share
   * {@code lambda} are matches drawn from TRUE_M and the rest non-matches drawn from TRUE_U,
   * rounded to whole pairs: the counts an infinite sample would converge to.
   */
  private static Map<Integer, Long> expectedCounts(long pairs, double lambda) {
    Map<Integer, Long> counts = new HashMap<>();
    int[] levels = new int[FIELDS.length];
    while (true) {
      double match = lambda;
      double nonMatch = 1 - lambda;
      for (int f = 0; f < FIELDS.length; f++) {
        double present = levels[f] == 0 ? MISSING[f] : 1 - MISSING[f];
        match *= levels[f] == 0 ? present : present * TRUE_M[f][levels[f] - 1];
        nonMatch *= levels[f] == 0 ? present : present * TRUE_U[f][levels[f] - 1];
      }
      long count = Math.round(pairs * (match + nonMatch));
      if (count > 0) {
        counts.put(Comparisons.pack(levels), count);
      }
      if (!next(levels)) {
        return counts;
      }
    }
  }

  /** Advances to the next combination of levels, skipping MISSING where a field is never missing. */
  private static boolean next(int[] levels) {
    for (int f = 0; f < FIELDS.length; f++) {
      levels[f]++;
      if (levels[f] < FIELDS[f].levels().size()) {
        return true;
      }
      levels[f] = MISSING[f] > 0 ? 0 : 1;
    }
    return false;
  }
}
