package org.carelake.measure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.carelake.codelist.CodelistLibrary;
import org.carelake.codelist.TestCodelists;
import org.carelake.disclosure.DisclosureSpec;
import org.carelake.error.CareLakeException;
import org.carelake.transform.SqlScript;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiling measures: codelists checked against the manifest, the one script's header as the gold
 * stage reads it, and the SQL each construct becomes. What the SQL does on data is the Spark spec
 * test's job (MeasureLibraryIT).
 */
class MeasureCompilerTest {
  @TempDir Path dir;

  @BeforeEach
  void library() throws IOException {
    TestCodelists.writeDiabetesLists(dir);
  }

  @Test
  void allMeasuresCompileToOneScriptWhoseHeaderDeclaresDisclosureControl() {
    SqlScript script = compile().script();

    assertThat(script.require("table")).isEqualTo("gold.measures");
    assertThat(script.get("per-project")).isEmpty();
    assertThat(script.list("measures")).containsExactly("diabetes_hba1c", "readmissions");
    assertThat(script.list("inputs")).containsExactly("silver.gp_event", "silver.hospital_spell", "silver.ooh_contact", "silver.person");
    assertThat(script.list("codelists")).containsExactly("diabetes-icd10@1", "diabetes-snomed@1", "hba1c-snomed@1");
    assertThat(script.list("keys")).containsExactly("measure_id", "measure_name", "definition", "period_start", "period_end",
        "borough_code", "age_band", "sex", "deprivation_quintile");
    DisclosureSpec spec = DisclosureSpec.of(script);
    assertThat(spec.kind()).isEqualTo(DisclosureSpec.Kind.AGGREGATE);
    assertThat(spec.counts()).containsExactly("numerator", "denominator");
    assertThat(spec.rates()).containsExactly(new DisclosureSpec.Rate("value", "numerator", "denominator", 100));
    assertThat(spec.totals()).containsExactly("borough_code");
    assertThat(spec.rule().suppressBelow()).isEqualTo(8);
  }

  @Test
  void eachSilverTableIsReadInABranchForItsActivityAndOnePerCodedColumn() {
    String sql = compile().script().statement();

    // GP events feed an activity (gp-contact) and SNOMED lists; spells activities and ICD-10 lists
    assertThat(count(sql, "FROM silver_gp_event r")).isEqualTo(2);
    assertThat(count(sql, "FROM silver_hospital_spell r")).isEqualTo(2);
    assertThat(count(sql, "FROM silver_ooh_contact r")).isEqualTo(1);
    // activities as facts on their own dates; an emergency admission only for method 2x
    assertThat(sql).contains("named_struct('source', 'gp-contact', 'event_date', r.event_date)")
        .contains("named_struct('source', 'hospital-discharge', 'event_date', r.discharge_date)")
        .contains("CASE WHEN r.is_emergency THEN named_struct('source', 'emergency-admission', 'event_date', r.admission_date) END")
        .contains("named_struct('source', 'out-of-hours-contact', 'event_date', r.contact_date)");
    // codelists as their views, joined as distinct (code, list) pairs: an event once per list holding its code
    assertThat(sql).contains("JOIN (SELECT DISTINCT code, source FROM (SELECT code, 'codelist_diabetes_snomed_v1' AS source FROM"
        + " codelist_diabetes_snomed_v1 UNION ALL SELECT code, 'codelist_hba1c_snomed_v1' AS source FROM codelist_hba1c_snomed_v1))"
        + " l ON l.code = r.code");
    assertThat(sql).contains("l ON l.code = regexp_replace(r.primary_diagnosis, '[.]X$', '')");
    assertThat(sql).contains("r.event_date <= run_night").doesNotContain("concat(");
    assertThat(sql).contains("f.event_date <= run_night");
  }

  @Test
  void aRegisteredPopulationIsCountedOnEachMonthsLastDayAmongPeopleWithTheRequiredEvents() {
    String sql = compile().script().statement();

    assertThat(sql).contains("least(last_day(m.month), run_night)")
        .contains("sequence(greatest(add_months(trunc(run_night, 'MM'), -23), add_months(trunc(recompute_from, 'MM'), 0)),"
            + " trunc(run_night, 'MM'), INTERVAL 1 MONTH)")
        .contains("p.deregistration_date IS NULL OR p.deregistration_date > least(last_day(m.month), run_night)")
        .contains("WHERE p.person_key IN (SELECT person_key FROM events WHERE source IN"
            + " ('codelist_diabetes_snomed_v1', 'codelist_diabetes_icd10_v1'))");
  }

