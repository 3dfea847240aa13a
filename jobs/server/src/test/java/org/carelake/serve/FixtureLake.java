package org.carelake.serve;

import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.types.DateType;
import io.delta.kernel.types.DoubleType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampType;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.carelake.serve.lake.DeltaAppend;

/**
 * A tiny published zone written with Delta Kernel (no Spark), in the columns the gold stage
 * publishes: two boroughs, five settings (one of them bed days), fourteen months of region totals, a demand month by age
 * band and sex, prevalence of two conditions, two measures, a run and a quality measure. Some
 * cells are suppressed (NULL with status "suppressed"); one measure's text is hostile, to prove it
 * is escaped.
 */
final class FixtureLake {
  static final String MANCHESTER = "E08000003";
  static final String BOLTON = "E08000001";
  static final LocalDate LATEST = LocalDate.of(2026, 11, 1);
  static final String RUN_MESSAGE = "free text a run may write";
  static final String HOSTILE_NAME = "<script>alert('x')</script> readmissions";
  static final String HOSTILE_DEFINITION = "=HYPERLINK(\"http://example.invalid\",\"click\")";

  static final StructType MONTHLY_ACTIVITY = new StructType()
      .add("month", DateType.DATE).add("borough_code", StringType.STRING).add("setting", StringType.STRING)
      .add("age_band", StringType.STRING).add("sex", StringType.STRING)
      .add("activity_count", LongType.LONG).add("activity_count_status", StringType.STRING)
      .add("registered_population", LongType.LONG).add("registered_population_status", StringType.STRING)
      .add("rate_per_1000", DoubleType.DOUBLE).add("rate_per_1000_status", StringType.STRING);
  static final StructType MONTHLY_ACTIVITY_DEPRIVATION = new StructType()
      .add("month", DateType.DATE).add("borough_code", StringType.STRING).add("setting", StringType.STRING)
      .add("deprivation_quintile", StringType.STRING)
      .add("activity_count", LongType.LONG).add("activity_count_status", StringType.STRING)
      .add("registered_population", LongType.LONG).add("registered_population_status", StringType.STRING)
      .add("rate_per_1000", DoubleType.DOUBLE).add("rate_per_1000_status", StringType.STRING);
  static final StructType LTC_PREVALENCE = new StructType()
      .add("month", DateType.DATE).add("borough_code", StringType.STRING).add("condition", StringType.STRING)
      .add("deprivation_quintile", StringType.STRING)
      .add("people_with_condition", LongType.LONG).add("people_with_condition_status", StringType.STRING)
      .add("registered_population", LongType.LONG).add("registered_population_status", StringType.STRING)
      .add("prevalence_per_1000", DoubleType.DOUBLE).add("prevalence_per_1000_status", StringType.STRING);
  static final StructType LTC_PREVALENCE_LSOA = new StructType()
      .add("month", DateType.DATE).add("borough_code", StringType.STRING).add("lsoa_code", StringType.STRING)
      .add("deprivation_quintile", StringType.STRING).add("condition", StringType.STRING)
      .add("people_with_condition", LongType.LONG).add("people_with_condition_status", StringType.STRING)
      .add("registered_population", LongType.LONG).add("registered_population_status", StringType.STRING)
      .add("prevalence_per_1000", DoubleType.DOUBLE).add("prevalence_per_1000_status", StringType.STRING);
  static final StructType MEASURES = new StructType()
      .add("measure_id", StringType.STRING).add("measure_name", StringType.STRING).add("definition", StringType.STRING)
      .add("period_start", DateType.DATE).add("period_end", DateType.DATE).add("borough_code", StringType.STRING)
      .add("age_band", StringType.STRING).add("sex", StringType.STRING).add("deprivation_quintile", StringType.STRING)
      .add("numerator", LongType.LONG).add("numerator_status", StringType.STRING)
      .add("denominator", LongType.LONG).add("denominator_status", StringType.STRING)
      .add("value", DoubleType.DOUBLE).add("value_status", StringType.STRING);
  static final StructType RUNS = new StructType()
      .add("run_id", StringType.STRING).add("night", DateType.DATE).add("stages", StringType.STRING)
      .add("outcome", StringType.STRING).add("message", StringType.STRING).add("code_version", StringType.STRING)
      .add("key_fingerprint", StringType.STRING)
      .add("started_at", TimestampType.TIMESTAMP).add("finished_at", TimestampType.TIMESTAMP);
  static final StructType DATA_QUALITY = new StructType()
      .add("night", DateType.DATE).add("borough", StringType.STRING).add("feed", StringType.STRING)
      .add("category", StringType.STRING).add("measure", StringType.STRING).add("value", DoubleType.DOUBLE)
      .add("previous_average", DoubleType.DOUBLE).add("check_name", StringType.STRING).add("run_id", StringType.STRING);

