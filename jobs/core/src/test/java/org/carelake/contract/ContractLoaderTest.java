package org.carelake.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.time.LocalDateTime;
import org.carelake.error.CareLakeException;
import org.junit.jupiter.api.Test;

class ContractLoaderTest {
  static final String MINIMAL =
      """
      apiVersion: v3.0.2
      kind: DataContract
      id: tiny_feed
      version: 1.2.0
      status: active
      customProperties:
        - {property: carelake.source, value: test}
        - {property: carelake.silver-target, value: tiny}
      schema:
        - name: tiny_feed
          properties:
            - {name: id, physicalName: ID, logicalType: string, required: true, primaryKey: true, classification: administrative}
            - name: born
              physicalName: Born
              logicalType: date
              classification: direct-identifier
              logicalTypeOptions: {format: dd/MM/yyyy}
            - name: seen
              physicalName: Seen
              logicalType: timestamp
              classification: clinical
              logicalTypeOptions: {format: "yyyy-MM-dd'T'HH:mm:ss"}
              quality:
                - {type: custom, engine: carelake, rule: not-in-future}
                - {type: custom, engine: carelake, rule: not-before, column: born}
            - name: score
              logicalType: integer
              classification: clinical
              logicalTypeOptions: {minimum: 0, maximum: 10}
      """;

  @Test
  void readsTheFieldsCareLakeActsOn() {
    Contract contract = ContractLoader.parse(MINIMAL, "inline");
    assertThat(contract.id()).isEqualTo("tiny_feed");
    assertThat(contract.majorVersion()).isEqualTo(1);
    assertThat(contract.silverTarget()).isEqualTo("tiny");
    assertThat(contract.physicalHeader()).containsExactly("ID", "Born", "Seen", "score");
    assertThat(contract.primaryKey()).extracting(Column::name).containsExactly("id");
    assertThat(contract.column("born").orElseThrow().isDirectIdentifier()).isTrue();
  }

  @Test
  void aHeaderWithoutTrailingOptionalColumnsIsAccepted() {
    Contract contract = ContractLoader.parse(MINIMAL, "inline");
    assertThat(contract.acceptsHeader(java.util.List.of("ID", "Born", "Seen", "score"))).isTrue();
    assertThat(contract.acceptsHeader(java.util.List.of("ID", "Born", "Seen"))).as("optional score missing at the end").isTrue();
    assertThat(contract.acceptsHeader(java.util.List.of("ID", "Seen", "Born", "score"))).as("out of order, matched by name").isTrue();
    assertThat(contract.headerLayout(java.util.List.of("score", "ID", "Seen", "Born")).orElseThrow()).containsExactly(1, 3, 2, 0);
    assertThat(contract.headerLayout(java.util.List.of("ID", "Seen", "Born")).orElseThrow()).as("optional score absent").containsExactly(0, 2, 1, -1);
    assertThat(Contract.isContractOrder(contract.headerLayout(contract.physicalHeader()).orElseThrow())).isTrue();
    assertThat(contract.acceptsHeader(java.util.List.of("ID", "Born", "Born", "score"))).as("a column twice").isFalse();
    assertThat(contract.acceptsHeader(java.util.List.of("ID", "Born", "Seen", "score", "extra"))).as("unexpected column").isFalse();
    assertThat(contract.acceptsHeader(java.util.List.of())).isFalse();
    Contract required = ContractLoader.parse(MINIMAL.replace("name: score\n", "name: score\n        required: true\n"), "inline");
    assertThat(required.acceptsHeader(java.util.List.of("ID", "Born", "Seen"))).as("a required column is never optional").isFalse();
  }

  @Test
  void validatorTypesValuesAndNamesEveryBrokenRule() {
    RowValidator validator = new RowValidator(ContractLoader.parse(MINIMAL, "inline"), LocalDate.parse("2026-11-24"));
    ValidatedRow good = validator.validate(new String[] {"a1", "01/02/1990", "2026-11-24T23:59:59", " 7 "});
    assertThat(good.violations()).isEmpty();
    assertThat(good.values())
        .containsExactly("a1", LocalDate.of(1990, 2, 1), LocalDateTime.of(2026, 11, 24, 23, 59, 59), 7L);

    ValidatedRow bad = validator.validate(new String[] {"", "31/02/1990", "2026-11-25T00:00:00", "11"});
    assertThat(bad.violations()).containsExactly("id.required", "born.format", "seen.not-in-future", "score.maximum");

    ValidatedRow beforeBirth = validator.validate(new String[] {"a2", "01/02/1990", "1989-12-31T10:00:00", ""});
    assertThat(beforeBirth.violations()).containsExactly("seen.not-before");

    assertThat(validator.validate(new String[] {"a3"}).violations()).containsExactly(RowValidator.COLUMN_COUNT);
  }

