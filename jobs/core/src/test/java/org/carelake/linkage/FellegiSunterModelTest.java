package org.carelake.linkage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.time.LocalDate;
import java.util.Arrays;
import org.carelake.linkage.FellegiSunterModel.Contribution;
import org.carelake.linkage.FellegiSunterModel.Explanation;
import org.junit.jupiter.api.Test;

class FellegiSunterModelTest {
  private static final int FIELDS = Field.values().length;
  private static final double NO_TF = Double.NaN;

  /**
   * A model whose weights are whole numbers of bits: λ = 0.2 gives a prior of log2(0.25) = -2;
   * NHS number different -1, transposed 0, exact +1; family name different -3, phonetic -1,
   * close 0, swapped +1, exact +2; every other field m = u, weight 0.
   */
  static FellegiSunterModel handModel() {
    double[][] m = new double[FIELDS][];
    double[][] u = new double[FIELDS][];
    for (Field field : Field.values()) {
      double[] uniform = new double[field.levels().size()];
      Arrays.fill(uniform, 1.0 / (uniform.length - 1));
      m[field.ordinal()] = uniform;
      u[field.ordinal()] = uniform;
    }
    m[Field.NHS_NUMBER.ordinal()] = new double[] {0, 0.25, 0.25, 0.5};
    u[Field.NHS_NUMBER.ordinal()] = new double[] {0, 0.5, 0.25, 0.25};
    m[Field.FAMILY_NAME.ordinal()] = new double[] {0, 1.0 / 16, 1.0 / 16, 1.0 / 8, 1.0 / 4, 1.0 / 2};
    u[Field.FAMILY_NAME.ordinal()] = new double[] {0, 1.0 / 2, 1.0 / 8, 1.0 / 8, 1.0 / 8, 1.0 / 8};
    return new FellegiSunterModel(0.2, m, u);
  }

  private static int[] levels(Level nhs, Level family) {
    int[] levels = new int[FIELDS];
    levels[Field.NHS_NUMBER.ordinal()] = Field.NHS_NUMBER.indexOf(nhs);
    levels[Field.FAMILY_NAME.ordinal()] = Field.FAMILY_NAME.indexOf(family);
    return levels;
  }

  private static double[] familyFrequency(double frequency) {
    double[] tf = new double[FIELDS];
    Arrays.fill(tf, NO_TF);
    tf[Field.FAMILY_NAME.ordinal()] = frequency;
    return tf;
  }

  @Test
  void matchWeightIsThePriorPlusTheFieldWeights() {
    FellegiSunterModel model = handModel();
    assertThat(model.matchWeight(levels(Level.EXACT, Level.EXACT))).isCloseTo(-2 + 1 + 2, within(1e-12));
    assertThat(model.matchWeight(levels(Level.DIFFERENT, Level.PHONETIC))).isCloseTo(-2 - 1 - 1, within(1e-12));
    assertThat(model.matchWeight(levels(Level.MISSING, Level.SWAPPED))).isCloseTo(-2 + 1, within(1e-12));
    assertThat(model.matchWeight(levels(Level.MISSING, Level.MISSING))).isCloseTo(-2, within(1e-12));
  }

  @Test
  void probabilityOfAWeight() {
    assertThat(FellegiSunterModel.probability(1)).isCloseTo(2.0 / 3, within(1e-12));
    assertThat(FellegiSunterModel.probability(-4)).isCloseTo(1.0 / 17, within(1e-12));
    assertThat(FellegiSunterModel.probability(0)).isEqualTo(0.5);
    assertThat(FellegiSunterModel.probability(2000)).isEqualTo(1.0);
    assertThat(FellegiSunterModel.probability(-2000)).isEqualTo(0.0);
  }

