package org.carelake.dictionary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.carelake.dictionary.ColumnDoc.Nullable;
import org.carelake.error.CareLakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the dictionary reads from each kind of definition, on a small repository. */
class DataDictionaryTest {
  @TempDir Path root;

  @Test
  void aSilverTableHasItsDdlColumnsAndTheFeedsWhoseMappingsFillIt() throws IOException {
    DataDictionary dictionary = DataDictionary.read(DictionaryFixture.write(root));

    TableDoc spells = dictionary.table("silver.hospital_spell").orElseThrow();
    assertThat(spells.published()).isTrue();
    assertThat(spells.feeds()).containsExactly("acute_apc");
    assertThat(spells.keys()).containsExactly("spell_key");
    assertThat(spells.definedIn()).isEqualTo("sql/ddl/silver/hospital_spell.sql");
    assertThat(spells.details()).containsEntry("same-event", "person_key, admission_date");
    assertThat(spells.columns()).contains(
        new ColumnDoc("spell_key", "STRING", Nullable.NO, "key of the spell"),
        new ColumnDoc("admission_date", "DATE", Nullable.YES, ""));
    assertThat(dictionary.feed("acute_apc").orElseThrow().target()).isEqualTo("silver.hospital_spell");
  }

  @Test
  void anAggregateGoldTableListsTheColumnsDisclosureControlPublishesAndItsRuleInWords() throws IOException {
    DataDictionary dictionary = DataDictionary.read(DictionaryFixture.write(root));

    TableDoc table = dictionary.table("gold.spells_by_month").orElseThrow();
    assertThat(table.columns()).extracting(ColumnDoc::name).containsExactly("month", "borough_code", "spells", "spells_status", "people",
        "people_status", "spells_per_person", "spells_per_person_status");
    assertThat(table.column("month").orElseThrow()).isEqualTo(new ColumnDoc("month", "DATE", Nullable.UNKNOWN, "first day of the month"));
    assertThat(table.column("spells").orElseThrow().type()).isEqualTo("BIGINT");
    assertThat(table.column("spells").orElseThrow().meaning()).startsWith("spells admitted. A count under disclosure control");
    assertThat(table.column("borough_code").orElseThrow().meaning()).contains("'all' on total rows");
    assertThat(table.inputs()).containsExactly("silver.hospital_spell", "reference.postcode_lsoa");
    assertThat(String.join("\n", table.disclosure()))
        .contains("counts from 1 to 9 are suppressed", "rounded to the nearest 10", "spells_per_person = spells / people × 100",
            "shown only where both are at least 10", "Total rows: borough_code");
  }

  @Test
  void aPerProjectRecordLevelTableIsNamedPerProjectAndItsOlderCodelistIsRead() throws IOException {
    DataDictionary dictionary = DataDictionary.read(DictionaryFixture.write(root));

    TableDoc cohort = dictionary.table("gold.spell_cohort__<project>").orElseThrow();
    assertThat(cohort.disclosure()).hasSize(1);
    assertThat(cohort.disclosure().get(0)).startsWith("Record-level: one row per person");
    assertThat(cohort.details()).containsKey("per project");
    assertThat(cohort.codelists()).containsExactly("snomed/test-list@1");
    CodelistDoc list = dictionary.codelist("snomed/test-list@1").orElseThrow();
    assertThat(list.codes()).extracting(code -> code.code()).containsExactly("44054006");
    assertThat(list.file()).isEqualTo("sql/codelists/snomed/test-list.v1.csv");
    assertThat(dictionary.usersOf("snomed/test-list@1")).containsExactly(cohort);
  }

  @Test
  void aCohortDefinitionPublishesItsCohortAndAttritionTablesWithEveryColumnDescribed() throws IOException {
    DataDictionary dictionary = DataDictionary.read(DictionaryFixture.write(root));

    TableDoc cohort = dictionary.table("gold.cohort_type_2_diabetes__<project>").orElseThrow();
    assertThat(cohort.kind()).isEqualTo("cohort");
    assertThat(cohort.columns()).extracting(ColumnDoc::name).startsWith("patient_id", "index_date", "entry_date", "exit_date")
        .contains("hba1c_12m_before_index", "on_metformin_at_index");
    assertThat(cohort.columns()).allSatisfy(column -> {
      assertThat(column.documented()).as(column.name()).isTrue();
      assertThat(column.type()).as(column.name()).isNotEmpty();
    });
    assertThat(cohort.column("on_metformin_at_index").orElseThrow().type()).isEqualTo("BOOLEAN");
    assertThat(cohort.codelists()).contains("type-2-diabetes-snomed@1", "metformin-dmd@1");
    assertThat(cohort.details().get("inclusion")).contains("1. aged 18 or over at index");
    TableDoc attrition = dictionary.table("gold.cohort_type_2_diabetes_attrition__<project>").orElseThrow();
    assertThat(attrition.columns()).extracting(ColumnDoc::name).containsExactly("step", "rule", "criterion", "people", "people_status");
    assertThat(dictionary.usersOf("metformin-dmd@1")).contains(cohort, attrition);
    assertThat(dictionary.codelist("metformin-dmd@1").orElseThrow().codes()).isNotEmpty();
  }

