package org.carelake.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AccessPolicyTest {
  /** The project's own policy file, so a change to it is tested too. */
  static final AccessPolicy PROJECT_POLICY = AccessPolicy.load(Path.of("../../governance/access-policy.yaml"));

  static final AccessPolicy TWO_PROJECTS = AccessPolicy.parse("""
      apiVersion: carelake/v1
      kind: AccessPolicy
      roles:
        researcher:
          project: required
          grants:
            - {zone: gold, tables: [project], actions: [read]}
        data-engineer:
          purposes: [data engineering investigation]
          grants:
            - {zone: ops, tables: ["*"], actions: [read]}
            - {zone: restricted, tables: ["*"], actions: [read]}
        ig-auditor:
          purposes: [audit of access]
          grants:
            - {zone: ops, tables: [audit], actions: [read]}
      projects:
        alpha:
          title: Heart failure outcomes
          purpose: heart failure outcomes
          expires: 2027-06-30
          datasets: [cohort]
          key: alpha-2026
        beta:
          title: Asthma in children
          purpose: asthma in children
          expires: 2026-10-31
          datasets: [cohort]
          key: derived
      """, "two-projects.yaml");
  static final LocalDate TODAY = LocalDate.parse("2026-09-01");

  private static AccessRequest request(String role, String project, String purpose, Action action, String zone, String table) {
    return new AccessRequest("analyst-1", role, Optional.ofNullable(project), purpose, action, zone, table, TODAY);
  }

  @Test
  void aResearcherReadsTheirOwnProjectsTables() {
    AccessDecision decision = TWO_PROJECTS.decide(request("researcher", "alpha", "heart failure outcomes", Action.READ, "gold", "cohort__alpha"));
    assertThat(decision.allowed()).as(decision.reason()).isTrue();
  }

  @Test
  void aResearcherOfOneProjectIsRefusedAnotherProjectsTable() {
    AccessDecision decision = TWO_PROJECTS.decide(request("researcher", "alpha", "heart failure outcomes", Action.READ, "gold", "cohort__beta"));
    assertThat(decision.allowed()).isFalse();
    assertThat(decision.reason()).contains("project alpha", "gold.cohort__beta");
  }

  @Test
  void anExpiredProjectsTablesAreRefusedFromTheDayAfterItsExpiry() {
    AccessRequest lastDay = new AccessRequest("analyst-1", "researcher", Optional.of("beta"), "asthma in children", Action.READ,
        "gold", "cohort__beta", LocalDate.parse("2026-10-31"));
    assertThat(TWO_PROJECTS.decide(lastDay).allowed()).as("the approval covers its last day").isTrue();
    AccessRequest dayAfter = new AccessRequest("analyst-1", "researcher", Optional.of("beta"), "asthma in children", Action.READ,
        "gold", "cohort__beta", LocalDate.parse("2026-11-01"));
    AccessDecision decision = TWO_PROJECTS.decide(dayAfter);
    assertThat(decision.allowed()).isFalse();
    assertThat(decision.reason()).contains("project beta", "expired on 2026-10-31");
  }

  @Test
  void eachProjectReadsOnlyItsOwnCopyOfASharedDataset() {
    assertThat(TWO_PROJECTS.projects().get("alpha").tables()).containsExactly("gold.cohort__alpha");
    assertThat(TWO_PROJECTS.projects().get("beta").tables()).containsExactly("gold.cohort__beta");
    assertThat(TWO_PROJECTS.decide(request("researcher", "alpha", "heart failure outcomes", Action.READ, "gold", "cohort")).allowed())
        .as("the dataset's name is no table of anyone's").isFalse();
  }

  @Test
  void thePolicyIsBesideTheSqlFolderUnlessNamed() {
    assertThat(AccessPolicy.locate(Path.of("/opt/carelake/sql"), Map.of()))
        .isEqualTo(Path.of("/opt/carelake/governance/access-policy.yaml"));
    assertThat(AccessPolicy.locate(Path.of("/opt/carelake/sql"), Map.of("CARELAKE_POLICY", "/etc/carelake/policy.yaml")))
        .isEqualTo(Path.of("/etc/carelake/policy.yaml"));
  }

  @Test
  void aResearcherMustNameAnApprovedProjectAndItsPurpose() {
    assertThat(TWO_PROJECTS.decide(request("researcher", null, "heart failure outcomes", Action.READ, "gold", "cohort__alpha")).allowed()).isFalse();
    assertThat(TWO_PROJECTS.decide(request("researcher", "gamma", "heart failure outcomes", Action.READ, "gold", "cohort__alpha")).allowed()).isFalse();
    AccessDecision otherPurpose = TWO_PROJECTS.decide(request("researcher", "alpha", "marketing", Action.READ, "gold", "cohort__alpha"));
    assertThat(otherPurpose.allowed()).isFalse();
    assertThat(otherPurpose.reason()).contains("approved purpose");
  }

  @Test
  void onlyTheAuditorReadsTheAuditTrailAndNoWildcardCoversIt() {
    assertThat(TWO_PROJECTS.decide(request("ig-auditor", null, "audit of access", Action.READ, "ops", "audit")).allowed()).isTrue();
    assertThat(TWO_PROJECTS.decide(request("data-engineer", null, "data engineering investigation", Action.READ, "ops", "audit")).allowed())
        .isFalse();
    assertThat(TWO_PROJECTS.decide(request("data-engineer", null, "data engineering investigation", Action.READ, "ops", "runs")).allowed())
        .isTrue();
    for (String role : PROJECT_POLICY.roles()) {
      String purpose = role.equals("ig-auditor") ? "audit of access" : "data engineering investigation";
      AccessDecision decision = PROJECT_POLICY.decide(request(role, null, purpose, Action.READ, "ops", "audit"));
      assertThat(decision.allowed()).as(role + " reads ops.audit").isEqualTo(role.equals("ig-auditor"));
    }
  }

  /** The IG lead sees how many people each opt-out list excluded (counts only), as the data engineer does. */
  @Test
  void theAuditorReadsTheOptOutCounts() {
    assertThat(PROJECT_POLICY.decide(request("ig-auditor", null, "audit of access", Action.READ, "ops", "opt_out")).allowed()).isTrue();
    assertThat(PROJECT_POLICY.decide(request("data-engineer", null, "data engineering investigation", Action.READ, "ops", "opt_out"))
        .allowed()).isTrue();
    assertThat(PROJECT_POLICY.decide(request("commissioner", null, "service planning", Action.READ, "ops", "opt_out")).allowed())
        .isFalse();
  }

  @Test
  void thereIsNoActionThatChangesTheAuditTrail() {
    assertThat(Action.values()).containsExactly(Action.READ, Action.DECIDE);
    assertThat(PROJECT_POLICY.decide(request("ig-auditor", null, "audit of access", Action.DECIDE, "ops", "audit")).allowed()).isFalse();
  }

  @Test
  void theProjectPolicyKeepsTheRestrictedZoneForDataEngineers() {
    assertThat(PROJECT_POLICY.decide(request("data-engineer", null, "data engineering investigation", Action.READ, "restricted", "*"))
        .allowed()).isTrue();
    assertThat(PROJECT_POLICY.decide(request("data-engineer", null, "clerical review of record linkage", Action.DECIDE, "restricted",
        "clerical_review")).allowed()).isTrue();
    assertThat(PROJECT_POLICY.decide(request("commissioner", null, "service planning", Action.READ, "restricted", "identity")).allowed())
        .isFalse();
    assertThat(PROJECT_POLICY.decide(request("commissioner", null, "service planning", Action.READ, "gold", "monthly_activity")).allowed())
        .isTrue();
    assertThat(PROJECT_POLICY.decide(request("commissioner", null, "service planning", Action.READ, "gold", "cohort_t2dm__demo")).allowed())
        .as("a commissioner reads no research cohort").isFalse();
    assertThat(PROJECT_POLICY.decide(request("researcher", "demo", "type 2 diabetes cohort study", Action.READ, "gold", "cohort_t2dm__demo"))
        .allowed()).isTrue();
    assertThat(PROJECT_POLICY.decide(request("researcher", "demo", "type 2 diabetes cohort study", Action.READ, "silver", "person"))
        .allowed()).as("researchers read no silver").isFalse();
  }

  @Test
  void aDataEngineerMustGiveAnApprovedPurposeAndNoProject() {
    assertThat(PROJECT_POLICY.decide(request("data-engineer", null, "curiosity", Action.READ, "silver", "person")).allowed()).isFalse();
    assertThat(PROJECT_POLICY.decide(request("data-engineer", null, " ", Action.READ, "silver", "person")).allowed()).isFalse();
    assertThat(PROJECT_POLICY.decide(request("data-engineer", "demo", "data engineering investigation", Action.READ, "silver", "person"))
        .allowed()).isFalse();
    assertThat(PROJECT_POLICY.decide(request("data-engineer", null, "Data Engineering Investigation", Action.READ, "silver", "person"))
        .allowed()).as("purposes compare without case").isTrue();
  }

  @Test
  void unknownRolesAndActorsAreRefused() {
    assertThat(PROJECT_POLICY.decide(request("superuser", null, "service planning", Action.READ, "gold", "monthly_activity")).allowed())
        .isFalse();
    assertThat(PROJECT_POLICY.decide(new AccessRequest("", "commissioner", Optional.empty(), "service planning", Action.READ, "gold",
        "monthly_activity", TODAY)).allowed()).isFalse();
  }

  @Test
  void aMalformedPolicyFailsWithTheReason() {
    assertThatThrownBy(() -> AccessPolicy.parse("kind: Other", "x.yaml")).hasMessageContaining("kind: AccessPolicy");
    assertThatThrownBy(() -> AccessPolicy.parse("""
        kind: AccessPolicy
        roles:
          r: {purposes: [p], grants: [{zone: attic, tables: ["*"], actions: [read]}]}
        """, "x.yaml")).hasMessageContaining("unknown zone attic");
    assertThatThrownBy(() -> AccessPolicy.parse("""
        kind: AccessPolicy
        roles:
          r: {purposes: [p], grants: [{zone: ops, tables: [audit], actions: [delete]}]}
        """, "x.yaml")).hasMessageContaining("unknown action 'delete'");
    assertThatThrownBy(() -> AccessPolicy.parse("""
        kind: AccessPolicy
        roles:
          r: {grants: []}
        """, "x.yaml")).hasMessageContaining("purposes");
  }
}
