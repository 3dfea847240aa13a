package org.carelake.gold;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.carelake.disclosure.DisclosureSpec;
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
 * Specs of the service-planning tables of {@code sql/gold/}, run as the gold stage runs them (silver
 * views made by the silver DDL, the codelists they name through the library, run_night) over
 * hand-built people. {@code ltc_prevalence}: the edge days — a condition coded on the month's last
 * day and the day after, registration and deregistration on that day, a death in the month, a code
 * after the night. {@code monthly_activity}: each setting's rows, the admitted-care and outpatient
 * splits, bed days, the month of each activity and the person's age band, sex and borough.
 * {@code ltc_prevalence_lsoa}: the night's prevalence where people live. {@code
 * monthly_activity_deprivation}: the same activity by the person's deprivation quintile (no decile, or
 * no person row, 'unknown'), its total row and rates through disclosure control.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlanningTablesIT {
  static final Path SQL = Path.of("../../sql");
  static final LocalDate NIGHT = LocalDate.parse("2026-11-23");
  static final String BOLTON = "E08000001";
  static final String BURY = "E08000002";
  static final String HYPERTENSION = "38341003";
  static final String ASTHMA = "195967001";
  static final String CONSULTATION_CODE = "185317003";

  SparkSession spark;
  SilverViews silver;
  SqlScript script;
  List<Row> raw;
  List<Row> activity;
  List<Row> byLsoa;
  SqlScript deprivationScript;
  List<Row> byDeprivation;
  final Set<String> specified = new TreeSet<>();
  final List<Object[]> persons = new ArrayList<>();
  final List<Object[]> events = new ArrayList<>();
  final List<Object[]> spells = new ArrayList<>();
  final List<Object[]> appointments = new ArrayList<>();

  @BeforeAll
  void tinySilver() throws IOException {
    spark = TestSpark.session();
    silver = new SilverViews(spark, SQL, SharedLakes.scratch("carelake-planning-it"));
    script = load("ltc_prevalence.sql");
    // Bolton, quintile 1 (decile 2): October 2026's last day is the 31st
    person("codedOnTheLastDay", 2, BOLTON, "2000-01-01", null, null, null);
    event("codedOnTheLastDay", "2026-10-31", HYPERTENSION);
    person("codedTheDayAfter", 2, BOLTON, "2000-01-01", null, null, null);
    event("codedTheDayAfter", "2026-11-01", HYPERTENSION);
    person("twoConditions", 1, BOLTON, "2000-01-01", null, null, null);
    event("twoConditions", "2019-05-01", HYPERTENSION);
    event("twoConditions", "2019-05-02", HYPERTENSION);
    event("twoConditions", "2021-01-01", ASTHMA);
    person("registeredOnTheLastDay", 2, BOLTON, "2026-10-31", null, null, null);
    person("deregisteredOnTheLastDay", 2, BOLTON, "2000-01-01", "2026-10-31", null, null);
    event("deregisteredOnTheLastDay", "2010-01-01", HYPERTENSION);
    person("diedInOctober", 2, BOLTON, "2000-01-01", null, 2026, 10);
    event("diedInOctober", "2010-01-01", HYPERTENSION);
    person("consultationOnly", 2, BOLTON, "2000-01-01", null, null, null);
    event("consultationOnly", "2026-01-01", CONSULTATION_CODE);
    // Bury, no deprivation recorded; a code dated after the night is not yet known
    person("codedAfterTheNight", null, BURY, "2000-01-01", null, null, null);
    event("codedAfterTheNight", "2026-11-24", HYPERTENSION);
    // Activity of one Bury woman born in January 1960 (65-79 all through 2026), in October 2026
    person("activity", 6, BURY, "2000-01-01", null, null, null);
    spell("activity", "2026-10-03", "2026-11-05", "21", true);  // emergency, 33 days, home in November
    spell("activity", "2026-10-10", "2026-10-10", "11", false); // elective day case: no bed day
    spell("activity", "2026-10-20", "2026-10-22", "31", false); // maternity: admitted care only
    spell("activity", "2026-11-02", null, "12", false);         // November, still in hospital
    spell("activity", "2026-11-20", "2026-11-30", "21", true);  // discharge after the night: not yet
    appointment("activity", "2026-10-05", false);
    appointment("activity", "2026-10-06", true);   // did not attend
    // By deprivation: a Bolton admission in quintile 1 (decile 1); Bury activity of a person without a
    // decile and of a person without a person row (both quintile 'unknown'); ten Bolton people in
    // quintile 5 (decile 9) with an outpatient appointment each in October
    spell("twoConditions", "2026-10-15", "2026-10-17", "21", true);
    spell("noPersonRow", "2026-10-16", "2026-10-16", "11", false);
    event("codedAfterTheNight", "2026-10-07", CONSULTATION_CODE);
    for (int i = 0; i < 10; i++) {
      person("leastDeprived" + i, 9, BOLTON, "2000-01-01", null, null, null);
      appointment("leastDeprived" + i, "2026-10-" + (10 + i), false);
    }
    silver.table("person", persons, "person_key STRING, imd_decile INT, borough_code STRING, registration_date DATE,"
        + " deregistration_date DATE, death_year INT, death_month INT, birth_year INT, birth_month INT, sex STRING, lsoa_code STRING");
    silver.table("gp_event", events, "event_key STRING, person_key STRING, event_date DATE, code STRING, borough_code STRING");
    // ltc_prevalence reads the condition register, computed here in full from the events above
    silver.register(load("registers/ltc_first_coded.sql"), NIGHT);
    silver.table("hospital_spell", spells, "spell_key STRING, person_key STRING, admission_date DATE, discharge_date DATE,"
        + " admission_method STRING,"
        + " is_emergency BOOLEAN, borough_code STRING");
    silver.table("outpatient_appointment", appointments, "appointment_key STRING, person_key STRING, appointment_date DATE,"
        + " did_not_attend BOOLEAN, borough_code STRING");
    silver.table("emergency_attendance", List.of(), "attendance_key STRING");
    silver.table("mental_health_contact", List.of(), "contact_key STRING");
    silver.table("community_contact", List.of(), "contact_key STRING");
    silver.table("social_care_service", List.of(), "service_key STRING");
    silver.table("ooh_contact", List.of(), "case_key STRING");
    // each person lives in the made-up LSOA E0199990<decile>; decile 1's lies in Bury
    spark.createDataFrame(List.of(RowFactory.create("E01999902", BOLTON), RowFactory.create("E01999901", BURY),
            RowFactory.create("E01999906", BURY)),
        org.apache.spark.sql.types.StructType.fromDDL("lsoa_code STRING, borough_code STRING"))
        .createOrReplaceTempView("reference_postcode_lsoa");
    CareLakeFunctions.register(spark, PseudonymKey.fromHex("5b".repeat(32)));
    raw = silver.rowsOf(script, NIGHT);
    activity = silver.rowsOf(load("monthly_activity.sql"), NIGHT);
    byLsoa = silver.rowsOf(load("ltc_prevalence_lsoa.sql"), NIGHT);
    deprivationScript = load("monthly_activity_deprivation.sql");
    byDeprivation = silver.rowsOf(deprivationScript, NIGHT);
  }

  @AfterAll
  void restore() {
    silver.close();
  }

  @Test
  void aConditionCountsFromTheDayItIsCodedAmongPeopleRegisteredAndAliveThatDay() {
    // 31 October: registered that day are six of the seven (the one deregistered that day is not; the
    // one who died in October counts to the month's end); hypertension coded by then: the code of the
    // 31st, the one coded twice (counted once) and the one who died
    assertThat(cell("2026-10-01", BOLTON, "hypertension", "1")).isEqualTo("3/6");
    // November, counted on the night: the code of 1 November joins; the October death has left
    assertThat(cell("2026-11-01", BOLTON, "hypertension", "1")).isEqualTo("3/5");
    assertThat(cell("2026-10-01", BOLTON, "asthma", "1")).isEqualTo("1/6");
    // a condition nobody has still has its row, with the population
    assertThat(cell("2026-10-01", BOLTON, "dementia", "1")).isEqualTo("0/6");
    // December 2024, the first of the 24 months: the one registered in 2026 is not yet, the ones
    // deregistered and dead in 2026 still are, each with hypertension coded since 2010, as is 2019's
    assertThat(cell("2024-12-01", BOLTON, "hypertension", "1")).isEqualTo("3/6");
  }

  @Test
  void aCodeAfterTheNightIsNotYetKnownAndAnUnknownDeprivationHasItsOwnRow() {
    assertThat(cell("2026-11-01", BURY, "hypertension", "unknown")).isEqualTo("0/1");
    assertThat(raw).extracting(r -> r.<LocalDate>getAs("month")).contains(LocalDate.parse("2024-12-01"))
        .doesNotContain(LocalDate.parse("2024-11-01"), LocalDate.parse("2026-12-01"));
  }

  @Test
  void theTableIsPublishedThroughDisclosureControlWithATotalPerBoroughAndCondition() {
    List<Row> published = DisclosureControl.apply(spark.sql(script.statement()), DisclosureSpec.of(script), script.list("keys"),
        script.origin()).collectAsList();
    Row bolton = find(published, "2026-10-01", BOLTON, "hypertension", "1");
    assertThat(bolton.<Long>getAs("people_with_condition")).isNull();
    assertThat(bolton.<String>getAs("people_with_condition_status")).isEqualTo("suppressed");
    assertThat(bolton.<Double>getAs("prevalence_per_1000")).isNull();
    assertThat(find(published, "2026-10-01", BOLTON, "dementia", "all").<Long>getAs("people_with_condition")).isEqualTo(0L);
  }

  @Test
  void admittedCareIsSplitByHowThePatientCameInWithItsBedDaysAndOutpatientsCountTheMissedAppointments() {
    assertThat(activityCount("2026-10-01", BURY, "admitted-care")).isEqualTo(3);
    assertThat(activityCount("2026-10-01", BURY, "emergency-admission")).isEqualTo(1);
    assertThat(activityCount("2026-10-01", BURY, "elective-admission")).isEqualTo(1);
    assertThat(activityCount("2026-11-01", BURY, "elective-admission")).isEqualTo(1);
    assertThat(activityCount("2026-11-01", BURY, "emergency-admission")).isEqualTo(1);
    // bed days: the discharged spells' days, in the month of admission (33 + 0 + 2); November's
    // spells are still in hospital on the night (the discharge dated after it is not yet known)
    assertThat(activityCount("2026-10-01", BURY, "bed-days")).isEqualTo(35);
    assertThat(activityCount("2026-11-01", BURY, "bed-days")).isZero();
    assertThat(activityCount("2026-10-01", BURY, "outpatient")).isEqualTo(2);
    assertThat(activityCount("2026-10-01", BURY, "outpatient-missed")).isEqualTo(1);
    // every setting has its row for every registered cell, with the registered population
    assertThat(activity.stream().filter(r -> r.<LocalDate>getAs("month").equals(LocalDate.parse("2026-10-01"))
        && BURY.equals(r.getAs("borough_code")) && "65-79".equals(r.getAs("age_band")) && "F".equals(r.getAs("sex"))))
        .extracting(r -> r.<String>getAs("setting") + ":" + r.<Long>getAs("registered_population"))
        .containsExactlyInAnyOrder("gp-event:2", "admitted-care:2", "emergency-admission:2", "elective-admission:2",
            "bed-days:2", "emergency-care:2", "outpatient:2", "outpatient-missed:2", "mental-health:2", "community:2", "social-care:2",
            "out-of-hours:2");
  }

  @Test
  void prevalenceByLsoaCountsThePeopleRegisteredOnTheNightWhereTheyLive() {
    // the night: of decile 2's six, four are registered and alive; two have hypertension coded by then
    assertThat(lsoaCell("E01999902", BOLTON, "hypertension")).isEqualTo("2/4");
    assertThat(lsoaCell("E01999902", BOLTON, "dementia")).isEqualTo("0/4");
    // registered with a Bolton practice, living in a Bury LSOA: counted in Bury
    assertThat(lsoaCell("E01999901", BURY, "asthma")).isEqualTo("1/1");
    // no LSOA recorded: its own row, in the practice's borough; the code after the night not yet known
    assertThat(lsoaCell("unknown", BURY, "hypertension")).isEqualTo("0/1");
    assertThat(byLsoa).hasSize(5 * 10).extracting(r -> r.<LocalDate>getAs("month")).containsOnly(LocalDate.parse("2026-11-01"));
  }

  @Test
  void activityByDeprivationFollowsThePersonsQuintileWithUnknownForNoDecileOrNoPersonRow() {
    // October 2026, as "activity/registered population": Bolton's quintile 1 is the seven people of
    // deciles 1 and 2 registered at some time in the month (as gold.monthly_activity counts them)
    assertThat(deprivationCell("2026-10-01", BOLTON, "emergency-admission", "1")).isEqualTo("1/7");
    assertThat(deprivationCell("2026-10-01", BOLTON, "bed-days", "1")).isEqualTo("2/7");
    assertThat(deprivationCell("2026-10-01", BOLTON, "outpatient", "5")).isEqualTo("10/10");
    assertThat(deprivationCell("2026-10-01", BOLTON, "outpatient", "1")).isEqualTo("0/7");
    // Bury: decile 6 is quintile 3, with the activity gold.monthly_activity counts for her
    assertThat(deprivationCell("2026-10-01", BURY, "admitted-care", "3")).isEqualTo("3/1");
    assertThat(deprivationCell("2026-10-01", BURY, "bed-days", "3")).isEqualTo("35/1");
    assertThat(deprivationCell("2026-10-01", BURY, "outpatient-missed", "3")).isEqualTo("1/1");
    // no decile recorded (a registered person) and no person row (the extract's borough): 'unknown'
    assertThat(deprivationCell("2026-10-01", BURY, "gp-event", "unknown")).isEqualTo("1/1");
    assertThat(deprivationCell("2026-10-01", BURY, "admitted-care", "unknown")).isEqualTo("1/1");
    assertThat(deprivationCell("2026-10-01", BURY, "elective-admission", "unknown")).isEqualTo("1/1");
    // every setting has a row for each registered quintile of each month; only the quintiles people have
    assertThat(byDeprivation).extracting(r -> r.<String>getAs("deprivation_quintile")).containsOnly("1", "3", "5", "unknown");
    assertThat(byDeprivation).hasSize(24 * 12 * 4).extracting(r -> r.<LocalDate>getAs("month")).contains(LocalDate.parse("2024-12-01"))
        .doesNotContain(LocalDate.parse("2024-11-01"), LocalDate.parse("2026-12-01"));
  }

  @Test
  void activityByDeprivationSumsOverQuintilesToMonthlyActivitysTotals() {
    for (String month : List.of("2026-10-01", "2026-11-01")) {
      for (String borough : List.of(BOLTON, BURY)) {
        for (String setting : List.of("admitted-care", "bed-days", "outpatient", "gp-event")) {
          long byAgeAndSex = activity.stream().filter(r -> r.<LocalDate>getAs("month").equals(LocalDate.parse(month))
              && borough.equals(r.getAs("borough_code")) && setting.equals(r.getAs("setting"))).mapToLong(r -> r.<Long>getAs("activity_count")).sum();
          long byQuintile = byDeprivation.stream().filter(r -> r.<LocalDate>getAs("month").equals(LocalDate.parse(month))
              && borough.equals(r.getAs("borough_code")) && setting.equals(r.getAs("setting"))).mapToLong(r -> r.<Long>getAs("activity_count")).sum();
          assertThat(byQuintile).as(month + " " + borough + " " + setting).isEqualTo(byAgeAndSex);
        }
      }
    }
  }

  @Test
  void activityByDeprivationIsPublishedWithATotalPerBoroughAndSettingAndRatesFromTheRoundedCounts() {
    List<Row> published = DisclosureControl.apply(spark.sql(deprivationScript.statement()), DisclosureSpec.of(deprivationScript),
        deprivationScript.list("keys"), deprivationScript.origin()).collectAsList();
    // Bolton's outpatients in October: quintile 1 none (a true 0), quintile 5 ten of ten people; the
    // populations 7 and 10 (17 in all). Quintile 1's population of 7 is suppressed, so quintile 5's
    // is too (else the total would give it away); the total row publishes 10 of 15 (5 + 10, the
    // rounded cells), and its rate from those rounded counts
    Row least = deprivationRow(published, "2026-10-01", BOLTON, "outpatient", "5");
    assertThat(least.<Long>getAs("activity_count")).isEqualTo(10L);
    assertThat(least.<String>getAs("registered_population_status")).isEqualTo("suppressed");
    assertThat(least.<Double>getAs("rate_per_1000")).isNull();
    assertThat(least.<String>getAs("rate_per_1000_status")).isEqualTo("suppressed");
    Row most = deprivationRow(published, "2026-10-01", BOLTON, "outpatient", "1");
    assertThat(most.<Long>getAs("activity_count")).isZero();
    assertThat(most.<String>getAs("activity_count_status")).isEqualTo("zero");
    assertThat(most.<Long>getAs("registered_population")).isNull();
    Row total = deprivationRow(published, "2026-10-01", BOLTON, "outpatient", "all");
    assertThat(total.<Long>getAs("activity_count")).isEqualTo(10L);
    assertThat(total.<Long>getAs("registered_population")).isEqualTo(15L);
    assertThat(total.<Double>getAs("rate_per_1000")).isEqualTo(666.7);
    assertThat(total.<String>getAs("rate_per_1000_status")).isEqualTo("shown");
    // one total row per month, borough and setting
    assertThat(published.stream().filter(r -> "all".equals(r.getAs("deprivation_quintile")))).hasSize(24 * 2 * 12);
  }

  private String deprivationCell(String month, String borough, String setting, String quintile) {
    Row row = deprivationRow(byDeprivation, month, borough, setting, quintile);
    return row.<Long>getAs("activity_count") + "/" + row.<Long>getAs("registered_population");
  }

  private static Row deprivationRow(List<Row> rows, String month, String borough, String setting, String quintile) {
    List<Row> found = rows.stream().filter(r -> r.<LocalDate>getAs("month").equals(LocalDate.parse(month))
        && borough.equals(r.getAs("borough_code")) && setting.equals(r.getAs("setting"))
        && quintile.equals(r.getAs("deprivation_quintile"))).toList();
    assertThat(found).as(month + " " + borough + " " + setting + " " + quintile).hasSize(1);
    return found.get(0);
  }

  private String lsoaCell(String lsoa, String borough, String condition) {
    List<Row> rows = byLsoa.stream().filter(r -> lsoa.equals(r.getAs("lsoa_code")) && borough.equals(r.getAs("borough_code"))
        && condition.equals(r.getAs("condition"))).toList();
    assertThat(rows).hasSize(1);
    return rows.get(0).<Long>getAs("people_with_condition") + "/" + rows.get(0).<Long>getAs("registered_population");
  }

  @Test
  void everyPlanningTableAndRegisterOfSqlGoldHasItsSpecHere() throws IOException {
    Path gold = SQL.resolve("gold");
    Set<String> files = new TreeSet<>();
    try (Stream<Path> paths = Files.walk(gold)) {
      paths.filter(p -> p.toString().endsWith(".sql")).forEach(p -> files.add(gold.relativize(p).toString()));
    }
    // cohort_t2dm.sql, a research project's dataset, is specified with the projects in DisclosureIT
    specified.add("cohort_t2dm.sql");
    assertThat(files).as("every sql/gold file is run by a spec in PlanningTablesIT").containsExactlyInAnyOrderElementsOf(specified);
  }

  /** Loads a file of sql/gold and notes that this class specifies it. */
  private SqlScript load(String file) {
    specified.add(file);
    return SqlScript.load(SQL.resolve("gold").resolve(file));
  }

  /** The activity count of a Bury woman aged 65-79's cell of monthly_activity. */
  private long activityCount(String month, String borough, String setting) {
    List<Row> rows = activity.stream().filter(r -> r.<LocalDate>getAs("month").equals(LocalDate.parse(month))
        && borough.equals(r.getAs("borough_code")) && setting.equals(r.getAs("setting")) && "65-79".equals(r.getAs("age_band"))
        && "F".equals(r.getAs("sex"))).toList();
    assertThat(rows).hasSize(1);
    return rows.get(0).<Long>getAs("activity_count");
  }

  /** A raw cell as "people_with_condition/registered_population", or "none". */
  private String cell(String month, String borough, String condition, String quintile) {
    List<Row> rows = matching(raw, month, borough, condition, quintile);
    assertThat(rows.size()).as("rows for one cell").isLessThanOrEqualTo(1);
    return rows.isEmpty() ? "none" : rows.get(0).<Long>getAs("people_with_condition") + "/" + rows.get(0).<Long>getAs("registered_population");
  }

  private static Row find(List<Row> rows, String month, String borough, String condition, String quintile) {
    List<Row> found = matching(rows, month, borough, condition, quintile);
    assertThat(found).hasSize(1);
    return found.get(0);
  }

  private static List<Row> matching(List<Row> rows, String month, String borough, String condition, String quintile) {
    return rows.stream().filter(r -> r.<LocalDate>getAs("month").equals(LocalDate.parse(month))
        && borough.equals(r.getAs("borough_code")) && condition.equals(r.getAs("condition"))
        && quintile.equals(r.getAs("deprivation_quintile"))).toList();
  }

  private void person(String key, Integer imdDecile, String borough, String registered, String deregistered, Integer deathYear,
      Integer deathMonth) {
    persons.add(new Object[] {"planning:" + key, imdDecile, borough, LocalDate.parse(registered),
        deregistered == null ? null : LocalDate.parse(deregistered), deathYear, deathMonth, 1960, 1, "F",
        imdDecile == null ? null : "E0199990" + imdDecile});
  }

  private void spell(String person, String admitted, String discharged, String method, boolean emergency) {
    spells.add(new Object[] {"s" + spells.size(), "planning:" + person, LocalDate.parse(admitted),
        discharged == null ? null : LocalDate.parse(discharged), method, emergency, BURY});
  }

  private void appointment(String person, String date, boolean missed) {
    appointments.add(new Object[] {"o" + appointments.size(), "planning:" + person, LocalDate.parse(date), missed, BURY});
  }

  private void event(String person, String date, String code) {
    events.add(new Object[] {"e" + events.size(), "planning:" + person, LocalDate.parse(date), code, BOLTON});
  }
}
