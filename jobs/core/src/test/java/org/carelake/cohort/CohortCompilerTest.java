package org.carelake.cohort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.carelake.codelist.CodelistLibrary;
import org.carelake.codelist.TestCodelists;
import org.carelake.disclosure.DisclosureSpec;
import org.carelake.error.CareLakeException;
import org.carelake.transform.SqlScript;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiling a definition: codelists checked against the manifest, the scripts' headers as the gold
 * stage reads them, and the SQL each rule becomes. What the SQL does on data is the Spark spec
 * test's job (CohortLibraryIT).
 */
class CohortCompilerTest {
  @TempDir Path dir;

  @BeforeEach
  void library() throws IOException {
    TestCodelists.writeDiabetesLists(dir);
    TestCodelists.write(dir, "metformin-dmd", 1, "dmd", "code,term\n325278007,Metformin 500mg tablets\n");
  }

  @Test
  void bothScriptsCarryTheHeaderTheGoldStageReads() {
    CompiledCohort compiled = compile(CohortParserTest.DIABETES);
    SqlScript cohort = compiled.cohort();
    SqlScript attrition = compiled.attrition();

    assertThat(cohort.require("table")).isEqualTo("gold.cohort_diabetes");
    assertThat(cohort.require("per-project")).startsWith("yes ");
    assertThat(cohort.list("inputs")).containsExactly("silver.gp_event", "silver.hospital_spell", "silver.medication", "silver.person");
    assertThat(cohort.list("codelists")).containsExactly("diabetes-snomed@1", "diabetes-icd10@1", "hba1c-snomed@1", "metformin-dmd@1");
    assertThat(cohort.list("keys")).containsExactly("patient_id");
    assertThat(DisclosureSpec.of(cohort).kind()).isEqualTo(DisclosureSpec.Kind.RECORD_LEVEL);
    assertThat(cohort.statement()).contains("project_pseudonym(project_id, f.person_key) AS patient_id");

    assertThat(attrition.require("table")).isEqualTo("gold.cohort_diabetes_attrition");
    assertThat(attrition.list("inputs")).isEqualTo(cohort.list("inputs"));
    assertThat(attrition.list("keys")).containsExactly("step");
    DisclosureSpec spec = DisclosureSpec.of(attrition);
    assertThat(spec.kind()).isEqualTo(DisclosureSpec.Kind.AGGREGATE);
    assertThat(spec.counts()).containsExactly("people");
    assertThat(attrition.statement()).doesNotContain("project_pseudonym");
  }

  @Test
  void theAttritionTableCountsTheIndexRuleAndEveryCriterionInOrder() {
    String statement = compile(CohortParserTest.DIABETES).attrition().statement();

    assertThat(statement).contains("SELECT 0 AS step, 'index' AS rule, 'first event from t2dm_gp, t2dm_hospital within the study period'"
        + " AS criterion, count(*) AS people FROM candidates");
    assertThat(statement.indexOf("SELECT 1, 'inclusion', 'aged 18 or over at index', count(*) FROM step_1"))
        .isPositive()
        .isLessThan(statement.indexOf("SELECT 2, 'inclusion', 'registered with a GP practice at index', count(*) FROM step_2"));
    assertThat(statement).contains("SELECT 3, 'exclusion', 'diabetes before index', count(*) FROM step_3")
        .contains("SELECT 4, 'exclusion', 'sex not recorded', count(*) FROM step_4");
  }

  @Test
  void windowsBecomeInclusiveDateBoundsAroundTheIndexDate() {
    CompiledCohort compiled = compile(CohortParserTest.DIABETES);
    String cohort = compiled.cohort().statement();

    assertThat(cohort).contains("e.event_date >= date_add(f.index_date, -365) AND e.event_date <= f.index_date AND e.value IS NOT NULL")
        .contains("e.event_date >= date_add(f.index_date, -90) AND e.event_date <= f.index_date")
        .contains("LEFT ANTI JOIN events e ON e.person_key = c.person_key AND e.source IN ('t2dm_gp', 't2dm_hospital')\n"
            + "    AND e.event_date <= date_add(c.index_date, -1)")
        .contains("WHERE coalesce((c.age_at_index >= 18), false)")
        .contains("WHERE NOT coalesce((sex = 'U'), false)")
        .contains("least(f.deregistration_date, f.death_date, run_night) AS exit_date");
  }