  @Test
  void missingLevelsAreIgnoredAndReadAsOne() {
    FellegiSunterModel model = handModel();
    assertThat(model.m(Field.NHS_NUMBER, 0)).isEqualTo(1.0);
    assertThat(model.u(Field.NHS_NUMBER, 0)).isEqualTo(1.0);
    assertThat(model.m(Field.FAMILY_NAME, Field.FAMILY_NAME.exactIndex())).isEqualTo(0.5);
    assertThat(model.lambda()).isEqualTo(0.2);
  }

  @Test
  void termFrequencyReplacesUForAnExactAgreement() {
    FellegiSunterModel model = handModel();
    int[] exact = levels(Level.MISSING, Level.EXACT);
    double plain = model.matchWeight(exact);
    // m(exact) = 1/2: a surname shared by 1 in 1024 gives log2(512) = 9 bits instead of 2.
    assertThat(model.matchWeight(exact, familyFrequency(1.0 / 1024))).isCloseTo(-2 + 9, within(1e-12));
    assertThat(model.matchWeight(exact, familyFrequency(1.0 / 4))).isCloseTo(-2 + 1, within(1e-12));
    assertThat(model.matchWeight(exact, familyFrequency(NO_TF))).isEqualTo(plain);
    assertThat(model.matchWeight(exact, null)).isEqualTo(plain);
    assertThat(model.matchWeight(exact, familyFrequency(0))).isCloseTo(-2 + Math.log(0.5 / 1e-6) / Math.log(2),
        within(1e-9));
  }

  @Test
  void aRareSharedSurnameCountsForMoreThanASharedSmith() {
    FellegiSunterModel model = FellegiSunterModel.defaults();
    int[] exact = levels(Level.MISSING, Level.EXACT);
    double plain = model.matchWeight(exact);
    double rare = model.matchWeight(exact, familyFrequency(1e-5));
    double smith = model.matchWeight(exact, familyFrequency(0.013)); // about 1 in 75 people in England
    assertThat(rare).isGreaterThan(plain);
    assertThat(smith).isLessThan(plain);
  }

  @Test
  void termFrequencyIsIgnoredBelowExactAndForUnadjustedFields() {
    FellegiSunterModel model = handModel();
    int[] close = levels(Level.MISSING, Level.CLOSE);
    assertThat(model.matchWeight(close, familyFrequency(1e-5))).isEqualTo(model.matchWeight(close));
    int[] nhsExact = levels(Level.EXACT, Level.MISSING);
    double[] tf = new double[FIELDS];
    Arrays.fill(tf, 1e-5);
    assertThat(model.matchWeight(nhsExact, tf)).isEqualTo(model.matchWeight(nhsExact));
  }

  @Test
  void explanationListsContributionsLargestFirstAndSummarisesWithoutMissingFields() {
    Explanation explanation = handModel().explain(levels(Level.DIFFERENT, Level.EXACT), null);
    assertThat(explanation.matchWeight()).isCloseTo(-1, within(1e-12));
    assertThat(explanation.probability()).isCloseTo(1.0 / 3, within(1e-12));
    assertThat(explanation.contributions()).hasSize(FIELDS);
    assertThat(explanation.contributions().get(0)).isEqualTo(new Contribution(Field.FAMILY_NAME, Level.EXACT, 2));
    assertThat(explanation.contributions().get(1)).isEqualTo(new Contribution(Field.NHS_NUMBER, Level.DIFFERENT, -1));
    assertThat(explanation.summary()).isEqualTo("family_name=exact(+2.0) nhs_number=different(-1.0)");
  }

  @Test
  void summaryRoundsToOneDecimalWithASign() {
    Explanation explanation = new Explanation(0, 0.5, java.util.List.of(
        new Contribution(Field.SEX, Level.EXACT, 9.75),
        new Contribution(Field.POSTCODE, Level.DIFFERENT, -4.21),
        new Contribution(Field.GIVEN_NAME, Level.CLOSE, -0.04),
        new Contribution(Field.ADDRESS, Level.MISSING, 0)));
    assertThat(explanation.summary()).isEqualTo("sex=exact(+9.8) postcode=different(-4.2) given_name=close(+0.0)");
  }

