package org.carelake.gold;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.carelake.disclosure.DisclosureSpec;
import org.carelake.measure.CompiledMeasures;
import org.carelake.measure.MeasureDefinition;
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
 * Spec tests of the measure library ({@code sql/measures/}): every definition compiled together, as
 * the gold stage builds {@code gold.measures} (silver views, codelist views, run_night, disclosure
 * control), over a few dozen hand-built people in real silver Delta tables made from the silver DDL.
 * Each measure has its people in its own borough, so each cell below is one measure's scenario, with
 * the edge dates of its windows: HbA1c 364 vs 365 days before the month's end, a GP contact 7 vs 8
 * days before an admission, social care and readmission 30 vs 31 days after discharge, a GP contact
 * 365 vs 366 days before an emergency attendance. A definition without a spec here fails {@link
 * #everyDefinitionHasASpec}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MeasureLibraryIT {
  static final Path SQL = Path.of("../../sql");
  static final Path CODELISTS = Path.of("../../codelists");
  static final LocalDate NIGHT = LocalDate.parse("2026-11-23");
  static final Set<String> SPECIFIED = Set.of("t2dm_hba1c_12m", "emergency_admissions_after_primary_care",
      "discharges_to_social_care_30d", "emergency_readmissions_30d", "ltc_emergency_care_without_gp_contact", "frequent_emergency_attenders");

  static final String BOLTON = "E08000001";
  static final String BURY = "E08000002";
  static final String MANCHESTER = "E08000003";
  static final String OLDHAM = "E08000004";
  static final String ROCHDALE = "E08000005";
  static final String SALFORD = "E08000006";
  static final String WIGAN = "E08000010";
  static final String T2DM = "44054006";
  static final String T2DM_HOSPITAL = "E11.9";
  static final String HBA1C = "999791000000106";
  static final String HYPERTENSION = "38341003";
  static final String CONSULTATION_CODE = "185317003";

  SparkSession spark;
  SilverViews silver;
  CompiledMeasures compiled;
  SqlScript script;
  List<Row> raw;
  final List<Object[]> persons = new ArrayList<>();
  final List<Object[]> events = new ArrayList<>();
  final List<Object[]> spells = new ArrayList<>();
  final List<Object[]> attendances = new ArrayList<>();
  final List<Object[]> outOfHours = new ArrayList<>();
  final List<Object[]> services = new ArrayList<>();

  @BeforeAll
  void tinySilver() throws IOException {
    spark = TestSpark.session();
    silver = new SilverViews(spark, SQL, SharedLakes.scratch("carelake-measure-it"));
    CareLakeFunctions.register(spark, PseudonymKey.fromHex("5a".repeat(32)));
    compiled = MeasureLibrary.compiled(SQL, CODELISTS).orElseThrow();
    script = compiled.script();
    hba1cPeople();
    admissionsAfterPrimaryCarePeople();
    dischargesToSocialCarePeople();
    readmissionPeople();
    longTermConditionPeople();
    frequentAttenderPeople();
    silver.table("person", persons, "person_key STRING, birth_year INT, birth_month INT, sex STRING, imd_decile INT, borough_code STRING,"
        + " registration_date DATE, deregistration_date DATE");
    silver.table("gp_event", events, "event_key STRING, person_key STRING, event_date DATE, code STRING, borough_code STRING");
    silver.table("hospital_spell", spells, "spell_key STRING, person_key STRING, admission_date DATE, discharge_date DATE,"
        + " admission_method STRING, is_emergency BOOLEAN, primary_diagnosis STRING, borough_code STRING");
    silver.table("emergency_attendance", attendances, "attendance_key STRING, person_key STRING, arrival_date DATE, borough_code STRING");
    silver.table("ooh_contact", outOfHours, "case_key STRING, person_key STRING, contact_date DATE, borough_code STRING");
    silver.table("social_care_service", services, "service_key STRING, person_key STRING, service_start DATE, borough_code STRING");
    raw = silver.rowsOf(script, NIGHT);
  }

  @AfterAll
  void restore() {
    silver.close();
  }

  @Test
  void everyDefinitionHasASpec() {
    assertThat(compiled.definitions()).extracting(MeasureDefinition::id)
        .as("every sql/measures definition has a spec test in MeasureLibraryIT").containsExactlyInAnyOrderElementsOf(SPECIFIED);
  }

  // ---- type 2 diabetes with an HbA1c in the 365 days to the month's last day, by borough (Bolton)

  void hba1cPeople() {
    person("hba1c:dayMinus364", 1960, 1, "M", BOLTON, "2000-01-01", null);
    event("hba1c:dayMinus364", "2020-01-01", T2DM);
    event("hba1c:dayMinus364", "2025-11-01", HBA1C); // 364 days before 2026-10-31
    person("hba1c:dayMinus365", 1960, 1, "M", BOLTON, "2000-01-01", null);
    event("hba1c:dayMinus365", "2020-01-01", T2DM);
    event("hba1c:dayMinus365", "2025-10-31", HBA1C); // 365 days before: outside
    person("hba1c:hospitalDiagnosisOnly", 1960, 1, "F", BOLTON, "2000-01-01", null);
    spell("hba1c:hospitalDiagnosisOnly", "2024-05-01", "2024-05-03", "21", T2DM_HOSPITAL);
    person("hba1c:diagnosedInNovember", 1960, 1, "F", BOLTON, "2000-01-01", null);
    event("hba1c:diagnosedInNovember", "2026-11-05", T2DM);
    event("hba1c:diagnosedInNovember", "2026-11-23", HBA1C); // the night itself counts for the current month
    person("hba1c:aged16", 2010, 6, "F", BOLTON, "2010-07-01", null);
    event("hba1c:aged16", "2024-01-01", T2DM);
    person("hba1c:deregisteredOnTheLastDay", 1960, 1, "F", BOLTON, "2000-01-01", "2026-10-31");
    event("hba1c:deregisteredOnTheLastDay", "2020-01-01", T2DM);
    person("hba1c:noDiabetes", 1960, 1, "F", BOLTON, "2000-01-01", null);
    event("hba1c:noDiabetes", "2026-10-01", HBA1C);
  }

  @Test
  void hba1cCountsRegisteredAdultsWithDiabetesOnTheMonthsLastDayAndTheirHbA1cInTheYearToIt() {
    // October: three on the register (GP code, GP code, hospital diagnosis); one HbA1c 364 days back
    assertThat(cell("t2dm_hba1c_12m", "2026-10-31", BOLTON)).isEqualTo("1/3");
    // November (to the night): the November diagnosis joins with an HbA1c on the night; the HbA1c of
    // 2025-11-01 is now more than 364 days back
    assertThat(cell("t2dm_hba1c_12m", "2026-11-30", BOLTON)).isEqualTo("1/4");
    // December 2024, 24 months back, is the first period: the hospital diagnosis of May 2024 counts,
    // the one deregistered in 2026 was still registered, and no one had an HbA1c in 2024
    assertThat(cell("t2dm_hba1c_12m", "2024-12-31", BOLTON)).isEqualTo("0/4");
    assertThat(cell("t2dm_hba1c_12m", "2024-11-30", BOLTON)).isEqualTo("none");
    Row october = row("t2dm_hba1c_12m", "2026-10-31", BOLTON);
    assertThat(october.<LocalDate>getAs("period_start")).isEqualTo(LocalDate.parse("2026-10-01"));
    assertThat(october.<String>getAs("age_band")).isEqualTo("all");
    assertThat(october.<String>getAs("definition")).startsWith("Of people aged 17 or over registered with a GP practice");
  }

  // ---- emergency admissions with a GP or out-of-hours contact on the day or in the 7 days before (Bury, 65-79)

  void admissionsAfterPrimaryCarePeople() {
    admission("primaryCare:gpDayMinus7", "21");
    event("primaryCare:gpDayMinus7", "2026-09-13", CONSULTATION_CODE);
    admission("primaryCare:gpDayMinus8", "21");
    event("primaryCare:gpDayMinus8", "2026-09-12", CONSULTATION_CODE);
    admission("primaryCare:outOfHoursSameDay", "2A");
    outOfHours.add(new Object[] {"o" + outOfHours.size(), "primaryCare:outOfHoursSameDay", LocalDate.parse("2026-09-20"), BURY});
    admission("primaryCare:gpDayAfter", "22");
    event("primaryCare:gpDayAfter", "2026-09-21", CONSULTATION_CODE);
    admission("primaryCare:elective", "11");
    event("primaryCare:elective", "2026-09-19", CONSULTATION_CODE);
  }

  private void admission(String who, String method) {
    person(who, 1950, 1, "F", BURY, "2000-01-01", null);
    spell(who, "2026-09-20", "2026-09-22", method, "R69");
  }

  @Test
  void anEmergencyAdmissionCountsWhenAGpOrOutOfHoursContactFellOnTheDayOrTheSevenBefore() {
    // four emergency admissions (the elective one is not in the denominator); day -7 and the same
    // day's out-of-hours contact count, day -8 and the day after do not
    assertThat(cell("emergency_admissions_after_primary_care", "2026-09-30", BURY, "65-79")).isEqualTo("2/4");
  }

  // ---- adults discharged who start adult social care within 30 days, people (Manchester)

  void dischargesToSocialCarePeople() {
    person("socialCare:day30", 1950, 1, "F", MANCHESTER, "2000-01-01", null);
    spell("socialCare:day30", "2026-08-05", "2026-08-10", "11", "R69");
    service("socialCare:day30", "2026-09-09", MANCHESTER);
    person("socialCare:day31", 1950, 1, "F", MANCHESTER, "2000-01-01", null);
    spell("socialCare:day31", "2026-08-05", "2026-08-10", "11", "R69");
    service("socialCare:day31", "2026-09-10", MANCHESTER);
    person("socialCare:twoDischarges", 1950, 1, "F", MANCHESTER, "2000-01-01", null);
    spell("socialCare:twoDischarges", "2026-08-01", "2026-08-03", "11", "R69");
    spell("socialCare:twoDischarges", "2026-08-10", "2026-08-12", "11", "R69");
    service("socialCare:twoDischarges", "2026-08-20", MANCHESTER);
    person("socialCare:aged17", 2009, 1, "F", MANCHESTER, "2009-02-01", null);
    spell("socialCare:aged17", "2026-08-05", "2026-08-10", "11", "R69");
    service("socialCare:aged17", "2026-08-11", MANCHESTER);
    person("socialCare:followUpNotOver", 1950, 1, "F", MANCHESTER, "2000-01-01", null);
    spell("socialCare:followUpNotOver", "2026-11-01", "2026-11-10", "11", "R69");
  }

  @Test
  void aDischargedAdultCountsOnceWhenASocialCareServiceStartsWithinThirtyDays() {
    // day 30 counts, day 31 does not; two discharges of one person are one person; the 17-year-old is
    // not an adult
    assertThat(cell("discharges_to_social_care_30d", "2026-08-31", MANCHESTER)).isEqualTo("2/3");
    // a discharge whose 30 days have not passed by the night is not counted yet
    assertThat(cell("discharges_to_social_care_30d", "2026-11-30", MANCHESTER)).isEqualTo("none");
  }

  // ---- emergency readmissions within 30 days of discharge, events (Oldham, 35-49, F)

  void readmissionPeople() {
    person("readmission:day30", 1980, 1, "F", OLDHAM, "2000-01-01", null);
    spell("readmission:day30", "2026-07-01", "2026-07-05", "11", "R69");
    spell("readmission:day30", "2026-08-04", "2026-08-06", "21", "R69");
    person("readmission:day31", 1980, 1, "F", OLDHAM, "2000-01-01", null);
    spell("readmission:day31", "2026-07-01", "2026-07-05", "11", "R69");
    spell("readmission:day31", "2026-08-05", "2026-08-07", "21", "R69");
    person("readmission:sameDaySpell", 1980, 1, "F", OLDHAM, "2000-01-01", null);
    spell("readmission:sameDaySpell", "2026-07-10", "2026-07-10", "21", "R69");
    person("readmission:day0", 1980, 1, "F", OLDHAM, "2000-01-01", null);
    spell("readmission:day0", "2026-07-15", "2026-07-20", "11", "R69");
    spell("readmission:day0", "2026-07-20", "2026-07-22", "21", "R69");
    person("readmission:electiveReturn", 1980, 1, "F", OLDHAM, "2000-01-01", null);
    spell("readmission:electiveReturn", "2026-06-01", "2026-06-05", "11", "R69");
    spell("readmission:electiveReturn", "2026-06-10", "2026-06-11", "12", "R69");
    // thirteen young men in Wigan, nine readmitted: enough to publish
    for (int i = 0; i < 13; i++) {
      String who = "readmission:wigan" + i;
      person(who, 2000, 1, "M", WIGAN, "2010-01-01", null);
      spell(who, "2026-03-01", "2026-03-05", "11", "R69");
      if (i < 9) {
        spell(who, "2026-03-20", "2026-03-21", "21", "R69");
      }
    }
  }

  @Test
  void aDischargeCountsWhenAnotherEmergencyAdmissionFollowsWithinThirtyDays() {
    // July discharges: day 30 and day 0 are readmitted; day 31 is not; a same-day emergency spell is
    // not its own readmission; the day-0 readmission's own discharge is a fifth discharge
    assertThat(cell("emergency_readmissions_30d", "2026-07-31", OLDHAM, "35-49", "F")).isEqualTo("2/5");
    // an elective return is not an emergency readmission
    assertThat(cell("emergency_readmissions_30d", "2026-06-30", OLDHAM, "35-49", "F")).isEqualTo("0/2");
    assertThat(cell("emergency_readmissions_30d", "2026-03-31", WIGAN, "18-34", "M")).isEqualTo("9/22");
  }

  // ---- long-term condition, emergency care and no GP contact in the year before; rolling 12 months (Rochdale, quintile 1)

  void longTermConditionPeople() {
    ltc("ltc:gpDayMinus365", "2000-01-01");
    event("ltc:gpDayMinus365", "2025-06-15", CONSULTATION_CODE);
    ltc("ltc:gpDayMinus366", "2000-01-01");
    event("ltc:gpDayMinus366", "2025-06-14", CONSULTATION_CODE);
    person("ltc:noCondition", 1950, 1, "F", ROCHDALE, "2000-01-01", null);
    attendance("ltc:noCondition");
    person("ltc:conditionAfterwards", 1950, 1, "F", ROCHDALE, "2000-01-01", null);
    event("ltc:conditionAfterwards", "2026-06-16", HYPERTENSION);
    attendance("ltc:conditionAfterwards");
    ltc("ltc:registeredAfterwards", "2026-07-01");
  }

  private void ltc(String who, String registered) {
    person(who, 1950, 1, "F", ROCHDALE, registered, null);
    event(who, "2020-01-01", HYPERTENSION);
    attendance(who);
  }

  private void attendance(String who) {
    attendances.add(new Object[] {"a" + attendances.size(), who, LocalDate.parse("2026-06-15"), ROCHDALE});
  }

  @Test
  void aPersonWithALongTermConditionCountsWhenNoGpContactFellInTheYearBeforeTheirAttendance() {
    // two registered people with a condition coded before attending; a GP contact 365 days before
    // the attendance counts as seen, 366 days before does not. Rolling 12 months: the June
    // attendance is in every period ending June to November 2026, and none before.
    for (String end : List.of("2026-06-30", "2026-07-31", "2026-08-31", "2026-09-30", "2026-10-31", "2026-11-30")) {
      assertThat(cell("ltc_emergency_care_without_gp_contact", end, ROCHDALE, "all", "all", "1")).as(end).isEqualTo("1/2");
    }
    assertThat(cell("ltc_emergency_care_without_gp_contact", "2026-05-31", ROCHDALE, "all", "all", "1")).isEqualTo("none");
    assertThat(row("ltc_emergency_care_without_gp_contact", "2026-06-30", ROCHDALE, "all", "all", "1").<LocalDate>getAs("period_start"))
        .isEqualTo(LocalDate.parse("2025-07-01"));
  }

  // ---- registered people with five or more emergency attendances in the 365 days to the month's end (Salford, quintile 1)

  void frequentAttenderPeople() {
    // the fifth attendance on day -364 before 31 October 2026 (inside the window), the others in 2026
    person("frequent:fifthOnDayMinus364", 1970, 1, "M", SALFORD, "2000-01-01", null);
    attendances(SALFORD, "frequent:fifthOnDayMinus364", "2025-11-01", "2026-01-10", "2026-03-10", "2026-05-10", "2026-07-10");
    // the same, but the earliest on day -365: four in the window
    person("frequent:fifthOnDayMinus365", 1970, 1, "M", SALFORD, "2000-01-01", null);
    attendances(SALFORD, "frequent:fifthOnDayMinus365", "2025-10-31", "2026-01-10", "2026-03-10", "2026-05-10", "2026-07-10");
    person("frequent:four", 1970, 1, "F", SALFORD, "2000-01-01", null);
    attendances(SALFORD, "frequent:four", "2026-10-01", "2026-10-02", "2026-10-03", "2026-10-04");
    person("frequent:none", 1970, 1, "F", SALFORD, "2000-01-01", null);
  }

  private void attendances(String borough, String who, String... dates) {
    for (String date : dates) {
      attendances.add(new Object[] {"a" + attendances.size(), who, LocalDate.parse(date), borough});
    }
  }

  @Test
  void aRegisteredPersonIsAFrequentAttenderWithFiveAttendancesInTheYearToTheMonthsEnd() {
    // October 2026: five in the 365 days to the 31st counts, four (the fifth a day too early) do not
    assertThat(cell("frequent_emergency_attenders", "2026-10-31", SALFORD, "all", "all", "1")).isEqualTo("1/4");
    // November (to the night): 1 November 2025 is now more than 364 days back
    assertThat(cell("frequent_emergency_attenders", "2026-11-30", SALFORD, "all", "all", "1")).isEqualTo("0/4");
    // July 2026: the year to 31 July holds all five of both, so two count
    assertThat(cell("frequent_emergency_attenders", "2026-07-31", SALFORD, "all", "all", "1")).isEqualTo("2/4");
  }

  // ---- publication

  @Test
  void everyMeasureIsPublishedThroughDisclosureControlWithARegionRowFromTheRoundedBoroughs() {
    List<Row> published = DisclosureControl.apply(spark.sql(script.statement()), DisclosureSpec.of(script), script.list("keys"),
        script.origin()).collectAsList();

    Row wigan = find(published, "emergency_readmissions_30d", "2026-03-31", WIGAN, "18-34", "M", "all");
    assertThat(wigan.<Long>getAs("numerator")).isEqualTo(10L);
    assertThat(wigan.<Long>getAs("denominator")).isEqualTo(20L);
    assertThat(wigan.<Double>getAs("value")).isEqualTo(50.0);
    assertThat(wigan.<String>getAs("value_status")).isEqualTo("shown");
    Row region = find(published, "emergency_readmissions_30d", "2026-03-31", "all", "18-34", "M", "all");
    assertThat(region.<Long>getAs("denominator")).isEqualTo(20L);
    // small counts are suppressed (NULL with their status), never shown as 0, and give no rate
    Row bolton = find(published, "t2dm_hba1c_12m", "2026-10-31", BOLTON, "all", "all", "all");
    assertThat(bolton.<Long>getAs("numerator")).isNull();
    assertThat(bolton.<String>getAs("numerator_status")).isEqualTo("suppressed");
    assertThat(bolton.<Long>getAs("denominator")).isNull();
    assertThat(bolton.<Double>getAs("value")).isNull();
    assertThat(bolton.<String>getAs("value_status")).isEqualTo("suppressed");
    for (Row row : published) {
      for (String count : List.of("numerator", "denominator")) {
        Long value = row.getAs(count);
        assertThat(value == null ? row.<String>getAs(count + "_status") : value % 5 == 0 ? "ok" : "not rounded").isIn("ok", "suppressed");
      }
    }
  }

  // ---- helpers

  /** A measure's raw cell as "numerator/denominator", or "none" when the query wrote no row for it. */
  private String cell(String measure, String periodEnd, String borough, String... others) {
    List<Row> rows = matching(raw, measure, periodEnd, borough, others);
    assertThat(rows.size()).as("rows for one cell").isLessThanOrEqualTo(1);
    return rows.isEmpty() ? "none" : rows.get(0).<Long>getAs("numerator") + "/" + rows.get(0).<Long>getAs("denominator");
  }

  private Row row(String measure, String periodEnd, String borough, String... others) {
    List<Row> rows = matching(raw, measure, periodEnd, borough, others);
    assertThat(rows).hasSize(1);
    return rows.get(0);
  }

  private static Row find(List<Row> rows, String measure, String periodEnd, String borough, String... others) {
    List<Row> found = matching(rows, measure, periodEnd, borough, others);
    assertThat(found).hasSize(1);
    return found.get(0);
  }

  /** Rows of a measure, period and borough; others are age band, sex and deprivation quintile, in order ('all' when left out). */
  private static List<Row> matching(List<Row> rows, String measure, String periodEnd, String borough, String... others) {
    Map<String, String> wanted = new TreeMap<>();
    List<String> columns = List.of("age_band", "sex", "deprivation_quintile");
    for (int i = 0; i < columns.size(); i++) {
      wanted.put(columns.get(i), i < others.length ? others[i] : "all");
    }
    return rows.stream()
        .filter(r -> r.<String>getAs("measure_id").equals(measure) && r.<LocalDate>getAs("period_end").equals(LocalDate.parse(periodEnd))
            && r.<String>getAs("borough_code").equals(borough))
        .filter(r -> wanted.entrySet().stream().allMatch(w -> w.getValue().equals(r.getAs(w.getKey()))))
        .toList();
  }

  private void person(String key, int birthYear, int birthMonth, String sex, String borough, String registered, String deregistered) {
    persons.add(new Object[] {key, birthYear, birthMonth, sex, 1, borough, LocalDate.parse(registered),
        deregistered == null ? null : LocalDate.parse(deregistered)});
  }

  private void event(String person, String date, String code) {
    events.add(new Object[] {"e" + events.size(), person, LocalDate.parse(date), code, null});
  }

  private void spell(String person, String admitted, String discharged, String method, String diagnosis) {
    spells.add(new Object[] {"s" + spells.size(), person, LocalDate.parse(admitted), LocalDate.parse(discharged), method,
        method.startsWith("2"), diagnosis, null});
  }

  private void service(String person, String date, String borough) {
    services.add(new Object[] {"c" + services.size(), person, LocalDate.parse(date), borough});
  }
}