  @Test
  void theMeasureDefinitionsPublishGoldMeasuresWithEachMeasureListedOnItsPage() throws IOException {
    DictionarySources sources = DictionaryFixture.write(root);
    for (String id : List.of("t2dm_hba1c_12m", "emergency_readmissions_30d")) {
      Path file = Path.of("sql/measures", id + ".yaml");
      DictionaryFixture.write(root.resolve(file), Files.readString(DictionaryFixture.REPOSITORY.resolve(file)));
    }

    DataDictionary dictionary = DataDictionary.read(sources);

    TableDoc measures = dictionary.table("gold.measures").orElseThrow();
    assertThat(measures.kind()).isEqualTo("measures");
    assertThat(measures.definedIn()).isEqualTo("sql/measures/");
    assertThat(measures.keys()).startsWith("measure_id", "measure_name", "definition", "period_start", "period_end");
    assertThat(measures.columns()).extracting(ColumnDoc::name).containsExactly("measure_id", "measure_name", "definition",
        "period_start", "period_end", "borough_code", "age_band", "sex", "deprivation_quintile", "numerator", "numerator_status",
        "denominator", "denominator_status", "value", "value_status");
    assertThat(measures.columns()).allSatisfy(column -> {
      assertThat(column.documented()).as(column.name()).isTrue();
      assertThat(column.type()).as(column.name()).isNotEmpty();
    });
    assertThat(measures.inputs()).contains("silver.person", "silver.gp_event", "silver.hospital_spell");
    assertThat(measures.codelists()).contains("type-2-diabetes-snomed@1", "hba1c-snomed@1");
    assertThat(dictionary.usersOf("hba1c-snomed@1")).contains(measures);
    assertThat(String.join("\n", measures.disclosure())).contains("Aggregate", "value = numerator / denominator × 100",
        "Total rows: borough_code");
    assertThat(measures.details()).containsKeys("definitions", "measure t2dm_hba1c_12m", "measure emergency_readmissions_30d");
    assertThat(measures.details().get("measure t2dm_hba1c_12m")).startsWith(
            "Type 2 diabetes with an HbA1c recorded in the last 12 months. Of people aged 17 or over")
        .contains("Denominator: people registered with a GP practice on each month's last day",
            "with an event of t2dm_gp (type-2-diabetes-snomed@1), t2dm_hospital (type-2-diabetes-icd10@1) on or before the reference date",
            "aged 17 or over on the reference date",
            "Numerator: those of them with an event of hba1c (hba1c-snomed@1) from 364 days before the reference date to the reference date",
            "Counts people; 24 periods of 1 month; by borough", "sql/measures/t2dm_hba1c_12m.yaml");
    assertThat(measures.details().get("measure emergency_readmissions_30d")).contains(
        "Denominator: each event of hospital-discharge, on its date.",
        "Numerator: those of them with an event of emergency-admission from the reference date to 30 days after the reference date",
        "Counts events", "by borough, age-band, sex");
  }

  @Test
  void restrictedTablesAreListedAsNotPublishedAndOnlyPublishedColumnsCountAsGaps() throws IOException {
    DataDictionary dictionary = DataDictionary.read(DictionaryFixture.write(root));

    TableDoc identity = dictionary.table("restricted.identity").orElseThrow();
    assertThat(identity.published()).isFalse();
    assertThat(identity.column("identity_id").orElseThrow().documented()).isFalse();
    assertThat(dictionary.undocumentedColumns())
        .containsExactly("silver.hospital_spell.admission_date", "gold.spell_cohort__<project>.first_spell");
  }

  @Test
  void aNewKindOfDefinitionIsOneMoreTableSource() throws IOException {
    DictionarySources sources = DictionaryFixture.write(root);
    TableSource measures = ignored -> List.of(new TableDoc("gold.measures", "gold", "measure table", "sql/measures/", "Measures.",
        "one row per measure and month", List.of("measure"), List.of(new ColumnDoc("measure", "STRING", Nullable.NO, "the measure")),
        List.of("silver.hospital_spell"), List.of(), List.of(), List.of("Aggregate."), Map.of()));
    List<TableSource> kinds = new ArrayList<>(DataDictionary.KINDS);
    kinds.add(measures);

    DataDictionary dictionary = DataDictionary.read(sources, kinds);

    assertThat(dictionary.table("gold.measures")).isPresent();
    assertThat(dictionary.readersOf("silver.hospital_spell")).extracting(TableDoc::name).contains("gold.measures");
  }

  @Test
  void twoDefinitionsOfOneTableAreRefused() throws IOException {
    DictionarySources sources = DictionaryFixture.write(root);
    List<TableSource> twice = List.of(new GoldTables(), new GoldTables());

    assertThatThrownBy(() -> DataDictionary.read(sources, twice))
        .isInstanceOf(CareLakeException.class)
        .hasMessageContaining("two definitions declare the table gold.spell_cohort__<project>");
  }
}
