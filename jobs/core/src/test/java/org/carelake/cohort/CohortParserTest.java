package org.carelake.cohort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.carelake.cohort.CohortDefinition.AgeAtIndex;
import org.carelake.cohort.CohortDefinition.AtLeast;
import org.carelake.cohort.CohortDefinition.Attribute;
import org.carelake.cohort.CohortDefinition.CodelistReference;
import org.carelake.cohort.CohortDefinition.CovariateKind;
import org.carelake.cohort.CohortDefinition.FirstEvent;
import org.carelake.cohort.CohortDefinition.HasEvent;
import org.carelake.cohort.CohortDefinition.RegisteredAtIndex;
import org.carelake.cohort.CohortDefinition.SqlCondition;
import org.carelake.error.CareLakeException;
import org.carelake.error.ErrorCategory;
import org.junit.jupiter.api.Test;

/** Reading cohort definitions: what a valid file means, and an error naming file and field for each kind of mistake. */
class CohortParserTest {
  static final String ORIGIN = "sql/cohorts/cohort_diabetes.yaml";
  static final String DIABETES = """
      name: cohort_diabetes
      projects: any
      description: >
        Adults with a first type 2 diabetes code
        from 2020.
      codelists:
        t2dm_gp: diabetes-snomed@1
        t2dm_hospital: diabetes-icd10@1
        hba1c: hba1c-snomed@1
        metformin: metformin-dmd@1
      study-period:
        start: 2020-01-01
        end: night
      index:
        first-event: [t2dm_gp, t2dm_hospital]
      inclusion:
        - description: aged 18 or over at index
          age-at-index: {min: 18}
        - description: registered with a GP practice at index
          registered-at-index: true
      exclusion:
        - description: diabetes before index
          has-event: [t2dm_gp, t2dm_hospital]
          window: {to: -1}
        - description: sex not recorded
          sql: sex = 'U'
      covariates:
        - name: hba1c_12m_before_index
          kind: latest-value
          from: [hba1c]
          window: {from: -365, to: 0}
          description: latest HbA1c in the year to index
        - name: on_metformin_at_index
          kind: any-event
          from: [metformin]
          window: {from: -90, to: 0}
          description: metformin in the 90 days to index
      attributes: [age-band, sex, ethnic-group, deprivation-quintile, borough]
      """;

  @Test
  void aDefinitionReadsAsItsAuthorMeantIt() {
    CohortDefinition definition = CohortParser.parse(DIABETES, ORIGIN);

    assertThat(definition.name()).isEqualTo("cohort_diabetes");
    assertThat(definition.attritionName()).isEqualTo("cohort_diabetes_attrition");
    assertThat(definition.projects()).isEmpty();
    assertThat(definition.allows("anyone")).isTrue();
    assertThat(definition.description()).isEqualTo("Adults with a first type 2 diabetes code from 2020.");
    assertThat(definition.codelists()).containsEntry("hba1c", new CodelistReference("hba1c-snomed", 1));
    assertThat(definition.codelists().get("t2dm_gp").view()).isEqualTo("codelist_diabetes_snomed_v1");
    assertThat(definition.studyStart()).isEqualTo(LocalDate.of(2020, 1, 1));
    assertThat(definition.studyEnd()).isEmpty();
    assertThat(definition.index()).isEqualTo(new FirstEvent(List.of("t2dm_gp", "t2dm_hospital")));
    assertThat(definition.inclusion()).containsExactly(
        new AgeAtIndex("aged 18 or over at index", Optional.of(18), Optional.empty()),
        new RegisteredAtIndex("registered with a GP practice at index"));
    assertThat(definition.exclusion()).containsExactly(
        new HasEvent("diabetes before index", List.of("t2dm_gp", "t2dm_hospital"), new Window(Optional.empty(), Optional.of(-1))),
        new SqlCondition("sex not recorded", "sex = 'U'"));
    assertThat(definition.covariates()).extracting(CohortDefinition.Covariate::kind)
        .containsExactly(CovariateKind.LATEST_VALUE, CovariateKind.ANY_EVENT);
    assertThat(definition.covariates().get(0).window()).isEqualTo(new Window(Optional.of(-365), Optional.of(0)));
    assertThat(definition.attributes()).containsExactly(Attribute.values());
  }

  @Test
  void aNamedProjectListAndAFixedStudyEndAreKept() {
    CohortDefinition definition = CohortParser.parse(DIABETES.replace("projects: any", "projects: [demo, t2dm-outcomes]")
        .replace("end: night", "end: 2025-12-31"), ORIGIN);

    assertThat(definition.projects()).containsExactly("demo", "t2dm-outcomes");
    assertThat(definition.allows("demo")).isTrue();
    assertThat(definition.allows("other")).isFalse();
    assertThat(definition.studyEnd()).contains(LocalDate.of(2025, 12, 31));
  }