  @Test
  void windowsAreRelativeToTheReferenceDateWithBothEndsIncludedAndNeverMatchTheRowsOwnRecord() {
    String sql = compile().script().statement();

    assertThat(sql).contains("a.measure_id = 'diabetes_hba1c' AND e.source IN ('codelist_diabetes_snomed_v1', 'codelist_diabetes_icd10_v1')"
        + " AND e.event_date <= a.reference_date");
    assertThat(sql).contains("a.measure_id = 'diabetes_hba1c' AND e.source IN ('codelist_hba1c_snomed_v1')"
        + " AND e.event_date >= date_add(a.reference_date, -364) AND e.event_date <= a.reference_date");
    assertThat(sql).contains("a.measure_id = 'readmissions' AND e.source IN ('emergency-admission')"
        + " AND e.event_date >= a.reference_date AND e.event_date <= date_add(a.reference_date, 30)");
    assertThat(sql).contains("AND (a.record_key IS NULL OR e.record_key <> a.record_key)");
    // an event meets only the anchors of measures whose criteria name its source
    assertThat(sql).contains("JOIN (VALUES ('diabetes_hba1c', 'codelist_diabetes_snomed_v1'), ('diabetes_hba1c', 'codelist_diabetes_icd10_v1'),"
        + " ('readmissions', 'emergency-admission'), ('diabetes_hba1c', 'codelist_hba1c_snomed_v1'), ('readmissions', 'out-of-hours-contact'),"
        + " ('readmissions', 'gp-contact')) AS m(measure_id, source) ON m.source = e.source")
        .contains("e.measure_id = a.measure_id AND e.person_key = a.person_key");
    // has-event wants a match (at least one unless it says more), no-event wants none
    assertThat(sql).contains("coalesce((c.event_check_2 >= 1), false)").contains("coalesce((c.event_check_2 = 0), false)")
        .contains("sum(CASE WHEN (a.measure_id = 'diabetes_hba1c'");
  }

  @Test
  void anEventIsCountedOnlyOnceItsLookAheadHasPassed() {
    String sql = compile().script().statement();

    assertThat(MeasureCompiler.lookAhead(MeasureParser.parse(MeasureParserTest.EVENTS, MeasureParserTest.EVENTS_ORIGIN))).isEqualTo(30);
    assertThat(sql).contains("WHERE e.source IN ('hospital-discharge') AND e.event_date >= greatest(add_months(trunc(run_night, 'MM'), -13),"
        + " add_months(trunc(recompute_from, 'MM'), -2)) AND date_add(e.event_date, 30) <= run_night");
  }

  @Test
  void criteriaOnThePersonAndSqlBecomeConditionsWhereUnknownNeverCounts() {
    String sql = compile().script().statement();

    assertThat(sql).contains("coalesce((c.age >= 17 AND c.age <= 120), false)")
        .contains("coalesce((c.registration_date <= c.reference_date AND (c.deregistration_date IS NULL OR"
            + " c.deregistration_date > c.reference_date) AND (c.death_date IS NULL OR c.death_date >= c.reference_date)), false)")
        .contains("coalesce((sex <> 'U'), false)");
  }

  @Test
  void peopleOrEventsAreCountedOnceEachAndUngroupedColumnsRead_all() {
    String sql = compile().script().statement();

    assertThat(sql).contains("CASE WHEN c.measure_id IN ('diabetes_hba1c') THEN c.person_key ELSE concat_ws('/', c.person_key, c.record_key) END AS unit")
        .contains("count(DISTINCT CASE WHEN in_numerator THEN unit END) AS numerator")
        .contains("coalesce(c.borough_code, c.record_borough, 'unknown') AS borough_code")
        .contains("CASE WHEN c.measure_id IN ('readmissions') THEN age_band(c.age) ELSE 'all' END AS age_band")
        .contains("CASE WHEN c.measure_id IN ('diabetes_hba1c') THEN coalesce(c.sex, 'U') ELSE 'all' END AS sex");
    // a rolling interval puts an event in the periods ending in its month and the months after it
    assertThat(sql).contains("explode(sequence(0, CASE c.measure_id WHEN 'diabetes_hba1c' THEN 0 WHEN 'readmissions' THEN 2 END))");
    // the definition's text beside the numbers, quoted
    assertThat(sql).contains("WHEN 'readmissions' THEN 'Discharges followed by an emergency admission within 30 days.'");
  }

  @Test
  void textsAreQuotedAsSqlLiterals() {
    assertThat(MeasureCompiler.literal("People's \\ share")).isEqualTo("'People\\'s \\\\ share'");
  }

