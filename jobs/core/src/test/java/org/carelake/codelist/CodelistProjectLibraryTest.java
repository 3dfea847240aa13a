package org.carelake.codelist;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The project's own codelists ({@code codelists/} at the repository root). */
class CodelistProjectLibraryTest {
  private static final CodelistLibrary LIBRARY = CodelistLibrary.open(Path.of("../../codelists"));

  /**
   * The codes the synthetic generator writes for each condition, medicine and HbA1c (its
   * Condition and Medications classes), so a cohort on the demo data is not empty.
   */
  private static final Map<String, Set<String>> GENERATOR_CODES = Map.ofEntries(
      Map.entry("type-2-diabetes-snomed", Set.of("44054006")),
      Map.entry("type-2-diabetes-icd10", Set.of("E11.9")),
      Map.entry("hypertension-snomed", Set.of("38341003")),
      Map.entry("hypertension-icd10", Set.of("I10")),
      Map.entry("asthma-snomed", Set.of("195967001")),
      Map.entry("asthma-icd10", Set.of("J45.9")),
      Map.entry("copd-snomed", Set.of("13645005")),
      Map.entry("copd-icd10", Set.of("J44.1")),
      Map.entry("ckd-stage-3-5-icd10", Set.of("N18.3")),
      Map.entry("heart-failure-snomed", Set.of("84114007")),
      Map.entry("heart-failure-icd10", Set.of("I50.0")),
      Map.entry("atrial-fibrillation-snomed", Set.of("49436004")),
      Map.entry("atrial-fibrillation-icd10", Set.of("I48.9")),
      Map.entry("dementia-snomed", Set.of("52448006")),
      Map.entry("dementia-icd10", Set.of("F03")),
      Map.entry("severe-mental-illness-snomed", Set.of("69322001")),
      Map.entry("severe-mental-illness-icd10", Set.of("F20.9")),
      Map.entry("depression-snomed", Set.of("35489007")),
      Map.entry("depression-icd10", Set.of("F32.9")),
      Map.entry("metformin-dmd", Set.of("325278007")),
      Map.entry("asthma-copd-inhalers-dmd", Set.of("39113611000001102", "35908111000001105")),
      Map.entry("antihypertensives-dmd", Set.of("318901006", "319283006", "317919004")),
      Map.entry("hba1c-snomed", Set.of("999791000000106")));

  @Test
  void everyListMatchesItsChecksumAndEveryFileIsInTheManifest() {
    assertThat(LIBRARY.verify()).isEmpty();
  }

  @Test
  void everyListHoldsTheCodesTheSyntheticGeneratorWrites() {
    for (Map.Entry<String, Set<String>> expected : GENERATOR_CODES.entrySet()) {
      assertThat(LIBRARY.load(expected.getKey(), 1).codeSet()).as(expected.getKey()).containsAll(expected.getValue());
    }
  }

  @Test
  void theFirstLibraryHasAPrimaryCareAndAHospitalListForEachCondition() {
    List<String> conditions = List.of("type-2-diabetes", "hypertension", "asthma", "copd", "ckd-stage-3-5", "heart-failure",
        "atrial-fibrillation", "dementia", "severe-mental-illness", "depression");
    Map<String, CodeSystem> systems = LIBRARY.manifest().entries().stream()
        .collect(Collectors.toMap(CodelistEntry::id, CodelistEntry::system, (a, b) -> a));
    for (String condition : conditions) {
      assertThat(systems).containsEntry(condition + "-snomed", CodeSystem.SNOMED_CT).containsEntry(condition + "-icd10", CodeSystem.ICD_10);
    }
  }
}