  @Test
  void explanationAgreesWithTheTermFrequencyAdjustedWeight() {
    FellegiSunterModel model = handModel();
    int[] pattern = levels(Level.EXACT, Level.EXACT);
    Explanation explanation = model.explain(pattern, familyFrequency(1.0 / 1024));
    assertThat(explanation.matchWeight()).isEqualTo(model.matchWeight(pattern, familyFrequency(1.0 / 1024)));
    assertThat(explanation.summary()).startsWith("family_name=exact(+9.0) nhs_number=exact(+1.0)");
  }

  @Test
  void summaryOfRealRecordsCarriesLevelsAndWeightsButNoValues() {
    IdentityRecord a = new IdentityRecord("9991234578", "ZOE", "OBRIEN", LocalDate.of(1980, 2, 3), "F", "M1 1AA",
        "12 OLDHAM ROAD");
    IdentityRecord b = new IdentityRecord(null, "ZOE", "OBRIEN", LocalDate.of(1980, 2, 3), "F", "SK8 3BX", null);
    String summary = FellegiSunterModel.defaults().explain(Comparisons.compare(a, b), null).summary();
    assertThat(summary).matches("([a-z_]+=[a-z_]+\\([+-]\\d+\\.\\d\\) ?)+");
    assertThat(summary.split(" ")).hasSize(5);
    assertThat(summary).contains("date_of_birth=exact(+", "family_name=exact(+", "postcode=different(-")
        .doesNotContain("nhs_number", "address", "ZOE", "OBRIEN", "1980", "M1 1AA", "SK8", "9991234578");
  }

  @Test
  void textRoundTripsExactlyAndKeepsTheVersion() {
    for (FellegiSunterModel model : new FellegiSunterModel[] {handModel(), FellegiSunterModel.defaults()}) {
      FellegiSunterModel parsed = FellegiSunterModel.parse(model.toText());
      assertThat(parsed).isEqualTo(model).hasSameHashCodeAs(model);
      assertThat(parsed.version()).isEqualTo(model.version());
      assertThat(parsed.toText()).isEqualTo(model.toText());
    }
  }

  @Test
  void textIsOneReadableLinePerParameter() {
    String text = handModel().toText();
    assertThat(text).contains("\nlambda 0.2\n", "\nm family_name exact 0.5\n", "\nu family_name exact 0.125\n",
        "\nm nhs_number transposed 0.25\n");
    assertThat(text).doesNotContain(" missing ");
    int parameters = 1 + 2 * Arrays.stream(Field.values()).mapToInt(f -> f.levels().size() - 1).sum();
    assertThat(text.lines().filter(line -> !line.startsWith("#")).count()).isEqualTo(parameters);
  }

  @Test
  void versionIsPinnedToTheParameters() {
    FellegiSunterModel model = handModel();
    assertThat(model.version()).matches("fs-[0-9a-f]{12}").isEqualTo(handModel().version());
    // Pinned: stored models are keyed by version, so a change to the text format must be deliberate.
    assertThat(model.version()).isEqualTo(PINNED_HAND_MODEL_VERSION);
    String changed = model.toText().replace("lambda 0.2", "lambda 0.25");
    assertThat(FellegiSunterModel.parse(changed).version()).isNotEqualTo(model.version());
  }

  private static final String PINNED_HAND_MODEL_VERSION = "fs-289ebf3fb28c";

