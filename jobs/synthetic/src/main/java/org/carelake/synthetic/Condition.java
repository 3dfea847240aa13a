package org.carelake.synthetic;

/**
 * Long-term conditions with recorded prevalence (England, PRODUCT.md) over a denominator age, a
 * shape of risk by age and whether deprivation raises it. The chance for one person is
 * prevalence x ageWeight(age) / mean ageWeight over the denominator x deprivation uplift, so the
 * expected prevalence over the age pyramid is the configured one (higher in deprived boroughs).
 */
enum Condition {
  HYPERTENSION("38341003", "I10", 0.15, 0, true),
  TYPE_2_DIABETES("44054006", "E11.9", 0.076, 17, true),
  ASTHMA("195967001", "J45.9", 0.065, 0, false),
  DEPRESSION("35489007", "F32.9", 0.13, 18, true),
  CHRONIC_KIDNEY_DISEASE("433144002", "N18.3", 0.044, 18, false), // staged per person: see snomed(Person)
  COPD("13645005", "J44.1", 0.019, 0, true),
  ATRIAL_FIBRILLATION("49436004", "I48.9", 0.022, 0, false),
  HEART_FAILURE("84114007", "I50.0", 0.01, 0, false),
  DEMENTIA("52448006", "F03", 0.0075, 0, false),
  SEVERE_MENTAL_ILLNESS("69322001", "F20.9", 0.01, 0, true);

  private final String snomed;
  private final String icd10;
  private final double prevalence;
  private final int denominatorMinAge;
  private final boolean deprivationLinked;
  private double meanWeight; // set once in the static block below, after the constants exist

  static {
    for (Condition condition : values()) {
      double sum = 0;
      double people = 0;
      for (int age = condition.denominatorMinAge; age < AgePyramid.MAX_AGE; age++) {
        sum += AgePyramid.share(age) * condition.weight(age);
        people += AgePyramid.share(age);
      }
      condition.meanWeight = sum / people;
    }
  }

  Condition(String snomed, String icd10, double prevalence, int denominatorMinAge, boolean deprivationLinked) {
    this.snomed = snomed;
    this.icd10 = icd10;
    this.prevalence = prevalence;
    this.denominatorMinAge = denominatorMinAge;
    this.deprivationLinked = deprivationLinked;
  }

  /** The condition's usual SNOMED CT concept (for CKD, stage 3; a person's own stage is {@link #snomed(Person)}). */
  String snomed() {
    return snomed;
  }

  String icd10() {
    return icd10;
  }

  /**
   * The SNOMED CT concept the person's record carries. CKD is recorded with its stage, as the QOF
   * register (and codelists/ckd-stage-3-5-snomed) needs: mostly stage 3 (unsplit, 3A, 3B), fewer
   * stage 4 and 5; each person keeps one stage.
   */
  String snomed(Person p) {
    return this == CHRONIC_KIDNEY_DISEASE ? CKD_STAGES[ckdStage(p)][0] : snomed;
  }

  /** The ICD-10 code a hospital records for the person's condition (CKD: N18.3, N18.4 or N18.5 by stage). */
  String icd10(Person p) {
    return this == CHRONIC_KIDNEY_DISEASE ? CKD_STAGES[ckdStage(p)][1] : icd10;
  }

  /** Every SNOMED CT concept the condition may be recorded with. */
  java.util.List<String> snomedCodes() {
    return this == CHRONIC_KIDNEY_DISEASE ? java.util.Arrays.stream(CKD_STAGES).map(stage -> stage[0]).toList() : java.util.List.of(snomed);
  }

  /** CKD stages 3, 3A, 3B, 4 and 5: SNOMED CT concept, ICD-10 code and cumulative share of recorded CKD. */
  private static final String[][] CKD_STAGES = {
    {"433144002", "N18.3"}, {"700378005", "N18.3"}, {"700379002", "N18.3"}, {"431857002", "N18.4"}, {"433146000", "N18.5"}};
  private static final double[] CKD_CUMULATIVE = {0.20, 0.60, 0.88, 0.97, 1.0};

  /** The person's CKD stage, from a hash of the person (no random stream is drawn, so other rows do not move). */
  private static int ckdStage(Person p) {
    double u = Mix.unit(Mix.mix(0x434B445354414745L, p.index));
    int stage = 0;
    while (stage < CKD_CUMULATIVE.length - 1 && u >= CKD_CUMULATIVE[stage]) {
      stage++;
    }
    return stage;
  }

  double prevalence() {
    return prevalence;
  }

  int denominatorMinAge() {
    return denominatorMinAge;
  }

  /** Probability that a person of this age and IMD decile has the condition recorded. */
  double probability(int age, int imdDecile) {
    double uplift = deprivationLinked ? 1.0 + 0.05 * (5.5 - imdDecile) : 1.0;
    return Math.min(0.95, prevalence * weight(age) / meanWeight * uplift);
  }

  /** Youngest age at onset. */
  int onsetMinAge() {
    return switch (this) {
      case ASTHMA -> 3;
      case SEVERE_MENTAL_ILLNESS -> 16;
      case DEPRESSION, HYPERTENSION, CHRONIC_KIDNEY_DISEASE -> 18;
      case TYPE_2_DIABETES -> 17;
      default -> 35;
    };
  }

  /** Relative risk of onset at this age (the shape of prevalence by age). */
  double onsetWeight(int age) {
    return weight(age);
  }

  private double weight(int age) {
    return switch (this) {
      case HYPERTENSION -> age < 18 ? 0 : Math.pow((age - 15) / 10.0, 2);
      case TYPE_2_DIABETES -> age < 17 ? 0 : Math.pow((age - 10) / 10.0, 1.8);
      case ASTHMA -> age < 3 ? 0 : (age < 18 ? 1.3 : 1.0);
      case DEPRESSION -> age < 18 ? 0 : (age < 65 ? 1.2 : 0.8);
      case CHRONIC_KIDNEY_DISEASE -> age < 18 ? 0 : Math.exp((age - 60) / 12.0);
      case COPD -> age < 35 ? 0 : Math.exp((age - 60) / 12.0);
      case ATRIAL_FIBRILLATION -> age < 30 ? 0 : Math.exp((age - 65) / 10.0);
      case HEART_FAILURE -> age < 35 ? 0 : Math.exp((age - 70) / 10.0);
      case DEMENTIA -> age < 50 ? 0 : Math.exp((age - 80) / 6.0);
      case SEVERE_MENTAL_ILLNESS -> age < 16 ? 0 : 1.0;
    };
  }
}