  final Path root;
  final DeltaAppend append = new DeltaAppend(DefaultEngine.create(new Configuration()), "carelake-test");

  FixtureLake(Path root) {
    this.root = root;
  }

  String location(String zone, String table) {
    return root.resolve(zone).resolve(table).toString();
  }

  FixtureLake write() {
    List<Object[]> activity = new ArrayList<>();
    // bed-days counts days in hospital, not events: the pages keep it out of the event charts.
    List<String> settings = List.of("gp-event", "admitted-care", "emergency-care", "outpatient", "bed-days");
    for (String borough : List.of(MANCHESTER, BOLTON)) {
      long base = borough.equals(MANCHESTER) ? 1000 : 400;
      for (int m = 0; m < 14; m++) {
        LocalDate month = LATEST.minusMonths(13 - m);
        for (int s = 0; s < settings.size(); s++) {
          long count = base * (s + 1) + m * 5L;
          activity.add(activityRow(month, borough, settings.get(s), "all", "all", count, 50_000, count * 1000.0 / 50_000));
        }
      }
      // Demand in the latest month, emergency care: a suppressed cell (1-7 people) for Bolton's 80+ women.
      activity.add(activityRow(LATEST, borough, "emergency-care", "65-79", "F", 40, 2000, 20.0));
      activity.add(activityRow(LATEST, borough, "emergency-care", "65-79", "M", 35, 1900, 18.4));
      if (borough.equals(BOLTON)) {
        activity.add(new Object[] {LATEST, borough, "emergency-care", "80+", "F", null, "suppressed", 300L, "rounded", null, "suppressed"});
      } else {
        activity.add(activityRow(LATEST, borough, "emergency-care", "80+", "F", 25, 800, 31.3));
      }
    }
    append.append(location("gold", "monthly_activity"), MONTHLY_ACTIVITY, Map.of(), activity);

    // Emergency care in the latest month by deprivation quintile: Bolton's quintile 5 suppressed, its unknown a true zero.
    append.append(location("gold", "monthly_activity_deprivation"), MONTHLY_ACTIVITY_DEPRIVATION, Map.of(), List.<Object[]>of(
        deprivationRow(MANCHESTER, "1", 300, 10_000), deprivationRow(MANCHESTER, "2", 250, 10_000),
        deprivationRow(MANCHESTER, "3", 200, 10_000), deprivationRow(MANCHESTER, "4", 150, 10_000),
        deprivationRow(MANCHESTER, "5", 100, 10_000),
        new Object[] {LATEST, MANCHESTER, "emergency-care", "unknown", null, "suppressed", 10L, "rounded", null, "suppressed"},
        deprivationRow(MANCHESTER, "all", 1005, 50_010),
        deprivationRow(BOLTON, "1", 150, 8000), deprivationRow(BOLTON, "2", 100, 8000), deprivationRow(BOLTON, "3", 80, 8000),
        deprivationRow(BOLTON, "4", 60, 8000),
        new Object[] {LATEST, BOLTON, "emergency-care", "5", null, "suppressed", 8000L, "rounded", null, "suppressed"},
        new Object[] {LATEST, BOLTON, "emergency-care", "unknown", 0L, "zero", 0L, "zero", null, "suppressed"},
        deprivationRow(BOLTON, "all", 395, 40_000)));

    List<Object[]> prevalence = new ArrayList<>();
    for (String condition : List.of("hypertension", "asthma")) {
      for (String borough : List.of(MANCHESTER, BOLTON)) {
        long scale = borough.equals(MANCHESTER) ? 2 : 1;
        prevalence.add(prevalenceRow(borough, condition, "all", 7000 * scale, 50_000));
        prevalence.add(prevalenceRow(borough, condition, "1", 2500 * scale, 12_000));
        if (borough.equals(BOLTON) && condition.equals("asthma")) {
          prevalence.add(new Object[] {LATEST, borough, condition, "5", null, "suppressed", 40L, "rounded", null, "suppressed"});
        } else {
          prevalence.add(prevalenceRow(borough, condition, "5", 900 * scale, 9_000));
        }
      }
    }
    append.append(location("gold", "ltc_prevalence"), LTC_PREVALENCE, Map.of(), prevalence);

    // Manchester's LSOAs for hypertension: three ranked, one suppressed and the unknown LSOA (both listed last, unranked).
    append.append(location("gold", "ltc_prevalence_lsoa"), LTC_PREVALENCE_LSOA, Map.of(), List.<Object[]>of(
        lsoaRow(MANCHESTER, "E01005002", "5", "hypertension", 100, 1500),
        lsoaRow(MANCHESTER, "E01005001", "1", "hypertension", 300, 1500),
        new Object[] {LATEST, MANCHESTER, "E01005003", "3", "hypertension", null, "suppressed", 1500L, "rounded", null, "suppressed"},
        lsoaRow(MANCHESTER, "unknown", "unknown", "hypertension", 50, 400),
        lsoaRow(MANCHESTER, "E01005004", "2", "hypertension", 200, 1600),
        lsoaRow(MANCHESTER, "E01005001", "1", "asthma", 150, 1500),
        lsoaRow(BOLTON, "E01004001", "4", "hypertension", 150, 1500)));

    List<Object[]> measures = new ArrayList<>();
    for (int m = 0; m < 3; m++) {
      LocalDate end = LATEST.minusMonths(2 - m).plusMonths(1).minusDays(1);
      measures.add(measureRow("emergency_readmissions_30d", HOSTILE_NAME, HOSTILE_DEFINITION, end, "all", 120 + m * 5, 1000));
      measures.add(measureRow("t2dm_hba1c_12m", "People with type 2 diabetes with an HbA1c", "HbA1c in 12 months", end, "all", 800, 1000));
    }
    measures.add(new Object[] {"t2dm_hba1c_12m", "People with type 2 diabetes with an HbA1c", "HbA1c in 12 months", LATEST, LATEST.plusMonths(1).minusDays(1),
        BOLTON, "all", "all", "all", null, "suppressed", 15L, "rounded", null, "suppressed"});
    append.append(location("gold", "measures"), MEASURES, Map.of(), measures);

    append.append(location("ops", "runs"), RUNS, Map.of(), List.<Object[]>of(
        new Object[] {"run-1", LocalDate.of(2026, 11, 26), "ingest,link,quality,silver,gold,check", "SUCCEEDED", RUN_MESSAGE, "test", "fingerprint-1",
            Instant.parse("2026-11-27T01:00:00Z"), Instant.parse("2026-11-27T01:30:00Z")}));
    append.append(location("ops", "data_quality"), DATA_QUALITY, Map.of(), List.<Object[]>of(
        new Object[] {LocalDate.of(2026, 11, 26), MANCHESTER, "acute_apc", "conformance", "loaded_share", 0.98, 0.97, "loaded.sql", "run-1"},
        new Object[] {LocalDate.of(2026, 11, 26), BOLTON, "acute_apc", "conformance", "loaded_share", 0.91, 0.96, "loaded.sql", "run-1"}));
    return this;
  }

