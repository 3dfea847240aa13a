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