  @Test
  void eachCodeSystemReadsItsOwnSilverTable() {
    String cohort = compile(CohortParserTest.DIABETES).cohort().statement();

    assertThat(cohort).contains("FROM silver_gp_event e JOIN codelist_diabetes_snomed_v1 l ON l.code = e.code")
        .contains("FROM silver_medication m JOIN codelist_metformin_dmd_v1 l ON l.code = m.code")
        .contains("FROM silver_hospital_spell h JOIN codelist_diabetes_icd10_v1 l ON l.code = regexp_replace(h.primary_diagnosis, '[.]X$', '')");
  }

  @Test
  void aFixedStudyEndNeverReachesPastTheNight() {
    String cohort = compile(CohortParserTest.DIABETES.replace("end: night", "end: 2025-12-31")).cohort().statement();

    assertThat(cohort).contains("event_date <= least(DATE'2025-12-31', run_night)")
        .contains("least(f.deregistration_date, f.death_date, least(DATE'2025-12-31', run_night)) AS exit_date");
  }

  @Test
  void aDescriptionWithQuotesStaysOneStringLiteral() {
    String yaml = CohortParserTest.DIABETES.replace("description: sex not recorded", "description: the person's sex isn't \\ recorded");

    String attrition = compile(yaml).attrition().statement();

    assertThat(attrition).contains("'the person\\'s sex isn\\'t \\\\ recorded'");
    assertThat(CohortCompiler.literal("a'b\\c")).isEqualTo("'a\\'b\\\\c'");
  }

  @Test
  void anAtLeastIndexTakesTheNthConditionsFirstDateFromTheStudyStart() {
    String yaml = CohortParserTest.DIABETES.replace("  first-event: [t2dm_gp, t2dm_hospital]\n",
        "  at-least: 2\n  of:\n    diabetes: [t2dm_gp, t2dm_hospital]\n    social: [adult-social-care]\n");

    SqlScript cohort = compile(yaml).cohort();

    assertThat(cohort.list("inputs")).contains("silver.social_care_service");
    assertThat(cohort.statement())
        .contains("CASE WHEN source IN ('t2dm_gp', 't2dm_hospital') THEN 'diabetes' WHEN source IN ('adult-social-care') THEN 'social' END")
        .contains("SELECT person_key, greatest(first_date, DATE'2020-01-01') AS index_date")
        .contains("WHERE n = 2");
  }

  @Test
  void aLatestValueOfAListWithoutResultsIsRefused() {
    String yaml = CohortParserTest.DIABETES.replace("from: [hba1c]", "from: [metformin]");

    assertThatThrownBy(() -> compile(yaml))
        .isInstanceOf(CareLakeException.class)
        .hasMessageContaining("covariates[1].from: metformin is not a SNOMED CT list");
  }

  @Test
  void aCodelistMissingFromTheManifestIsNamedWithTheDefinitionAndField() {
    String yaml = CohortParserTest.DIABETES.replace("metformin-dmd@1", "metformin-dmd@2");

    assertThatThrownBy(() -> compile(yaml))
        .isInstanceOf(CareLakeException.class)
        .hasMessageContaining("cohort definition " + CohortParserTest.ORIGIN + ": codelists.metformin: codelist metformin-dmd@2 is not in");
  }

  @Test
  void aCodelistChangedSinceItsChecksumIsRefused() throws IOException {
    Files.writeString(dir.resolve("hba1c-snomed/v1.csv"), "code,term\n999791000000106,HbA1c\n", StandardCharsets.UTF_8);

    assertThatThrownBy(() -> compile(CohortParserTest.DIABETES))
        .isInstanceOf(CareLakeException.class)
        .hasMessageContaining("codelists.hba1c: codelist hba1c-snomed version 1")
        .hasMessageContaining("SHA-256");
  }

  private CompiledCohort compile(String yaml) {
    return CohortCompiler.compile(CohortParser.parse(yaml, CohortParserTest.ORIGIN), CodelistLibrary.open(dir));
  }
}