  @Test
  void anAtLeastIndexGroupsSourcesIntoConditions() {
    String yaml = DIABETES.replace("  first-event: [t2dm_gp, t2dm_hospital]\n",
        "  at-least: 2\n  of:\n    diabetes: [t2dm_gp, t2dm_hospital]\n    metformin: [metformin]\n    social: [adult-social-care]\n"
            + "  counting: since-study-start\n");

    AtLeast index = (AtLeast) CohortParser.parse(yaml, ORIGIN).index();

    assertThat(index.count()).isEqualTo(2);
    assertThat(index.conditions()).containsOnlyKeys("diabetes", "metformin", "social");
    assertThat(index.conditions().get("social")).containsExactly("adult-social-care");
    assertThat(index.sinceStudyStart()).isTrue();
  }

  @Test
  void anUnknownCodelistAliasIsNamedWithItsField() {
    assertRefused(DIABETES.replace("first-event: [t2dm_gp, t2dm_hospital]", "first-event: [t2dm_gp, t1dm_gp]"),
        "index.first-event", "'t1dm_gp' is neither a codelist alias");
  }

  @Test
  void aCodelistMustBeNamedByIdAndVersion() {
    assertRefused(DIABETES.replace("hba1c-snomed@1", "hba1c-snomed"), "codelists.hba1c", "by id and version");
    assertRefused(DIABETES.replace("hba1c-snomed@1", "hba1c-snomed@0"), "codelists.hba1c", "by id and version");
  }

  @Test
  void aWindowWhoseStartIsAfterItsEndIsRefused() {
    assertRefused(DIABETES.replace("window: {from: -365, to: 0}", "window: {from: 0, to: -365}"),
        "covariates[1].window", "from (0) is after to (-365)");
    assertRefused(DIABETES.replace("window: {to: -1}", "window: {to: a year}"), "exclusion[1].window.to", "whole number");
    assertRefused(DIABETES.replace("window: {to: -1}", "window: {}"), "exclusion[1].window", "needs from, to or both");
  }

  @Test
  void anUnknownCovariateKindListsTheKnownOnes() {
    assertRefused(DIABETES.replace("kind: any-event", "kind: ever-issued"), "covariates[2].kind",
        "unknown covariate kind 'ever-issued'; the kinds are latest-value, any-event, first-date, latest-date, event-count");
  }

  @Test
  void aLatestValueNeedsCodedResults() {
    assertRefused(DIABETES.replace("from: [hba1c]", "from: [hospital-admission]"), "covariates[1].from", "latest-value needs coded results");
  }

  @Test
  void anImpossibleDateIsRefusedNotRolledOver() {
    assertRefused(DIABETES.replace("start: 2020-01-01", "start: 2020-02-30"), "study-period.start", "'2020-02-30' is not a date");
    assertRefused(DIABETES.replace("end: night", "end: tonight"), "study-period.end", "YYYY-MM-DD or night");
    assertRefused(DIABETES.replace("end: night", "end: 2019-12-31"), "study-period.end", "before the start");
  }

  @Test
  void aMisspeltKeyIsRefused() {
    assertRefused(DIABETES.replace("attributes:", "atributes:"), "(top level)", "unknown key 'atributes'");
    assertRefused(DIABETES.replace("age-at-index: {min: 18}", "age-at-index: {minimum: 18}"), "inclusion[1].age-at-index",
        "unknown key 'minimum'");
  }

  @Test
  void aCriterionHoldsExactlyOneRuleAndADescription() {
    assertRefused(DIABETES.replace("    registered-at-index: true\n", "    registered-at-index: true\n    age-at-index: {min: 1}\n"),
        "inclusion[2]", "exactly one of");
    assertRefused(DIABETES.replace("  - description: aged 18 or over at index\n    age-at-index: {min: 18}\n", "  - age-at-index: {min: 18}\n"),
        "inclusion[1].description", "is missing");
    assertRefused(DIABETES.replace("age-at-index: {min: 18}", "age-at-index: {min: 65, max: 18}"), "inclusion[1].age-at-index", "min not above max");
  }

  @Test
  void aSqlCriterionIsOneExpression() {
    assertRefused(DIABETES.replace("sql: sex = 'U'", "sql: sex = 'U'; DROP TABLE x"), "exclusion[2].sql", "one boolean expression");
  }

  @Test
  void theNameMatchesTheFileAndACovariateCannotTakeACohortColumn() {
    assertRefused(DIABETES.replace("name: cohort_diabetes", "name: cohort_t2dm"), "name", "name the file cohort_t2dm.yaml");
    assertRefused(DIABETES.replace("name: on_metformin_at_index", "name: index_date"), "covariates[2].name", "not used by the cohort table");
    assertRefused(DIABETES.replace("attributes: [age-band,", "attributes: [postcode,"), "attributes", "unknown attribute 'postcode'");
  }

  private static void assertRefused(String yaml, String field, String problem) {
    assertThatThrownBy(() -> CohortParser.parse(yaml, ORIGIN))
        .isInstanceOf(CareLakeException.class)
        .hasMessageContaining("cohort definition " + ORIGIN + ": " + field + ": ")
        .hasMessageContaining(problem)
        .satisfies(e -> assertThat(((CareLakeException) e).category()).isEqualTo(ErrorCategory.CONFIGURATION));
  }
}
