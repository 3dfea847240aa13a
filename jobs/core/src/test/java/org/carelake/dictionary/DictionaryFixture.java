package org.carelake.dictionary;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * A small repository in a folder, for the dictionary's tests: one real contract and one real cohort
 * definition with the real codelist library, and hand-written DDL, mapping and gold files.
 */
final class DictionaryFixture {
  static final Path REPOSITORY = Path.of("../..");

  private DictionaryFixture() {}

  static DictionarySources write(Path root) throws IOException {
    copy(REPOSITORY.resolve("data-contracts/acute/acute_apc.v1.yaml"), root.resolve("data-contracts/acute/acute_apc.v1.yaml"));
    copyTree(REPOSITORY.resolve("codelists"), root.resolve("codelists"));
    copy(REPOSITORY.resolve("sql/cohorts/cohort_type_2_diabetes.yaml"), root.resolve("sql/cohorts/cohort_type_2_diabetes.yaml"));
    write(root.resolve("sql/ddl/silver/hospital_spell.sql"), """
        -- table: silver.hospital_spell
        -- purpose: Spells.
        -- grain: one row per spell
        -- keys: spell_key
        -- same-event: person_key, admission_date
        CREATE TABLE IF NOT EXISTS ${table} (
          spell_key      STRING NOT NULL COMMENT 'key of the spell',
          person_key     STRING NOT NULL COMMENT 'pseudonymous person',
          admission_date DATE,
          primary_diagnosis STRING COMMENT 'ICD-10, dotted'
        ) USING DELTA
        """);
    write(root.resolve("sql/silver/acute_apc.sql"), """
        -- feed: acute_apc
        -- target: silver.hospital_spell
        -- purpose: Spells onto the spell table.
        SELECT 1 AS spell_key
        """);
    write(root.resolve("sql/gold/spells_by_month.sql"), """
        -- table: gold.spells_by_month
        -- purpose: Spells per month <script>alert("x")</script> & more.
        -- inputs: silver.hospital_spell, reference.postcode_lsoa
        -- grain: one row per month and borough, plus a total per month
        -- keys: month, borough_code
        -- disclosure: aggregate
        -- counts: spells, people
        -- rates: spells_per_person = spells / people * 100
        -- totals: borough_code
        -- thresholds: suppress-below 10, round-to 10
        SELECT
          trunc(admission_date, 'MM') AS month,   -- DATE: first day of the month
          borough_code,                           -- STRING: ONS code
          count(*) AS spells,                     -- spells admitted
          count(DISTINCT person_key) AS people
        FROM silver_hospital_spell
        GROUP BY 1, 2
        """);
    write(root.resolve("sql/gold/spell_cohort.sql"), """
        -- table: gold.spell_cohort
        -- per-project: yes
        -- purpose: People with a diabetes spell.
        -- inputs: silver.hospital_spell
        -- codelists: snomed/test-list@1
        -- grain: one row per person
        -- keys: patient_id
        -- disclosure: record-level (one row per person under the project's own pseudonym)
        SELECT project_pseudonym(project_id, person_key) AS patient_id, -- STRING: the project's pseudonym
          min(admission_date) AS first_spell
        FROM silver_hospital_spell GROUP BY person_key
        """);
    write(root.resolve("sql/codelists/snomed/test-list.v1.csv"), "code,term\n44054006,Type 2 diabetes mellitus\n");
    write(root.resolve("sql/ddl/restricted/identity.sql"), """
        -- table: restricted.identity
        -- purpose: The identity vault.
        -- grain: one row per identity
        -- keys: identity_id
        CREATE TABLE IF NOT EXISTS ${table} (
          identity_id STRING NOT NULL,
          nhs_number  STRING COMMENT '10 digits'
        ) USING DELTA
        """);
    return DictionarySources.of(root);
  }

  static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  private static void copy(Path from, Path to) throws IOException {
    Files.createDirectories(to.getParent());
    Files.copy(from, to);
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        copy(file, to.resolve(from.relativize(file).toString()));
      }
    }
  }
}
