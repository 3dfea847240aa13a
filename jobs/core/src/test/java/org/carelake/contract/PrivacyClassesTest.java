package org.carelake.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class PrivacyClassesTest {
  static final List<Contract> CONTRACTS = ContractLoader.loadAll(Path.of("../../data-contracts"));

  static Contract contract(String id) {
    return CONTRACTS.stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void directAndQuasiIdentifiersComeFromEachColumnsClassificationInContractOrder() {
    Contract apc = contract("acute_apc");
    assertThat(PrivacyClasses.directIdentifiers(apc)).startsWith("nhs_number", "date_of_birth").contains("postcode")
        .doesNotContain("spell_id", "sex");
    assertThat(PrivacyClasses.quasiIdentifiers(apc)).contains("sex").doesNotContain("nhs_number");
    assertThat(PrivacyClasses.isIdentifying(apc, "sex")).isTrue();
    assertThat(PrivacyClasses.isIdentifying(apc, "spell_id")).isFalse();
    assertThat(PrivacyClasses.isIdentifying(apc, "no_such_column")).isFalse();
  }

  @Test
  void everyFeedWithADirectIdentifierIsListedWithItsColumns() {
    var byFeed = PrivacyClasses.of(CONTRACTS).directIdentifiersByFeed();
    assertThat(byFeed).containsKeys("acute_apc", "gp_emis_patients", "national_data_opt_out");
    assertThat(byFeed.values()).allSatisfy(columns -> assertThat(columns).isNotEmpty());
    assertThat(byFeed.values().stream().flatMap(List::stream)).contains("telephone", "address_line", "given_name");
  }
}
