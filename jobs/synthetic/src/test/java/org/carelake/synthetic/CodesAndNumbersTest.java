package org.carelake.synthetic;

import org.carelake.terminology.CodeFormats;
import org.carelake.terminology.Verhoeff;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CodesAndNumbersTest {
  @Test
  void verhoeffAcceptsKnownSnomedIdsAndRejectsOneDigitChanges() {
    assertThat(CodeFormats.isSnomedConceptId("138875005")).isTrue(); // SNOMED CT root concept
    assertThat(CodeFormats.isSnomedConceptId("116680003")).isTrue(); // |Is a|
    assertThat(Verhoeff.isValid("2363")).isTrue();
    assertThat(Verhoeff.checkDigit("236")).isEqualTo(3);
    assertThat(CodeFormats.isSnomedConceptId("138875006")).isFalse();
    assertThat(CodeFormats.isSnomedConceptId("44054016")).isFalse(); // partition 01 is a description id
  }

  @Test
  void everySnomedCodeTheGeneratorWritesHasAValidCheckDigit() {
    assertThat(NightActivity.snomedCodesUsed()).isNotEmpty().allSatisfy(code ->
        assertThat(CodeFormats.isSnomedConceptId(code)).as("SNOMED CT id %s", code).isTrue());
    assertThat(NightActivity.snomedCodesUsed()).contains("44054006", "38341003", "195967001", "35489007");
  }

  @Test
  void everyDmdCodeTheGeneratorWritesIsAWellFormedSnomedIdentifier() {
    // dm+d VMP/AMP ids are SNOMED CT identifiers: core (partition 00) or UK extension (10), Verhoeff check digit
    assertThat(Medications.codesUsed()).isNotEmpty().allSatisfy(code ->
        assertThat(CodeFormats.isSnomedConceptId(code)).as("dm+d id %s", code).isTrue());
    assertThat(Medications.codesUsed()).contains("325278007", "39113611000001102", "319283006");
    assertThat(Medications.REPEAT.stream().map(Medications.Medicine::dmd).distinct()).hasSameSizeAs(Medications.REPEAT);
  }

  /**
   * CKD is written with its stage, so a cohort built from the project's codelists (which leave out
   * unstaged CKD, as the QOF register does) finds the people who have it.
   */
  @Test
  void chronicKidneyDiseaseIsRecordedWithStageCodesFromTheProjectsCodelists() throws java.io.IOException {
    Set<String> snomedList = codes("ckd-stage-3-5-snomed");
    Set<String> icd10List = codes("ckd-stage-3-5-icd10");
    Population population = new Population(42, 20_000, true);
    java.util.Map<String, Integer> bySnomed = new java.util.TreeMap<>();
    int people = 0;
    for (long i = 0; i < population.size(); i++) {
      Person p = population.person(i);
      if (!p.has(Condition.CHRONIC_KIDNEY_DISEASE)) {
        continue;
      }
      people++;
      String snomed = Condition.CHRONIC_KIDNEY_DISEASE.snomed(p);
      String icd10 = Condition.CHRONIC_KIDNEY_DISEASE.icd10(p);
      assertThat(snomedList).as("SNOMED CT %s in the CKD codelist", snomed).contains(snomed);
      assertThat(icd10List).as("ICD-10 %s in the CKD codelist", icd10).contains(icd10);
      assertThat(icd10).as("ICD-10 stage matches SNOMED CT stage").isEqualTo(
          snomed.equals("431857002") ? "N18.4" : snomed.equals("433146000") ? "N18.5" : "N18.3");
      bySnomed.merge(snomed, 1, Integer::sum);
    }
    assertThat(people).isGreaterThan(300);
    assertThat(NightActivity.snomedCodesUsed()).doesNotContain("709044004").containsAll(bySnomed.keySet());
    int stageThree = bySnomed.getOrDefault("433144002", 0) + bySnomed.getOrDefault("700378005", 0) + bySnomed.getOrDefault("700379002", 0);
    assertThat((double) stageThree / people).as("stage 3 (3, 3A, 3B) share of recorded CKD").isBetween(0.8, 0.95);
    assertThat(bySnomed).containsKeys("431857002", "433146000");
  }

  private static Set<String> codes(String list) throws java.io.IOException {
    Set<String> codes = new HashSet<>();
    java.util.List<String> lines = java.nio.file.Files.readAllLines(java.nio.file.Path.of("../../codelists").resolve(list).resolve("v1.csv"));
    for (String line : lines.subList(1, lines.size())) {
      codes.add(line.substring(0, line.indexOf(',')));
    }
    return codes;
  }

  @Test
  void icd10AndOpcs4CodesHaveTheirShapes() {
    for (Condition condition : Condition.values()) {
      assertThat(condition.icd10()).matches("^[A-Z][0-9]{2}(\\.[0-9A-Z]{1,2})?$");
    }
  }

  @Test
  void nhsNumbersAreInThe999RangeValidAndUniqueUpToCapacity() {
    assertThat(NhsNumbers.isValid("9990000018")).isTrue();
    assertThat(NhsNumbers.isValid("9434765919")).isTrue();
    assertThat(NhsNumbers.isValid("9991234560")).isFalse();
    assertThat(NhsNumbers.isValid("9876544321")).isFalse();
    assertThat(NhsNumbers.CAPACITY).isBetween(900_000, 920_000);
    Set<String> seen = new HashSet<>();
    for (long person = 0; person < 200_000; person++) {
      String number = NhsNumbers.forPerson(person);
      assertThat(number).startsWith("999").hasSize(10);
      assertThat(NhsNumbers.isValid(number)).isTrue();
      assertThat(seen.add(number)).isTrue();
      if (person % 997 == 0) {
        assertThat(NhsNumbers.isValid(NhsNumbers.withWrongCheckDigit(number))).isFalse();
      }
    }
  }

  @Test
  void type2DiabetesPrevalenceIsNearTheConfiguredRateWithAGreaterManchesterUplift() {
    Population population = new Population(7, 60_000);
    int adults = 0;
    int diabetic = 0;
    int hypertensive = 0;
    for (long index = 0; index < population.size(); index++) {
      Person person = population.person(index);
      hypertensive += person.has(Condition.HYPERTENSION) ? 1 : 0;
      if (person.ageAtAsOf >= 17) {
        adults++;
        diabetic += person.has(Condition.TYPE_2_DIABETES) ? 1 : 0;
      }
    }
    double prevalence = (double) diabetic / adults;
    assertThat(prevalence).isBetween(0.076 * 0.9, 0.076 * 1.3);
    assertThat((double) hypertensive / population.size()).isBetween(0.13, 0.20);
  }

  @Test
  void boroughsGetPersonsInProportionToPopulationAndAboutTwoPercentMoved() {
    Population population = new Population(3, 100_000);
    assertThat(population.endIndex(org.carelake.geography.Borough.WIGAN)).isEqualTo(100_000);
    long manchester = population.endIndex(org.carelake.geography.Borough.MANCHESTER) - population.firstIndex(org.carelake.geography.Borough.MANCHESTER);
    assertThat(manchester).isBetween(19_200L, 19_300L);
    long movers = 0;
    for (long index = 0; index < population.size(); index++) {
      var previous = population.previousBorough(index);
      if (previous != null) {
        movers++;
        assertThat(previous).isNotEqualTo(population.homeBorough(index));
      }
    }
    assertThat(movers).isBetween(1_800L, 2_200L);
  }
}
