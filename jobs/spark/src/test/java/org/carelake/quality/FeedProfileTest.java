package org.carelake.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.carelake.contract.Contract;
import org.carelake.contract.ContractLoader;
import org.junit.jupiter.api.Test;

/** What the measures take from each real contract: key, care date, warning rules. */
class FeedProfileTest {
  static final Map<String, FeedProfile> PROFILES = ContractLoader.loadAll(Path.of("../../data-contracts")).stream()
      .map(FeedProfile::of).collect(Collectors.toMap(FeedProfile::feed, p -> p));

  @Test
  void theCareDateIsTheFirstClinicalDateOrTimestamp() {
    Map<String, Optional<String>> careDates = PROFILES.values().stream()
        .collect(Collectors.toMap(FeedProfile::feed, FeedProfile::careDate));
    assertThat(careDates).isEqualTo(Map.ofEntries(
        Map.entry("acute_apc", Optional.of("admission_date")),
        Map.entry("acute_ecds", Optional.of("arrival_time")),
        Map.entry("acute_op", Optional.of("appointment_date")),
        Map.entry("asc_services", Optional.of("service_start")),
        Map.entry("community_contacts", Optional.of("contact_date")),
        Map.entry("gp_emis_events", Optional.of("event_date")),
        Map.entry("gp_emis_medications", Optional.of("issue_date")),
        Map.entry("gp_emis_patients", Optional.empty()),
        Map.entry("gp_tpp_events", Optional.of("event_date")),
        Map.entry("gp_tpp_medications", Optional.of("issue_date")),
        Map.entry("gp_tpp_patients", Optional.empty()),
        Map.entry("mh_contacts", Optional.of("contact_date")),
        Map.entry("national_data_opt_out", Optional.empty()),
        Map.entry("ooh_contacts", Optional.of("contact_time")),
        Map.entry("type_1_opt_out", Optional.empty())));
  }

  /**
   * Activity feeds load a mistyped NHS number with a warning (linkage still has the other
   * identifiers); an opt-out list quarantines it, since a list row has nothing else to identify anyone.
   */
  @Test
  void everyFeedHasAPrimaryKeyAndItsNhsNumberWarning() {
    for (FeedProfile profile : PROFILES.values()) {
      assertThat(profile.primaryKey()).as(profile.feed()).hasSize(1);
      assertThat(profile.warningRules()).extracting(FeedProfile.WarningRule::id).as(profile.feed())
          .containsExactlyElementsOf(profile.feed().endsWith("_opt_out") ? List.of() : List.of("nhs_number.nhs-number"));
    }
  }

  @Test
  void warningChecksReapplyTheIngestRules() {
    assertThat(WarningChecks.breaks("nhs-number", "9990000018")).isFalse();
    assertThat(WarningChecks.breaks("nhs-number", "9990000019")).isTrue();
    assertThat(WarningChecks.breaks("nhs-number", null)).isFalse();
    Contract contract = ContractLoader.parse("""
        apiVersion: v3.0.2
        kind: DataContract
        id: spec_feed
        name: spec
        version: 1.0.0
        status: active
        customProperties:
          - {property: carelake.source, value: spec}
          - {property: carelake.silver-target, value: spec}
        schema:
          - name: spec_feed
            properties:
              - {name: spec_id, physicalName: Id, logicalType: string, required: true, primaryKey: true, classification: administrative}
              - {name: code, physicalName: Code, logicalType: string, classification: clinical, quality: [{type: custom, engine: carelake, rule: icd10-code, severity: warning}]}
              - {name: seen, physicalName: Seen, logicalType: date, classification: clinical, logicalTypeOptions: {format: yyyy-MM-dd}, quality: [{type: custom, engine: carelake, rule: not-in-future, severity: warning}]}
        """, "spec.yaml");
    assertThat(FeedProfile.of(contract).warningRules()).extracting(FeedProfile.WarningRule::id).isEqualTo(List.of("code.icd10-code"));
    assertThat(FeedProfile.of(contract).primaryKey()).containsExactly("spec_id");
    assertThat(FeedProfile.of(contract).careDate()).contains("seen");
  }
}