  @Test
  void aMissingOrChangedCodelistIsRefusedNamingTheDefinitionAndTheAlias() throws IOException {
    String unknown = MeasureParserTest.POPULATION.replace("hba1c-snomed@1", "hba1c-snomed@2");
    assertThatThrownBy(() -> MeasureCompiler.compile(List.of(MeasureParser.parse(unknown, MeasureParserTest.ORIGIN)), CodelistLibrary.open(dir)))
        .isInstanceOf(CareLakeException.class)
        .hasMessageContaining("measure definition sql/measures/diabetes_hba1c.yaml: codelists.hba1c: codelist hba1c-snomed@2 is not in");

    Files.writeString(dir.resolve("hba1c-snomed/v1.csv"), "code,term\n999791000000106,Changed term\n", StandardCharsets.UTF_8);
    assertThatThrownBy(this::compile).isInstanceOf(CareLakeException.class)
        .hasMessageContaining("codelists.hba1c: codelist hba1c-snomed version 1").hasMessageContaining("its SHA-256 is");
  }

  @Test
  void twoDefinitionsMayNotShareAnId() {
    MeasureDefinition one = MeasureParser.parse(MeasureParserTest.EVENTS, MeasureParserTest.EVENTS_ORIGIN);
    MeasureDefinition two = MeasureParser.parse(MeasureParserTest.EVENTS, "elsewhere/readmissions.yaml");
    assertThatThrownBy(() -> MeasureCompiler.compile(List.of(one, two), CodelistLibrary.open(dir)))
        .hasMessageContaining("measure definition elsewhere/readmissions.yaml: id: readmissions is also the id of another definition");
  }

  @Test
  void theLibraryInSqlMeasuresCompilesAgainstTheProjectsCodelists() {
    CompiledMeasures compiled = MeasureFolder.compile(Path.of("../../sql"), CodelistLibrary.open(Path.of("../../codelists"))).orElseThrow();
    SqlScript script = compiled.script();

    assertThat(script.list("inputs")).containsExactly("silver.emergency_attendance", "silver.gp_event", "silver.hospital_spell",
        "silver.ooh_contact", "silver.person", "silver.social_care_service");
    assertThat(count(script.statement(), "FROM silver_gp_event r")).isEqualTo(2);
    assertThat(count(script.statement(), "FROM silver_hospital_spell r")).isEqualTo(2);
    assertThat(DisclosureSpec.of(script).counts()).containsExactly("numerator", "denominator");
  }

  @Test
  void measuresWhosePeriodsSettleAreBuiltIncrementallyByPerson() {
    String population = MeasureParserTest.POPULATION;
    String events = MeasureParserTest.EVENTS.replace("months: 12", "months: 24").replace("    - sql: sex <> 'U'\n", "");
    SqlScript script = MeasureCompiler.compile(List.of(MeasureParser.parse(population, MeasureParserTest.ORIGIN),
        MeasureParser.parse(events, MeasureParserTest.EVENTS_ORIGIN)), CodelistLibrary.open(dir)).script();
    // Settled 30 days after a period's end: the readmission window's look-ahead.
    assertThat(script.get("incremental")).hasValue("period_end over the 24 months to the night, by person, settled 30 days after");
    assertThat(script.statement()).contains("AND period_end_month >= greatest(CASE c.measure_id WHEN 'diabetes_hba1c' THEN"
        + " add_months(trunc(run_night, 'MM'), -23) WHEN 'readmissions' THEN add_months(trunc(run_night, 'MM'), -23) END,"
        + " trunc(recompute_from, 'MM'))");

    // Reviewed SQL may read the night, a window without an end never closes, and windows of
    // different lengths share no one declaration: each is built in full.
    for (String open : List.of(MeasureParserTest.EVENTS.replace("months: 12", "months: 24"),
        events.replace("window: {from: -7, to: -1}", "window: {from: -7}"), MeasureParserTest.EVENTS)) {
      SqlScript full = MeasureCompiler.compile(List.of(MeasureParser.parse(population, MeasureParserTest.ORIGIN),
          MeasureParser.parse(open, MeasureParserTest.EVENTS_ORIGIN)), CodelistLibrary.open(dir)).script();
      assertThat(full.get("incremental")).as(open).isEmpty();
    }
  }

  @Test
  void anEmptyFolderHasNoMeasures() {
    assertThat(MeasureFolder.compile(dir, CodelistLibrary.open(dir))).isEmpty();
  }

  private CompiledMeasures compile() {
    return MeasureCompiler.compile(List.of(MeasureParser.parse(MeasureParserTest.POPULATION, MeasureParserTest.ORIGIN),
        MeasureParser.parse(MeasureParserTest.EVENTS, MeasureParserTest.EVENTS_ORIGIN)), CodelistLibrary.open(dir));
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
      n++;
    }
    return n;
  }
}