  @Test
  void aDateOfBirthMoreThan120YearsBackIsImplausible() {
    Contract contract = ContractLoader.parse(MINIMAL.replace(
        "logicalTypeOptions: {format: dd/MM/yyyy}\n",
        "logicalTypeOptions: {format: dd/MM/yyyy}\n        quality:\n          - {type: custom, engine: carelake, rule: plausible-age}\n"), "inline");
    RowValidator validator = new RowValidator(contract, LocalDate.parse("2026-11-24"));
    // 120 the day before their 121st birthday: still plausible; on it, not.
    assertThat(validator.validate(new String[] {"a1", "25/11/1905", "", ""}).violations()).isEmpty();
    assertThat(validator.validate(new String[] {"a2", "24/11/1905", "", ""}).violations()).containsExactly("born.plausible-age");
    assertThat(validator.validate(new String[] {"a3", "14/03/1880", "", ""}).violations()).containsExactly("born.plausible-age");
    assertThatThrownBy(() -> ContractLoader.parse(MINIMAL.replace("logicalTypeOptions: {minimum: 0, maximum: 10}",
        "logicalTypeOptions: {minimum: 0, maximum: 10}\n        quality: [{type: custom, engine: carelake, rule: plausible-age}]"), "inline"))
        .hasMessageContaining("plausible-age needs a date");
  }

  @Test
  void aContractMayDeclareTheFileNamesItsSourceSends() {
    Contract contract = ContractLoader.parse(MINIMAL.replace("- {property: carelake.silver-target, value: tiny}",
        "- {property: carelake.silver-target, value: tiny}\n  - {property: carelake.file-patterns, value: \"TINY_*.csv, tiny-??.txt\"}"), "inline");
    assertThat(contract.filePatterns()).containsExactly("TINY_*.csv", "tiny-??.txt");
    assertThat(contract.matchesFileName("TINY_20261124.csv")).isTrue();
    assertThat(contract.matchesFileName("tiny_extract.CSV")).as("any case").isTrue();
    assertThat(contract.matchesFileName("tiny-01.txt")).isTrue();
    assertThat(contract.matchesFileName("tiny-001.txt")).isFalse();
    assertThat(contract.matchesFileName("other_TINY_1.csv")).isFalse();
    assertThat(ContractLoader.parse(MINIMAL, "inline").matchesFileName("tiny_feed.csv")).as("no patterns, no match").isFalse();
  }

  @Test
  void aContractMayDeclareWhichOfTwoRowsWithOneKeyStands() {
    assertThat(ContractLoader.parse(MINIMAL, "inline").duplicateKeys()).as("default").isEqualTo(DuplicateKeyRule.LAST_ROW_WINS);
    String declared = MINIMAL.replace("- {property: carelake.silver-target, value: tiny}",
        "- {property: carelake.silver-target, value: tiny}\n  - {property: carelake.duplicate-keys, value: First-Row-Wins}");
    assertThat(ContractLoader.parse(declared, "inline").duplicateKeys()).isEqualTo(DuplicateKeyRule.FIRST_ROW_WINS);
    assertThatThrownBy(() -> ContractLoader.parse(declared.replace("First-Row-Wins", "newest"), "inline"))
        .hasMessageContaining("carelake.duplicate-keys must be one of last-row-wins, first-row-wins, got newest");
    assertThat(ContractLoader.parse(MINIMAL, "inline").beforeBirth()).as("default").isEqualTo(BeforeBirthRule.FLAG);
    assertThat(ContractLoader.parse(declared.replace("duplicate-keys, value: First-Row-Wins", "before-birth, value: hold"), "inline")
        .beforeBirth()).isEqualTo(BeforeBirthRule.HOLD);
  }

  @Test
  void controlCharactersAreRefusedInEveryColumnButTabsAndLineBreaksAreText() {
    RowValidator validator = new RowValidator(ContractLoader.parse(MINIMAL, "inline"), LocalDate.parse("2026-11-24"));
    assertThat(validator.validate(new String[] {"a\u00001", "", "", ""}).violations()).containsExactly("id.control-character");
    assertThat(validator.validate(new String[] {"a1", "01/02/1990\u0007", "", "7\u007f"}).violations())
        .containsExactly("born.control-character", "score.control-character");
    assertThat(validator.validate(new String[] {"a\tb\r\nc", "", "", ""}).violations()).isEmpty();
  }

