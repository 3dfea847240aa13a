package org.carelake.gold;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.carelake.codelist.CodelistLibrary;
import org.carelake.cohort.CohortDefinition.CodelistReference;
import org.carelake.cohort.CohortFolder;
import org.carelake.cohort.CompiledCohort;
import org.carelake.disclosure.DisclosureSpec;
import org.carelake.error.CareLakeException;
import org.carelake.pseudonym.PersonKeys;
import org.carelake.pseudonym.PseudonymKey;
import org.carelake.spark.CareLakeFunctions;
import org.carelake.testing.SharedLakes;
import org.carelake.testing.TestSpark;
import org.carelake.transform.SqlScript;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Spec tests of the cohort library ({@code sql/cohorts/}): every definition, compiled against the
 * project's codelists, run as the gold stage runs it (silver views, codelist views, run_night and
 * project_id, project_pseudonym, disclosure control) over a dozen-odd hand-built people in real
 * silver Delta tables made from the silver DDL. The type 2 diabetes and hospital-and-social-care
 * cohorts are specified person by person, with edge dates (the study start and the night, window
 * boundaries, a birthday month, deregistration on the index date); each single-condition cohort
 * with a primary-care and a hospital case; multimorbidity with its index rule. A definition without
 * a spec here fails {@link #everyDefinitionHasASpec}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CohortLibraryIT {
  static final Path SQL = Path.of("../../sql");
  static final Path CODELISTS = Path.of("../../codelists");
  static final LocalDate NIGHT = LocalDate.parse("2026-11-23");
  static final PseudonymKey KEY = PseudonymKey.fromHex("5a".repeat(32));
  static final PersonKeys KEYS = new PersonKeys(KEY);

  /** Single-condition cohorts: the codelist ids of their primary-care and hospital lists, and the minimum age. */
  static final Map<String, String[]> CONDITIONS = new TreeMap<>(Map.of(
      "cohort_hypertension", new String[] {"hypertension-snomed", "hypertension-icd10"},
      "cohort_asthma", new String[] {"asthma-snomed", "asthma-icd10"},
      "cohort_copd", new String[] {"copd-snomed", "copd-icd10"},
      "cohort_ckd", new String[] {"ckd-stage-3-5-snomed", "ckd-stage-3-5-icd10"},
      "cohort_heart_failure", new String[] {"heart-failure-snomed", "heart-failure-icd10"},
      "cohort_atrial_fibrillation", new String[] {"atrial-fibrillation-snomed", "atrial-fibrillation-icd10"},
      "cohort_dementia", new String[] {"dementia-snomed", "dementia-icd10"},
      "cohort_severe_mental_illness", new String[] {"severe-mental-illness-snomed", "severe-mental-illness-icd10"},
      "cohort_depression", new String[] {"depression-snomed", "depression-icd10"}));
  static final Set<String> SPECIFIED_ONE_BY_ONE = Set.of("cohort_type_2_diabetes", "cohort_hospital_and_social_care", "cohort_multimorbidity");

  static final String T2DM = "44054006";
  static final String HYPERTENSION = "38341003";
  static final String DEPRESSION = "35489007";
  static final String HBA1C = "999791000000106";
  static final String METFORMIN = "325278007";

  SparkSession spark;
  Path work;
  SilverViews silver;
  Map<String, CompiledCohort> cohorts;
  final List<Object[]> persons = new ArrayList<>();
  final List<Object[]> events = new ArrayList<>();
  final List<Object[]> medications = new ArrayList<>();
  final List<Object[]> spells = new ArrayList<>();
  final List<Object[]> services = new ArrayList<>();

  @BeforeAll
  void tinySilver() throws IOException {
    spark = TestSpark.session();
    work = SharedLakes.scratch("carelake-cohort-it");
    silver = new SilverViews(spark, SQL, work);
    CareLakeFunctions.register(spark, KEY);
    CodelistLibrary library = CodelistLibrary.open(CODELISTS);
    cohorts = new LinkedHashMap<>();
    for (CompiledCohort cohort : CohortFolder.compileAll(SQL, library)) {
      cohorts.put(cohort.definition().name(), cohort);
    }
    typeTwoDiabetesPeople();
    hospitalAndSocialCarePeople();
    multimorbidPeople();
    int n = 0;
    for (Map.Entry<String, String[]> condition : CONDITIONS.entrySet()) {
      String gp = library.load(condition.getValue()[0], 1).codes().get(0).code();
      String hospital = library.load(condition.getValue()[1], 1).codes().get(0).code();
      String who = condition.getKey();
      person(who + ":gp", 1950, 1, "2000-01-01", null, null);
      event(who + ":gp", "2022-03-01", gp, null);
      person(who + ":hospital", 1950, 1, "2000-01-01", null, null);
      // as silver stores a HES code with its filler (I10X becomes I10.X) where the list holds the category
      spell(who + ":hospital", "2022-04-0" + (1 + n++ % 9), hospital.length() == 3 ? hospital + ".X" : hospital);
    }
    silver.table("person", persons, "person_key STRING, birth_year INT, birth_month INT, sex STRING, ethnic_group STRING, imd_decile INT,"
        + " borough_code STRING, registration_date DATE, deregistration_date DATE, death_year INT, death_month INT");
    silver.table("gp_event", events, "event_key STRING, person_key STRING, event_date DATE, code STRING, value DOUBLE");
    silver.table("medication", medications, "medication_key STRING, person_key STRING, issue_date DATE, code STRING");
    silver.table("hospital_spell", spells, "spell_key STRING, person_key STRING, admission_date DATE, primary_diagnosis STRING");
    silver.table("social_care_service", services, "service_key STRING, person_key STRING, service_start DATE");
    for (CompiledCohort cohort : cohorts.values()) {
      for (String codelist : cohort.cohort().list("codelists")) {
        Codelists.register(spark, SQL, codelist);
      }
    }
    spark.sql("DECLARE OR REPLACE VARIABLE run_night DATE DEFAULT DATE'" + NIGHT + "'");
    spark.sql("DECLARE OR REPLACE VARIABLE project_id STRING DEFAULT 'demo'");
  }

  @AfterAll
  void restore() {
    silver.close();
  }

  // ---- type 2 diabetes: new diagnoses from 2020-01-01, adults, registered at index, no earlier code

  void typeTwoDiabetesPeople() {
    person("onStudyStart", 1960, 6, "2000-01-01", null, null);
    event("onStudyStart", "2020-01-01", T2DM, null);
    event("onStudyStart", "2019-01-01", HBA1C, 50.0); // exactly 365 days before index: inside the window
    event("onStudyStart", "2018-12-31", HBA1C, 99.0); // 366 days before: outside
    medication("onStudyStart", "2019-10-03", METFORMIN); // exactly 90 days before index
    person("codedBeforeTheStudy", 1960, 6, "2000-01-01", null, null);
    event("codedBeforeTheStudy", "2019-12-31", T2DM, null);
    event("codedBeforeTheStudy", "2021-05-01", T2DM, null);
    person("onTheNight", 1960, 6, "2000-01-01", null, null);
    event("onTheNight", NIGHT.toString(), T2DM, null);
    person("afterTheNight", 1960, 6, "2000-01-01", null, null);
    event("afterTheNight", NIGHT.plusDays(1).toString(), T2DM, null);
    person("hospitalOnly", 1960, 6, "2000-01-01", null, null);
    spell("hospitalOnly", "2023-03-10", "E11.9");
    event("hospitalOnly", "2023-03-01", HBA1C, 48.0); // two results the same day: the higher is kept
    event("hospitalOnly", "2023-03-01", HBA1C, 52.0);
    medication("hospitalOnly", "2022-12-09", METFORMIN); // 91 days before index: not at index
    person("seventeen", 2005, 7, "2010-01-01", null, null);
    event("seventeen", "2023-06-30", T2DM, null);
    person("eighteenThatMonth", 2005, 7, "2010-01-01", null, null);
    event("eighteenThatMonth", "2023-07-01", T2DM, null);
    person("deregisteredOnIndex", 1960, 6, "2000-01-01", "2022-02-02", null);
    event("deregisteredOnIndex", "2022-02-02", T2DM, null);
    person("registeredTheDayAfter", 1960, 6, "2022-05-01", null, null);
    event("registeredTheDayAfter", "2022-04-30", T2DM, null);
    person("deregisteredLater", 1960, 6, "2000-01-01", "2024-06-30", null);
    event("deregisteredLater", "2021-01-15", T2DM, null);
    person("died", 1940, 3, "2000-01-01", null, new int[] {2022, 2});
    event("died", "2021-03-01", T2DM, null);
    event("noPersonRecord", "2022-01-01", T2DM, null);
  }

  @Test
  void typeTwoDiabetesCohortPersonByPerson() {
    Map<String, Row> rows = byPerson(run("cohort_type_2_diabetes"));

    assertThat(rows.keySet()).containsExactlyInAnyOrder(
        "onStudyStart", "onTheNight", "hospitalOnly", "eighteenThatMonth", "deregisteredLater", "died");
    assertRow(rows.get("onStudyStart"), "2020-01-01", "2020-01-01", NIGHT.toString());
    assertThat((Double) rows.get("onStudyStart").getAs("hba1c_12m_before_index")).isEqualTo(50.0);
    assertThat((Boolean) rows.get("onStudyStart").getAs("on_metformin_at_index")).isTrue();
    assertRow(rows.get("onTheNight"), NIGHT.toString(), NIGHT.toString(), NIGHT.toString());
    assertThat((Object) rows.get("onTheNight").getAs("hba1c_12m_before_index")).isNull();
    assertThat((Boolean) rows.get("onTheNight").getAs("on_metformin_at_index")).isFalse();
    assertRow(rows.get("hospitalOnly"), "2023-03-10", "2023-03-10", NIGHT.toString());
    assertThat((Double) rows.get("hospitalOnly").getAs("hba1c_12m_before_index")).isEqualTo(52.0);
    assertThat((Boolean) rows.get("hospitalOnly").getAs("on_metformin_at_index")).isFalse();
    assertRow(rows.get("deregisteredLater"), "2021-01-15", "2021-01-15", "2024-06-30");
    assertRow(rows.get("died"), "2021-03-01", "2021-03-01", "2022-02-28");
    Row adult = rows.get("eighteenThatMonth");
    assertThat((String) adult.getAs("age_band")).isEqualTo("18-34");
    assertThat((String) adult.getAs("sex")).isEqualTo("F");
    assertThat((String) adult.getAs("ethnic_group")).isEqualTo("White");
    assertThat((Integer) adult.getAs("deprivation_quintile")).isEqualTo(2);
    assertThat((String) adult.getAs("borough_code")).isEqualTo("E08000003");
  }

  @Test
  void typeTwoDiabetesAttritionCountsEachStepAndIsPublishedThroughDisclosureControl() {
    SqlScript attrition = cohorts.get("cohort_type_2_diabetes").attrition();
    Dataset<Row> raw = spark.sql(attrition.statement());

    // 11 people have an index code; the 17-year-old and the one with no person record are not adults
    // at index; deregistered-on-index and registered-after are not registered; one was coded before 2020.
    assertThat(raw.orderBy("step").collectAsList()).extracting(row -> row.getInt(0) + " " + row.getString(1) + " " + row.getLong(3))
        .containsExactly("0 index 11", "1 inclusion 9", "2 inclusion 7", "3 exclusion 6");
    List<Row> published = DisclosureControl.apply(raw, DisclosureSpec.of(attrition), attrition.list("keys"), attrition.origin())
        .orderBy("step").collectAsList();
    assertThat(published).extracting(row -> row.getAs("people") + " " + row.getAs("people_status"))
        .containsExactly("10 rounded", "10 rounded", "null suppressed", "null suppressed");
    assertThat(published.get(1).<String>getAs("criterion")).isEqualTo("aged 18 or over at index");
  }

  // ---- hospital and adult social care: both since 2024-01-01, adults, registered at index

  void hospitalAndSocialCarePeople() {
    person("bothSettings", 1950, 1, "2000-01-01", null, null);
    spell("bothSettings", "2023-12-31", "R69");
    spell("bothSettings", "2024-02-01", "R69");
    service("bothSettings", "2024-03-15");
    service("bothSettings", "2025-03-15"); // 365 days after index: counted
    service("bothSettings", "2025-03-16"); // 366 days after: not counted
    person("socialCareBeforeTheStudy", 1950, 1, "2000-01-01", null, null);
    service("socialCareBeforeTheStudy", "2023-06-01");
    spell("socialCareBeforeTheStudy", "2024-05-05", "R69");
    person("bothOnTheFirstDay", 1950, 1, "2000-01-01", null, null);
    service("bothOnTheFirstDay", "2024-01-01");
    spell("bothOnTheFirstDay", "2024-01-01", "R69");
    person("bothButSeventeen", 2007, 1, "2010-01-01", null, null);
    service("bothButSeventeen", "2024-06-01");
    spell("bothButSeventeen", "2024-06-01", "R69");
  }

  @Test
  void hospitalAndSocialCareCohortIndexesTheDayBothHadHappened() {
    Map<String, Row> rows = byPerson(run("cohort_hospital_and_social_care"));

    assertThat(rows.keySet()).containsExactlyInAnyOrder("bothSettings", "bothOnTheFirstDay");
    assertRow(rows.get("bothSettings"), "2024-03-15", "2024-03-15", NIGHT.toString());
    assertThat(rows.get("bothSettings").<LocalDate>getAs("latest_admission_before_index")).isEqualTo(LocalDate.parse("2024-02-01"));
    assertThat(rows.get("bothSettings").<Integer>getAs("social_care_services_12m_after_index")).isEqualTo(2);
    assertRow(rows.get("bothOnTheFirstDay"), "2024-01-01", "2024-01-01", NIGHT.toString());
    assertThat(rows.get("bothOnTheFirstDay").<Integer>getAs("social_care_services_12m_after_index")).isEqualTo(1);

    SqlScript attrition = cohorts.get("cohort_hospital_and_social_care").attrition();
    assertThat(spark.sql(attrition.statement()).orderBy("step").collectAsList()).extracting(row -> row.getLong(3))
        .containsExactly(3L, 2L, 2L);
  }

  // ---- multimorbidity: two conditions recorded at any time, indexed from 2020-01-01

  void multimorbidPeople() {
    person("twoBeforeTheStudy", 1950, 1, "2000-01-01", null, null);
    event("twoBeforeTheStudy", "2018-05-01", T2DM, null);
    event("twoBeforeTheStudy", "2019-02-01", HYPERTENSION, null);
    person("secondInHospital", 1950, 1, "2000-01-01", null, null);
    event("secondInHospital", "2019-01-01", DEPRESSION, null);
    spell("secondInHospital", "2022-06-30", "J45.9");
    person("oneConditionTwice", 1950, 1, "2000-01-01", null, null);
    event("oneConditionTwice", "2018-01-01", T2DM, null);
    spell("oneConditionTwice", "2019-03-01", "E11.9");
  }

  @Test
  void multimorbidityStartsOnTheDayOfTheSecondCondition() {
    Map<String, Row> rows = byPerson(run("cohort_multimorbidity"));

    assertThat(rows.keySet()).containsExactlyInAnyOrder("twoBeforeTheStudy", "secondInHospital");
    assertRow(rows.get("twoBeforeTheStudy"), "2020-01-01", "2020-01-01", NIGHT.toString());
    assertRow(rows.get("secondInHospital"), "2022-06-30", "2022-06-30", NIGHT.toString());
    assertThat(rows.get("secondInHospital").<Integer>getAs("hospital_admissions_12m_after_index")).isEqualTo(1);
  }

  // ---- each single-condition cohort: a primary-care and a hospital case, nobody else

  @Test
  void eachConditionCohortFindsItsPrimaryCareAndHospitalCase() {
    // One Spark job for the nine cohorts: each compiled statement, tagged with its name, in a union.
    Dataset<Row> all = null;
    for (String cohort : CONDITIONS.keySet()) {
      Dataset<Row> rows = run(cohort).select(functions.lit(cohort).as("cohort"), functions.col("patient_id"), functions.col("index_date"),
          functions.col("entry_date"), functions.col("exit_date"));
      all = all == null ? rows : all.union(rows);
    }
    Map<String, List<Row>> byCohort = all.collectAsList().stream().collect(Collectors.groupingBy(row -> row.getString(0)));
    int n = 0;
    for (String cohort : CONDITIONS.keySet()) {
      Map<String, Row> rows = byPerson(byCohort.getOrDefault(cohort, List.of()));
      if (cohort.equals("cohort_asthma")) {
        // the multimorbid person whose second condition, asthma, was first recorded in hospital
        assertRow(rows.remove("secondInHospital"), "2022-06-30", "2022-06-30", NIGHT.toString());
      }
      assertThat(rows.keySet()).as(cohort).containsExactlyInAnyOrder(cohort + ":gp", cohort + ":hospital");
      assertRow(rows.get(cohort + ":gp"), "2022-03-01", "2022-03-01", NIGHT.toString());
      assertThat(rows.get(cohort + ":hospital").<LocalDate>getAs("index_date")).as(cohort)
          .isEqualTo(LocalDate.parse("2022-04-0" + (1 + n++ % 9)));
    }
  }

  @Test
  void everyDefinitionHasASpec() {
    Set<String> specified = new java.util.HashSet<>(CONDITIONS.keySet());
    specified.addAll(SPECIFIED_ONE_BY_ONE);
    assertThat(cohorts.keySet()).as("every sql/cohorts definition has a spec test in CohortLibraryIT").containsExactlyInAnyOrderElementsOf(specified);
  }

  // ---- the gold stage's codelist registration

  @Test
  void goldCodelistsTakeLibraryListsCheckedAgainstTheManifestAndStillTheOlderForm() throws IOException {
    assertThat(spark.table("codelist_type_2_diabetes_snomed_v1").filter("code = '" + T2DM + "'").count()).isEqualTo(1);
    Codelists.register(spark, SQL, "snomed/diabetes-type2@1");
    assertThat(spark.table("codelist_diabetes_type2_v1").filter("code = '" + T2DM + "'").count()).isEqualTo(1);

    Path copy = work.resolve("codelists");
    Files.createDirectories(copy.resolve("type-2-diabetes-snomed"));
    Files.copy(CODELISTS.resolve("manifest.yaml"), copy.resolve("manifest.yaml"));
    Files.writeString(copy.resolve("type-2-diabetes-snomed/v1.csv"),
        Files.readString(CODELISTS.resolve("type-2-diabetes-snomed/v1.csv")) + "46635009,Diabetes mellitus type 1\n");
    assertThatThrownBy(() -> Codelists.registerFromLibrary(spark, copy, new CodelistReference("type-2-diabetes-snomed", 1)))
        .isInstanceOf(CareLakeException.class)
        .hasMessageContaining("codelist type-2-diabetes-snomed version 1")
        .hasMessageContaining("SHA-256");
  }

  // ---- helpers

  private Dataset<Row> run(String name) {
    SqlScript script = cohorts.get(name).cohort();
    Dataset<Row> rows = spark.sql(script.statement());
    return DisclosureControl.apply(rows, DisclosureSpec.of(script), script.list("keys"), script.origin());
  }

  /** The cohort's rows by the fixture's person name, found through the project pseudonym. */
  private Map<String, Row> byPerson(Dataset<Row> rows) {
    return byPerson(rows.collectAsList());
  }

  private Map<String, Row> byPerson(List<Row> rows) {
    Map<String, String> names = new HashMap<>();
    for (Object[] person : persons) {
      names.put(KEYS.projectPseudonym("demo", (String) person[0]), (String) person[0]);
    }
    for (Object[] event : events) {
      names.put(KEYS.projectPseudonym("demo", (String) event[1]), (String) event[1]);
    }
    Map<String, Row> byName = new TreeMap<>();
    for (Row row : rows) {
      String name = names.get(row.<String>getAs("patient_id"));
      assertThat(name).as("every patient_id is a fixture person's project pseudonym").isNotNull();
      assertThat(byName.put(name, row)).as("one row per person").isNull();
    }
    return byName;
  }

  private static void assertRow(Row row, String index, String entry, String exit) {
    assertThat(row).isNotNull();
    assertThat(Arrays.asList(row.<LocalDate>getAs("index_date"), row.<LocalDate>getAs("entry_date"), row.<LocalDate>getAs("exit_date")))
        .containsExactly(LocalDate.parse(index), LocalDate.parse(entry), LocalDate.parse(exit));
  }

  private void person(String key, int birthYear, int birthMonth, String registered, String deregistered, int[] death) {
    persons.add(new Object[] {key, birthYear, birthMonth, "F", "White", 3, "E08000003", LocalDate.parse(registered),
        deregistered == null ? null : LocalDate.parse(deregistered), death == null ? null : death[0], death == null ? null : death[1]});
  }

  private void event(String person, String date, String code, Double value) {
    events.add(new Object[] {"e" + events.size(), person, LocalDate.parse(date), code, value});
  }

  private void medication(String person, String date, String code) {
    medications.add(new Object[] {"m" + medications.size(), person, LocalDate.parse(date), code});
  }

  private void spell(String person, String date, String diagnosis) {
    spells.add(new Object[] {"s" + spells.size(), person, LocalDate.parse(date), diagnosis});
  }

  private void service(String person, String date) {
    services.add(new Object[] {"c" + services.size(), person, LocalDate.parse(date)});
  }

}
