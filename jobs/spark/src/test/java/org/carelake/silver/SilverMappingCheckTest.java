package org.carelake.silver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.carelake.contract.Contract;
import org.carelake.contract.ContractLoader;
import org.carelake.contract.PrivacyClasses;
import org.carelake.error.CareLakeException;
import org.carelake.transform.SqlScript;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The silver mapping check, on the shipped mappings and on crafted bad ones. A unit test: Spark's
 * parser needs no session. The crafted mappings use acute_apc, whose contract classifies
 * nhs_number, date_of_birth and postcode as direct identifiers.
 */
class SilverMappingCheckTest {
  static final List<Contract> CONTRACTS = ContractLoader.loadAll(Path.of("../../data-contracts"));
  static final Contract APC = CONTRACTS.stream().filter(c -> c.id().equals("acute_apc")).findFirst().orElseThrow();

  @Test
  void everyShippedMappingKeepsItsFeedsDirectIdentifiersOutOfSilver() throws Exception {
    int checked = 0;
    for (Contract contract : CONTRACTS) {
      if (!contract.reachesSilver()) {
        continue;
      }
      Path file = Path.of("../../sql/silver/" + contract.id() + ".sql");
      assertThat(Files.exists(file)).as(file.toString()).isTrue();
      assertThat(SilverMappingCheck.problem(contract, SqlScript.load(file))).as(contract.id()).isEmpty();
      checked++;
    }
    assertThat(checked).isGreaterThanOrEqualTo(13);
  }

  @Test
  void anIdentifierSelectedAsItIsFailsNamingFeedFileColumnAndSilverColumn() {
    SqlScript bad = mapping("SELECT record_key('acute_apc', s._borough, s.spell_id) AS spell_key,\n"
        + "  s.nhs_number AS local_ref\nFROM source s");
    assertThatThrownBy(() -> SilverMappingCheck.verify(APC, bad))
        .isInstanceOf(CareLakeException.class)
        .hasMessageContaining("acute_apc mapping sql/silver/acute_apc.sql puts direct identifier nhs_number into silver column local_ref");
  }

  @Test
  void anIdentifierOnlyInsideAnApprovedFunctionOrAJoinPasses() {
    SqlScript good = mapping("SELECT record_key('acute_apc', s._borough, s.nhs_number) AS spell_key,\n"
        + "  age_years(s.date_of_birth, s.admission_date) AS age_years, year(s.date_of_birth) AS birth_year,\n"
        + "  p.lsoa_code AS lsoa_code\nFROM source s LEFT JOIN postcode_lsoa p ON p.postcode = std_postcode(s.postcode)\n"
        + "WHERE s.nhs_number IS NOT NULL");
    assertThat(SilverMappingCheck.problem(APC, good)).isEmpty();
  }

  @Test
  void anIdentifierThroughAFunctionThatDoesNotPseudonymiseFails() {
    assertThat(SilverMappingCheck.problem(APC, mapping("SELECT upper(std_postcode(s.postcode)) AS area FROM source s")))
        .hasValueSatisfying(p -> assertThat(p).contains("puts direct identifier postcode into silver column area"));
  }

  @Test
  void anIdentifierHiddenInACommonTableExpressionOrSubqueryFails() {
    assertThat(SilverMappingCheck.problem(APC,
        mapping("WITH x AS (SELECT s.date_of_birth AS born FROM source s) SELECT born AS admitted FROM x")))
        .hasValueSatisfying(p -> assertThat(p).contains("date_of_birth into silver column born"));
    assertThat(SilverMappingCheck.problem(APC,
        mapping("SELECT t.n AS ref FROM (SELECT nhs_number AS n FROM source) t")))
        .hasValueSatisfying(p -> assertThat(p).contains("nhs_number into silver column n"));
  }

  @Test
  void selectingEveryColumnOfAFeedWithDirectIdentifiersFails() {
    assertThat(SilverMappingCheck.problem(APC, mapping("SELECT * FROM source")))
        .hasValueSatisfying(p -> assertThat(p).contains("puts direct identifier columns (SELECT *)"));
  }

  @Test
  void theIdentifiersComeFromTheContractsClassification() {
    assertThat(PrivacyClasses.directIdentifiers(APC)).contains("nhs_number", "date_of_birth", "postcode");
    assertThat(SilverMappingCheck.problem(APC, mapping("SELECT s.spell_id AS spell_ref FROM source s"))).isEmpty();
  }

  @Test
  void loadingTheContractsOfARunChecksEveryMappingFile(@TempDir Path sql) throws Exception {
    Files.createDirectories(sql.resolve("silver"));
    SilverMappingCheck.verifyAll(CONTRACTS, sql);
    Files.writeString(sql.resolve("silver/acute_apc.sql"),
        "-- feed: acute_apc\n-- target: silver.hospital_spell\nSELECT s.postcode AS area FROM source s\n");
    assertThatThrownBy(() -> SilverMappingCheck.verifyAll(CONTRACTS, sql))
        .hasMessageContaining("puts direct identifier postcode into silver column area");
  }

  private static SqlScript mapping(String select) {
    return SqlScript.parse("-- feed: acute_apc\n-- target: silver.hospital_spell\n" + select, "sql/silver/acute_apc.sql");
  }
}
