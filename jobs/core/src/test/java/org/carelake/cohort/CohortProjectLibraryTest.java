package org.carelake.cohort;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.carelake.access.AccessPolicy;
import org.carelake.access.ResearchProject;
import org.carelake.codelist.CodelistLibrary;
import org.junit.jupiter.api.Test;

/** The project's own cohort library ({@code sql/cohorts/}) against its codelists and its access policy. */
class CohortProjectLibraryTest {
  private static final Path SQL = Path.of("../../sql");

  @Test
  void everyDefinitionCompilesAgainstTheCodelistLibrary() {
    List<CompiledCohort> compiled = CohortFolder.compileAll(SQL, CodelistLibrary.open(Path.of("../../codelists")));

    assertThat(compiled).extracting(cohort -> cohort.definition().name()).contains("cohort_type_2_diabetes", "cohort_hypertension",
        "cohort_asthma", "cohort_copd", "cohort_ckd", "cohort_heart_failure", "cohort_atrial_fibrillation", "cohort_dementia",
        "cohort_severe_mental_illness", "cohort_depression", "cohort_multimorbidity", "cohort_hospital_and_social_care");
    for (CompiledCohort cohort : compiled) {
      assertThat(cohort.cohort().require("table")).isEqualTo("gold." + cohort.definition().name());
      assertThat(cohort.attrition().require("table")).isEqualTo("gold." + cohort.definition().name() + "_attrition");
    }
  }

  @Test
  void aProjectReceivesACohortOnlyIfTheDefinitionAllowsItAndAlwaysWithItsAttrition() {
    AccessPolicy policy = AccessPolicy.load(SQL.resolve("../governance/access-policy.yaml"));
    Map<String, CohortDefinition> cohorts = CohortFolder.definitions(SQL).stream()
        .collect(Collectors.toMap(CohortDefinition::name, definition -> definition));
    for (ResearchProject project : policy.projects().values()) {
      for (String dataset : project.datasets()) {
        CohortDefinition cohort = cohorts.get(dataset);
        if (cohort != null) {
          assertThat(cohort.allows(project.id())).as(project.id() + " may receive " + dataset).isTrue();
          assertThat(project.datasets()).as(project.id() + " receives the attrition of " + dataset).contains(cohort.attritionName());
        }
      }
    }
  }
}