  static final String IDENTIFIERS =
      """
      apiVersion: v3.0.2
      kind: DataContract
      id: tiny_people
      version: 1.0.0
      status: active
      customProperties:
        - {property: carelake.source, value: test}
        - {property: carelake.silver-target, value: tiny}
      schema:
        - name: tiny_people
          properties:
            - {name: id, logicalType: string, required: true, primaryKey: true, classification: administrative}
            - name: nhs_number
              logicalType: string
              classification: direct-identifier
              logicalTypeOptions: {pattern: "^[0-9]{10}$"}
              quality:
                - {type: custom, engine: carelake, rule: nhs-number}
            - name: postcode
              logicalType: string
              classification: quasi-identifier
              logicalTypeOptions: {pattern: "^[A-Z]{1,2}[0-9][0-9A-Z]? ?[0-9][A-Z]{2}$"}
      """;

  @Test
  void numbersWithSpacesOrDashesAndPostcodesInAnyCaseAreNormalisedBeforeTheRules() {
    RowValidator validator = new RowValidator(ContractLoader.parse(IDENTIFIERS, "inline"), LocalDate.parse("2026-11-24"));
    ValidatedRow spaced = validator.validate(new String[] {"p1", "999 000 0018", "m11aa"});
    assertThat(spaced.violations()).isEmpty();
    assertThat(spaced.values()).containsExactly("p1", "9990000018", "M1 1AA");
    ValidatedRow dashed = validator.validate(new String[] {"p2", "999-000-0018", " sk8  3qw "});
    assertThat(dashed.violations()).isEmpty();
    assertThat(dashed.values()).containsExactly("p2", "9990000018", "SK8 3QW");
    // Normalising never makes a bad value good: a placeholder number, or a postcode of the wrong shape.
    assertThat(validator.validate(new String[] {"p3", "000 000 0000", "M1 1AA"}).violations()).containsExactly("nhs_number.nhs-number");
    assertThat(validator.validate(new String[] {"p4", "9990000018", "m1"}).violations()).containsExactly("postcode.pattern");
  }

  @Test
  void aBrokenContractFailsWithItsFileAndField() {
    String broken = MINIMAL.replace("rule: not-before, column: born", "rule: not-before, column: nowhere");
    assertThatThrownBy(() -> ContractLoader.parse(broken, "feeds/tiny.yaml"))
        .isInstanceOf(CareLakeException.class)
        .hasMessageContaining("feeds/tiny.yaml")
        .hasMessageContaining("unknown column nowhere");
  }

  @Test
  void unknownRuleIsRefused() {
    String broken = MINIMAL.replace("rule: not-in-future", "rule: looks-fine");
    assertThatThrownBy(() -> ContractLoader.parse(broken, "x.yaml")).hasMessageContaining("looks-fine");
  }

  static final String OPT_OUT_LIST =
      """
      apiVersion: v3.0.2
      kind: DataContract
      id: some_opt_out
      version: 1.0.0
      status: active
      customProperties:
        - {property: carelake.source, value: test}
        - {property: carelake.opt-out, value: type-1}
      schema:
        - name: some_opt_out
          properties:
            - {name: nhs_number, physicalName: NHS, logicalType: string, required: true, primaryKey: true, classification: direct-identifier}
      """;

  @Test
  void anOptOutListNamesItsListAndNeverReachesSilver() {
    Contract contract = ContractLoader.parse(OPT_OUT_LIST, "inline");
    assertThat(contract.optOut()).contains(org.carelake.optout.OptOutList.TYPE_1);
    assertThat(contract.reachesSilver()).isFalse();
    assertThat(ContractLoader.parse(MINIMAL, "inline").reachesSilver()).isTrue();
  }

  @Test
  void anOptOutListWithASilverTargetOrAnUnknownListIsRefused() {
    String withTarget = OPT_OUT_LIST.replace("value: type-1}", "value: type-1}\n  - {property: carelake.silver-target, value: x}");
    assertThatThrownBy(() -> ContractLoader.parse(withTarget, "inline")).hasMessageContaining("never reaches silver");
    assertThatThrownBy(() -> ContractLoader.parse(OPT_OUT_LIST.replace("type-1", "type-2"), "inline"))
        .hasMessageContaining("national-data-opt-out, type-1");
    assertThatThrownBy(() -> ContractLoader.parse(OPT_OUT_LIST.replace("name: nhs_number", "name: number"), "inline"))
        .hasMessageContaining("nhs_number");
  }
}
