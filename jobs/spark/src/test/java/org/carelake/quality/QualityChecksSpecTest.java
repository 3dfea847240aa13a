package org.carelake.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.carelake.testing.TestSpark;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Spec tests of the checks in {@code sql/checks/}: each runs one SQL file over small hand-built
 * views, as the quality stage registers them, and compares its measures with values worked out by
 * hand. Every check file must have one ({@link #everyCheckFileHasASpecTest}).
 */
class QualityChecksSpecTest {
  static final Path SQL = Path.of("../../sql");
  static final LocalDate NIGHT = LocalDate.parse("2026-11-24");
  static final String A = "E08000001";
  static final String B = "E08000002";
  static final String APC = "acute_apc";
  static final String GP = "gp_emis_patients";

  /** The check a spec test method pins; the completeness test reads it. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.METHOD)
  @interface SpecOf {
    String value();
  }

  private final SparkSession spark = TestSpark.session();

  @BeforeEach
  void everyViewStartsEmpty() {
    QualityViews.NAMES.forEach(name -> view(name));
  }

  @AfterEach
  void dropViews() {
    QualityViews.NAMES.forEach(name -> spark.catalog().dropTempView(name));
  }

  @Test
  @SpecOf("rows_read")
  void rowsReadCountsLoadedAndRejectedFilesAndNothingForACopy() {
    view("ledger",
        ledger(A, APC, "LOADED", 12, 9, 3),
        ledger(A, APC, "REJECTED", 4, 0, 4),
        ledger(A, APC, "DUPLICATE", 0, 0, 0),
        ledger(B, APC, "LOADED", 5, 5, 0),
        ledger(B, GP, "DUPLICATE", 0, 0, 0));
    assertThat(measures("rows_read")).isEqualTo(Map.of(
        key(A, APC, "rows_read"), 16.0,
        key(B, APC, "rows_read"), 5.0,
        key(B, GP, "rows_read"), 0.0));
  }

  @Test
  @SpecOf("loaded_share")
  void loadedShareIsRowsLoadedOverRowsReadAndAbsentWhenNothingWasRead() {
    view("ledger",
        ledger(A, APC, "LOADED", 12, 9, 3),
        ledger(A, APC, "REJECTED", 4, 0, 4),
        ledger(B, APC, "LOADED", 5, 5, 0),
        ledger(B, GP, "DUPLICATE", 0, 0, 0));
    assertThat(measures("loaded_share")).isEqualTo(Map.of(
        key(A, APC, "loaded_share"), 9.0 / 16,
        key(B, APC, "loaded_share"), 1.0));
  }

  @Test
  @SpecOf("quarantine_share")
  void quarantineShareCountsWholeFileRejectionsToo() {
    view("ledger",
        ledger(A, APC, "LOADED", 12, 9, 3),
        ledger(A, APC, "REJECTED", 4, 0, 4),
        ledger(B, APC, "LOADED", 5, 5, 0),
        ledger(B, GP, "DUPLICATE", 0, 0, 0));
    assertThat(measures("quarantine_share")).isEqualTo(Map.of(
        key(A, APC, "quarantine_share"), 7.0 / 16,
        key(B, APC, "quarantine_share"), 0.0));
  }

  @Test
  @SpecOf("quarantine_rate")
  void quarantineRateCountsARowUnderEveryRuleItBroke() {
    view("ledger", ledger(A, APC, "LOADED", 6, 4, 2), ledger(A, APC, "REJECTED", 2, 0, 2), ledger(B, APC, "LOADED", 3, 3, 0));
    view("quarantine",
        quarantined(A, APC, "admission_date.not-in-future"),
        quarantined(A, APC, "admission_date.not-in-future", "sex.valid-values"),
        quarantined(A, APC, "file.header"),
        quarantined(A, APC, "file.header"));
    assertThat(measures("quarantine_rate")).isEqualTo(Map.of(
        key(A, APC, "quarantine_rate.admission_date.not-in-future"), 0.25,
        key(A, APC, "quarantine_rate.sex.valid-values"), 0.125,
        key(A, APC, "quarantine_rate.file.header"), 0.25));
  }

  @Test
  @SpecOf("warning_rate")
  void warningRateIsTheShareOfLoadedRowsBreakingAWarningRule() {
    view("loaded",
        loaded(A, APC, 1L, 1),
        loaded(A, APC, 2L, 1, "nhs_number.nhs-number"),
        loaded(A, APC, 3L, 1, "nhs_number.nhs-number"),
        loaded(A, APC, 4L, 1),
        loaded(B, GP, null, null),
        loaded(B, GP, null, null));
    assertThat(measures("warning_rate")).isEqualTo(Map.of(
        key(A, APC, "warning_share"), 0.5,
        key(A, APC, "warning_rate.nhs_number.nhs-number"), 0.5,
        key(B, GP, "warning_share"), 0.0));
  }

  @Test
  @SpecOf("completeness")
  void completenessIsTheShareOfLoadedRowsWithAValue() {
    view("column_fill",
        fill(A, APC, "nhs_number", false, 4, 3),
        fill(A, APC, "admission_date", true, 4, 4),
        fill(B, GP, "telephone", false, 5, 0));
    assertThat(measures("completeness")).isEqualTo(Map.of(
        key(A, APC, "completeness.nhs_number"), 0.75,
        key(A, APC, "completeness.admission_date"), 1.0,
        key(B, GP, "completeness.telephone"), 0.0));
  }

  @Test
  @SpecOf("duplicate_keys")
  void duplicateKeysCountEveryRowBeyondTheFirstOfItsKey() {
    view("loaded",
        loaded(A, APC, 1L, 1), loaded(A, APC, 1L, 1), loaded(A, APC, 2L, 1), loaded(A, APC, 3L, 1),
        loaded(B, APC, 1L, 1), loaded(B, APC, 1L, 1), loaded(B, APC, 1L, 1), loaded(B, APC, 2L, 1),
        loaded(B, GP, null, null), loaded(B, GP, null, null));
    assertThat(measures("duplicate_keys")).isEqualTo(Map.of(
        key(A, APC, "duplicate_key_share"), 0.25,
        key(B, APC, "duplicate_key_share"), 0.5));
  }

  @Test
  @SpecOf("conflicting_keys")
  void conflictingKeysCountTheVersionsOfAKeyBeyondTheFirstButNotExactCopies() {
    view("loaded",
        // A: key 1 sent twice exactly (not a conflict), key 2 in three versions (two beyond the first)
        version(A, APC, 1L, 10), version(A, APC, 1L, 10), version(A, APC, 2L, 20), version(A, APC, 2L, 21),
        version(A, APC, 2L, 22), version(A, APC, 3L, 30),
        version(B, APC, 1L, 10), version(B, APC, 2L, 20),
        version(B, GP, null, 1), version(B, GP, null, 2));
    assertThat(measures("conflicting_keys")).isEqualTo(Map.of(
        key(A, APC, "conflicting_key_share"), 2.0 / 6,
        key(B, APC, "conflicting_key_share"), 0.0));
  }

  @Test
  @SpecOf("events_before_birth")
  void eventsBeforeBirthAreTheShareOfRowsDatedBeforeTheirPersonsBirth() {
    LocalDate born = LocalDate.parse("2020-05-01");
    view("loaded",
        dated(A, GP, born.minusDays(1), born), dated(A, GP, born, born), dated(A, GP, born.plusYears(3), born),
        dated(A, GP, born.minusYears(1), null), // no known birth date: counted, never before birth
        dated(B, GP, born.plusDays(1), born),
        dated(B, APC, null, born)); // no care date: not measured
    assertThat(measures("events_before_birth")).isEqualTo(Map.of(
        key(A, GP, "event_before_birth_share"), 0.25,
        key(B, GP, "event_before_birth_share"), 0.0));
  }

  @Test
  @SpecOf("care_date_lag")
  void careDateLagIsTheMedianAndNinetiethPercentileOfDaysBeforeTheNight() {
    view("loaded",
        loaded(A, APC, 1L, 30), loaded(A, APC, 2L, 1), loaded(A, APC, 3L, 3), loaded(A, APC, 4L, 10),
        loaded(A, APC, 5L, 2), loaded(B, GP, null, null));
    Map<String, Double> measures = measures("care_date_lag");
    assertThat(measures).containsOnlyKeys(key(A, APC, "care_date_lag_days.p50"), key(A, APC, "care_date_lag_days.p90"));
    assertThat(measures.get(key(A, APC, "care_date_lag_days.p50"))).isEqualTo(3.0);
    // Sorted lags 1, 2, 3, 10, 30: the 90th percentile lies 0.6 of the way from 10 to 30.
    assertThat(measures.get(key(A, APC, "care_date_lag_days.p90"))).isCloseTo(22.0, within(1e-9));
  }

  @Test
  @SpecOf("linkage_rate")
  void linkageRateIsTheShareOfLoadedRowsWithAPerson() {
    view("links",
        link(A, APC, "nhs-number", null), link(A, APC, "probabilistic", 0.995), link(A, APC, "founder", null),
        link(A, APC, null, null),
        link(B, GP, "local-id", null), link(B, GP, "local-id", null));
    assertThat(measures("linkage_rate")).isEqualTo(Map.of(
        key(A, APC, "linkage_rate"), 0.75,
        key(B, GP, "linkage_rate"), 1.0));
  }

  @Test
  @SpecOf("match_probability")
  void matchProbabilityBandsShareTheProbabilisticLinks() {
    view("links",
        link(A, APC, "probabilistic", 0.9995), link(A, APC, "probabilistic", 0.9999), link(A, APC, "probabilistic", 0.995),
        link(A, APC, "probabilistic", null), link(A, APC, "nhs-number", null), link(A, APC, null, null),
        link(B, GP, "nhs-number", null));
    assertThat(measures("match_probability")).isEqualTo(Map.of(
        key(A, APC, "probabilistic_link_share"), 0.8,
        key(A, APC, "match_probability.at_least_0.999"), 0.5,
        key(A, APC, "match_probability.0.99_to_0.999"), 0.25,
        key(A, APC, "match_probability.below_0.99"), 0.0,
        key(A, APC, "match_probability.unscored"), 0.25,
        key(B, GP, "probabilistic_link_share"), 0.0));
  }

  /** Completeness: a check file without a spec test fails here. */
  @Test
  void everyCheckFileHasASpecTest() throws IOException {
    List<String> files;
    try (Stream<Path> listed = Files.list(SQL.resolve("checks"))) {
      files = listed.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".sql"))
          .map(f -> f.substring(0, f.length() - 4)).sorted().toList();
    }
    List<String> specified = Arrays.stream(getClass().getDeclaredMethods())
        .filter(m -> m.isAnnotationPresent(SpecOf.class)).map(m -> m.getAnnotation(SpecOf.class).value()).sorted().toList();
    assertThat(specified).as("checks with a spec test").isEqualTo(files);
  }

  // --- views as the stage registers them, built by hand ---

  private void view(String name, Row... rows) {
    spark.createDataFrame(List.of(rows), QualityViews.schema(name)).createOrReplaceTempView(name);
  }

  private static Row ledger(String borough, String feed, String status, long read, long loaded, long quarantined) {
    return RowFactory.create(NIGHT, borough, feed, feed + ".csv", status + read, status, read, loaded, quarantined);
  }

  private static Row quarantined(String borough, String feed, String... rules) {
    return RowFactory.create(NIGHT, borough, feed, rules);
  }

  /** A loaded row: its hashed key, its care date so many days before the night (or none), its warnings. */
  /** A loaded row whose content is its key's: repeating the key repeats the row exactly. */
  private static Row loaded(String borough, String feed, Long rowKey, Integer daysBeforeNight, String... warnings) {
    return RowFactory.create(NIGHT, borough, feed, rowKey, rowKey == null ? 0L : rowKey,
        daysBeforeNight == null ? null : NIGHT.minusDays(daysBeforeNight), warnings, null);
  }

  private static Row version(String borough, String feed, Long rowKey, long content) {
    return RowFactory.create(NIGHT, borough, feed, rowKey, content, NIGHT, new String[0], null);
  }

  /** A loaded row dated {@code careDate} whose linked person was born {@code born} (null: unknown or no care date). */
  private static Row dated(String borough, String feed, LocalDate careDate, LocalDate born) {
    return RowFactory.create(NIGHT, borough, feed, 1L, 1L, careDate, new String[0], born);
  }

  private static Row fill(String borough, String feed, String column, boolean required, long rows, long filled) {
    return RowFactory.create(NIGHT, borough, feed, column, required, "clinical", rows, filled);
  }

  /** A loaded row's link: a method means its identity record has a person; null means none yet. */
  private static Row link(String borough, String feed, String method, Double probability) {
    return RowFactory.create(NIGHT, borough, feed, method != null, method, probability);
  }

  private Map<String, Double> measures(String check) {
    QualityCheck definition = QualityCheck.load(SQL.resolve("checks").resolve(check + ".sql"));
    List<Measure> measures = new CheckRunner(spark, NIGHT, Set.of(APC, GP)).run(definition);
    Map<String, Double> byKey = new TreeMap<>();
    for (Measure measure : measures) {
      assertThat(measure.category()).isEqualTo(definition.category());
      byKey.put(key(measure.borough(), measure.feed(), measure.measure()), measure.value());
    }
    return byKey;
  }

  private static String key(String borough, String feed, String measure) {
    return borough + " " + feed + " " + measure;
  }
}