  static Object[] activityRow(LocalDate month, String borough, String setting, String band, String sex, long count, long population, double rate) {
    return new Object[] {month, borough, setting, band, sex, count, "rounded", population, "rounded", rate, "shown"};
  }

  static Object[] deprivationRow(String borough, String quintile, long count, long population) {
    return new Object[] {LATEST, borough, "emergency-care", quintile, count, "rounded", population, "rounded", count * 1000.0 / population, "shown"};
  }

  static Object[] prevalenceRow(String borough, String condition, String quintile, long people, long population) {
    return new Object[] {LATEST, borough, condition, quintile, people, "rounded", population, "rounded", people * 1000.0 / population, "shown"};
  }

  static Object[] lsoaRow(String borough, String lsoa, String quintile, String condition, long people, long population) {
    return new Object[] {LATEST, borough, lsoa, quintile, condition, people, "rounded", population, "rounded", people * 1000.0 / population, "shown"};
  }

  static Object[] measureRow(String id, String name, String definition, LocalDate end, String borough, long numerator, long denominator) {
    return new Object[] {id, name, definition, end.withDayOfMonth(1).minusMonths(11), end, borough, "all", "all", "all", numerator,
        "rounded", denominator, "rounded", numerator * 100.0 / denominator, "shown"};
  }
}
