package org.carelake.gold;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.carelake.disclosure.DisclosureSpec;
import org.carelake.testing.TestSpark;
import org.carelake.transform.SqlScript;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Spec of {@code sql/gold/ltc_prevalence.sql}, run as the gold stage runs it (silver views made by
 * the silver DDL, the codelists it names through the library, run_night) over hand-built people with
 * the edge days: a condition coded on the month's last day and the day after, registration and
 * deregistration on that day, a death in the month, a code after the night.
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
  final List<Object[]> persons = new ArrayList<>();
  final List<Object[]> events = new ArrayList<>();

  @BeforeAll
  void tinySilver() throws IOException {
    spark = TestSpark.session();
    silver = new SilverViews(spark, SQL, Files.createTempDirectory("carelake-planning-it"));
    script = SqlScript.load(SQL.resolve("gold/ltc_prevalence.sql"));
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
    silver.table("person", persons, "person_key STRING, imd_decile INT, borough_code STRING, registration_date DATE,"
        + " deregistration_date DATE, death_year INT, death_month INT, birth_year INT, sex STRING");
    silver.table("gp_event", events, "event_key STRING, person_key STRING, event_date DATE, code STRING, borough_code STRING");
    raw = silver.rowsOf(script, NIGHT);
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
        deregistered == null ? null : LocalDate.parse(deregistered), deathYear, deathMonth, 1960, "F"});
  }

  private void event(String person, String date, String code) {
    events.add(new Object[] {"e" + events.size(), "planning:" + person, LocalDate.parse(date), code, BOLTON});
  }
}
