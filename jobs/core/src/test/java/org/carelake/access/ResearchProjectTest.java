package org.carelake.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Optional;
import org.carelake.error.CareLakeException;
import org.carelake.error.ErrorCategory;
import org.junit.jupiter.api.Test;

/** The policy's {@code projects:} section: what a project declares, and each mistake named with its file and project. */
class ResearchProjectTest {
  private static final String ROLES = """
      apiVersion: carelake/v1
      kind: AccessPolicy
      roles:
        researcher:
          project: required
          grants:
            - {zone: gold, tables: [project], actions: [read]}
      projects:
      """;

  private static AccessPolicy policy(String projects) {
    return AccessPolicy.parse(ROLES + projects.indent(2), "projects.yaml");
  }

  @Test
  void aProjectDeclaresItsTitlePurposeExpiryDatasetsAndKeyReference() {
    ResearchProject project = policy("""
        heart-failure:
          title: Heart failure outcomes
          purpose: heart failure outcomes study
          expires: 2027-03-31
          datasets: [cohort_t2dm, cohort_hf]
          key: hf-2026
        """).projects().get("heart-failure");
    assertThat(project.title()).isEqualTo("Heart failure outcomes");
    assertThat(project.purpose()).isEqualTo("heart failure outcomes study");
    assertThat(project.expires()).isEqualTo(LocalDate.parse("2027-03-31"));
    assertThat(project.datasets()).containsExactly("cohort_t2dm", "cohort_hf");
    assertThat(project.key()).contains("hf-2026");
    assertThat(project.table("cohort_t2dm")).isEqualTo("cohort_t2dm__heart_failure");
    assertThat(project.tables()).containsExactly("gold.cohort_t2dm__heart_failure", "gold.cohort_hf__heart_failure");
    assertThat(ResearchProject.datasetOf("cohort_t2dm__heart_failure")).contains("cohort_t2dm");
    assertThat(ResearchProject.datasetOf("monthly_activity")).isEmpty();
  }

  @Test
  void derivedMeansNoOwnKeyFile() {
    ResearchProject project = policy("""
        demo: {title: Demo, purpose: demo, expires: 2029-03-31, datasets: [cohort_t2dm], key: derived}
        """).projects().get("demo");
    assertThat(project.key()).isEqualTo(Optional.empty());
  }

  @Test
  void aProjectIsActiveUpToAndIncludingItsExpiryDay() {
    ResearchProject project = policy("""
        demo: {title: Demo, purpose: demo, expires: 2026-11-23, datasets: [cohort_t2dm], key: derived}
        """).projects().get("demo");
    assertThat(project.activeOn(LocalDate.parse("2026-11-22"))).isTrue();
    assertThat(project.activeOn(LocalDate.parse("2026-11-23"))).isTrue();
    assertThat(project.activeOn(LocalDate.parse("2026-11-24"))).isFalse();
  }

  @Test
  void theProjectPolicyFileDeclaresItsProjectsCompletely() {
    ResearchProject demo = AccessPolicyTest.PROJECT_POLICY.projects().get("demo");
    assertThat(demo).isNotNull();
    assertThat(demo.datasets()).contains("cohort_t2dm");
    assertThat(demo.expires()).isAfter(LocalDate.parse("2026-11-23"));
  }

  @Test
  void eachMistakeIsAConfigurationErrorNamingFileAndProject() {
    assertRefused("""
        demo: {title: Demo, expires: 2029-03-31, datasets: [cohort_t2dm], key: derived}
        """, "projects.yaml project demo needs its purpose");
    assertRefused("""
        demo: {title: Demo, purpose: demo, datasets: [cohort_t2dm], key: derived}
        """, "project demo needs its expires");
    assertRefused("""
        demo: {title: Demo, purpose: demo, expires: 31/03/2029, datasets: [cohort_t2dm], key: derived}
        """, "project demo expires must be an ISO date");
    assertRefused("""
        demo: {title: Demo, purpose: demo, expires: 2029-03-31, datasets: [], key: derived}
        """, "project demo must list the datasets");
    assertRefused("""
        demo: {title: Demo, purpose: demo, expires: 2029-03-31, datasets: [cohort__x], key: derived}
        """, "dataset 'cohort__x'");
    assertRefused("""
        demo: {title: Demo, purpose: demo, expires: 2029-03-31, datasets: [cohort_t2dm]}
        """, "project demo needs its key");
    assertRefused("""
        demo: {title: Demo, purpose: demo, expires: 2029-03-31, datasets: [cohort_t2dm], key: "3c3c:1:abc"}
        """, "never a key value");
    assertRefused("""
        demo: {title: Demo, purpose: demo, expires: 2029-03-31, tables: [gold.cohort_t2dm], key: derived}
        """, "list the project's datasets");
    assertRefused("""
        demo: {title: Demo, purpose: demo, expires: 2029-03-31, datasets: [cohort_t2dm], key: derived, expiry: 2030-01-01}
        """, "unknown field 'expiry'");
    assertRefused("""
        Demo_Project: {title: Demo, purpose: demo, expires: 2029-03-31, datasets: [cohort_t2dm], key: derived}
        """, "project Demo_Project: a project id is lower-case letters");
  }

  private static void assertRefused(String projects, String message) {
    assertThatThrownBy(() -> policy(projects))
        .isInstanceOfSatisfying(CareLakeException.class, e -> assertThat(e.category()).isEqualTo(ErrorCategory.CONFIGURATION))
        .hasMessageContaining("projects.yaml")
        .hasMessageContaining(message);
  }
}