  @Test
  void parseIgnoresCommentsAndBlankLinesAndNamesTheBadLine() {
    String text = handModel().toText();
    assertThat(FellegiSunterModel.parse("\n# hand edited\n" + text.replace("\n", "\r\n"))).isEqualTo(handModel());
    assertThatThrownBy(() -> FellegiSunterModel.parse(text.replace("m family_name exact", "m surname exact")))
        .hasMessageMatching("model text line \\d+: unknown field 'surname'.*");
    assertThatThrownBy(() -> FellegiSunterModel.parse(text.replace("m sex exact", "m sex close")))
        .hasMessageContaining("'close' is not a non-missing level of sex");
    assertThatThrownBy(() -> FellegiSunterModel.parse(text.replace("lambda 0.2", "lambda abc")))
        .hasMessageContaining("'abc' is not a number");
    assertThatThrownBy(() -> FellegiSunterModel.parse(text + "lambda 0.3\n"))
        .hasMessageContaining("lambda is given twice");
    assertThatThrownBy(() -> FellegiSunterModel.parse(text.lines().filter(l -> !l.startsWith("u sex exact"))
        .reduce("", (a, b) -> a + b + "\n"))).hasMessageContaining("no line 'u sex exact <p>'");
    assertThatThrownBy(() -> FellegiSunterModel.parse(text.replace("m sex exact 0.5", "m sex exact 0.9")))
        .hasMessageContaining("m for sex must sum to 1");
  }

  @Test
  void constructorRejectsImpossibleParameters() {
    double[][] m = FellegiSunterModelTestSupport.rows(handModel(), true);
    double[][] u = FellegiSunterModelTestSupport.rows(handModel(), false);
    assertThatThrownBy(() -> new FellegiSunterModel(0, m, u)).hasMessageContaining("lambda");
    assertThatThrownBy(() -> new FellegiSunterModel(1, m, u)).hasMessageContaining("lambda");
    assertThatThrownBy(() -> new FellegiSunterModel(Double.NaN, m, u)).hasMessageContaining("lambda");
    assertThatThrownBy(() -> new FellegiSunterModel(0.2, null, u)).hasMessage("m is null");
    assertThatThrownBy(() -> new FellegiSunterModel(0.2, Arrays.copyOf(m, 6), u))
        .hasMessageContaining("one row per field");
    double[][] shortRow = m.clone();
    shortRow[Field.SEX.ordinal()] = new double[] {1, 1};
    assertThatThrownBy(() -> new FellegiSunterModel(0.2, shortRow, u)).hasMessageContaining("m row for sex");
    double[][] zero = FellegiSunterModelTestSupport.rows(handModel(), true);
    zero[Field.SEX.ordinal()] = new double[] {1, 0, 1};
    assertThatThrownBy(() -> new FellegiSunterModel(0.2, zero, u))
        .hasMessageContaining("m for sex/different must be a probability in (0, 1], was 0.0");
  }

  @Test
  void constructorCopiesItsArrays() {
    double[][] m = FellegiSunterModelTestSupport.rows(handModel(), true);
    double[][] u = FellegiSunterModelTestSupport.rows(handModel(), false);
    FellegiSunterModel model = new FellegiSunterModel(0.2, m, u);
    m[Field.SEX.ordinal()][1] = 0.9;
    assertThat(model).isEqualTo(handModel());
  }

  @Test
  void serialisesForSparkExecutors() throws Exception {
    FellegiSunterModel model = FellegiSunterModel.defaults();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(model);
    }
    FellegiSunterModel copy;
    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (FellegiSunterModel) in.readObject();
    }
    assertThat(copy).isEqualTo(model);
    assertThat(copy.version()).isEqualTo(model.version());
    int[] pattern = levels(Level.EXACT, Level.EXACT);
    assertThat(copy.matchWeight(pattern)).isEqualTo(model.matchWeight(pattern));
  }

  @Test
  void defaultsFavourMatchesForExactAgreement() {
    FellegiSunterModel model = FellegiSunterModel.defaults();
    for (Field field : Field.values()) {
      int exact = field.exactIndex();
      assertThat(model.m(field, exact)).as(field.label()).isGreaterThan(model.u(field, exact));
      assertThat(model.m(field, 1)).as(field.label()).isLessThan(model.u(field, 1));
    }
    assertThat(model.toString()).startsWith("FellegiSunterModel[fs-");
  }
}
