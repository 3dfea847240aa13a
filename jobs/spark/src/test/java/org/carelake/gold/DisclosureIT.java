package org.carelake.gold;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.carelake.disclosure.DisclosureSpec;
import org.carelake.lake.DeltaIo;
import org.carelake.lake.Lake;
import org.carelake.lake.Zone;
import org.carelake.nightly.NightlyResult;
import org.carelake.nightly.NightlyRun;
import org.carelake.nightly.Progress;
import org.carelake.nightly.Stages;
import org.carelake.pseudonym.PseudonymKey;
import org.carelake.run.Settings;
import org.carelake.synthetic.DefectRates;
import org.carelake.synthetic.ExtractKind;
import org.carelake.synthetic.GeneratorSettings;
import org.carelake.synthetic.SyntheticLanding;
import org.carelake.testing.TestLakes;
import org.carelake.testing.TestSpark;
import org.carelake.transform.SqlScript;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Disclosure control attacked as an auditor would: after a small real night, every table in the
 * lake's published zone (whatever its name, so a new table cannot skip the check) holds no count
 * from 1 to 7, every count is a multiple of 5 and every count carries its status; and on a crafted
 * table, totals are sums of the rounded cells and secondary suppression hides what a total would
 * reveal.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DisclosureIT {
  static final LocalDate NIGHT = LocalDate.parse("2026-11-23");
  static final PseudonymKey KEY = PseudonymKey.fromHex("3c".repeat(32));
  static final Path SQL = Path.of("../../sql");

  Path work;
  SparkSession spark;
  DeltaIo io;
  Lake lake;

  @BeforeAll
  void smallNight() throws IOException {
    work = Files.createTempDirectory("carelake-disclosure-it");
    spark = TestSpark.session();
    io = new DeltaIo(spark);
    Settings settings = TestLakes.settings(work);
    lake = new Lake(settings.lakeRoot());
    new SyntheticLanding(new GeneratorSettings(NIGHT, 150, 5, DefectRates.defaults(), ExtractKind.INITIAL))
        .generate(work.resolve("landing"), work.resolve("ground-truth"));
    NightlyResult result = new NightlyRun(io, settings, Optional.of(KEY), NIGHT, Stages.select(List.of("ingest", "link", "quality", "silver", "gold")), Optional.empty(), Optional.empty(),
        Progress.silent(), Clock.fixed(Instant.parse("2026-11-24T02:00:00Z"), ZoneOffset.UTC)).run();
    assertThat(result.outcome()).isNotEqualTo(NightlyResult.Outcome.FAILED);
  }

  @Test
  void everyPublishedTableIsSafe() throws IOException {
    List<String> tables;
    try (Stream<Path> folders = Files.list(work.resolve("lake").resolve(Zone.GOLD.folder()))) {
      tables = folders.filter(f -> Files.isDirectory(f.resolve("_delta_log"))).map(f -> f.getFileName().toString()).sorted().toList();
    }
    assertThat(tables).as("published tables").contains("monthly_activity", "cohort_t2dm");
    Map<String, Long> statuses = new HashMap<>();
    for (String table : tables) {
      Path sql = SQL.resolve("gold").resolve(table + ".sql");
      assertThat(sql).as("every published table comes from a gold SQL file").exists();
      DisclosureSpec spec = DisclosureSpec.of(SqlScript.load(sql));
      Dataset<Row> rows = io.read(lake.gold(table));
      List<String> columns = Arrays.asList(rows.columns());
      // Every BIGINT is treated as a count, declared or not.
      List<String> counts = new ArrayList<>();
      for (StructField field : rows.schema().fields()) {
        if (field.dataType().equals(DataTypes.LongType)) {
          counts.add(field.name());
        }
      }
      assertThat(counts).as(table + " counts are the declared ones").containsExactlyInAnyOrderElementsOf(spec.counts());
      for (String count : counts) {
        String status = DisclosureSpec.statusColumn(count);
        assertThat(columns).as(table + " marks " + count).contains(status);
        long unsafe = rows.filter(col(count).between(1, 7).or(col(count).mod(5).notEqual(0))).count();
        assertThat(unsafe).as(table + "." + count + " cells from 1 to 7 or not a multiple of 5").isZero();
        long mismarked = rows.filter(
            col(status).isNull()
                .or(col(count).isNull().notEqual(col(status).equalTo("suppressed")))
                .or(col(count).equalTo(0).notEqual(col(status).equalTo("zero")))).count();
        assertThat(mismarked).as(table + "." + status + " says what happened to each cell").isZero();
        rows.groupBy(status).count().collectAsList().forEach(r -> statuses.merge(r.getString(0), r.getLong(1), Long::sum));
      }
      for (DisclosureSpec.Rate rate : spec.rates()) {
        long shownWithoutBoth = rows.filter(col(rate.column()).isNotNull()
            .and(col(rate.numerator()).isNull().or(col(rate.denominator()).isNull())
                .or(col(rate.numerator()).lt(8)).or(col(rate.denominator()).lt(8)))).count();
        assertThat(shownWithoutBoth).as(table + "." + rate.column() + " shown without both counts").isZero();
        assertThat(rows.filter(col(rate.column()).isNull().notEqual(col(DisclosureSpec.statusColumn(rate.column())).equalTo("suppressed")))
            .count()).isZero();
      }
    }
    assertThat(statuses).as("a real night exercises every status").containsKeys("zero", "rounded", "suppressed");
  }

  @Test
  void theBoroughTotalsAreSumsOfRoundedCellsAndRevealNoSuppressedCell() {
    Dataset<Row> activity = io.read(lake.gold("monthly_activity"));
    Dataset<Row> totals = activity.filter(col("age_band").equalTo("all").and(col("sex").equalTo("all")));
    assertThat(totals.count()).isPositive();
    Dataset<Row> cells = activity.filter(col("age_band").notEqual("all"));
    for (String count : List.of("activity_count", "registered_population")) {
      Dataset<Row> perGroup = cells.groupBy("month", "borough_code", "setting")
          .agg(org.apache.spark.sql.functions.sum(org.apache.spark.sql.functions.when(col(count + "_status").equalTo("suppressed"), 1)
                  .otherwise(0)).alias("hidden"),
              org.apache.spark.sql.functions.sum(col(count)).alias("shown_sum"));
      Dataset<Row> joined = totals.join(perGroup, scala.jdk.javaapi.CollectionConverters.asScala(List.of("month", "borough_code", "setting")).toSeq());
      assertThat(joined.filter(col(count).isNotNull().and(col("hidden").equalTo(1))).count())
          .as(count + ": a shown total with exactly one hidden cell gives it away").isZero();
      assertThat(joined.filter(col(count).isNotNull().and(col("hidden").equalTo(0))
          .and(col(count).notEqual(org.apache.spark.sql.functions.coalesce(col("shown_sum"), org.apache.spark.sql.functions.lit(0L))))).count())
          .as(count + ": a total over shown cells is their sum").isZero();
    }
  }

  @Test
  void aCraftedTableGetsSecondarySuppression() throws IOException {
    Path sql = work.resolve("crafted-sql");
    Files.createDirectories(sql.resolve("gold"));
    Files.createDirectories(sql.resolve("ddl").resolve("ops"));
    Files.copy(SQL.resolve("ddl/ops/audit.sql"), sql.resolve("ddl/ops/audit.sql"));
    Files.copy(SQL.resolve("ddl/ops/opt_out.sql"), sql.resolve("ddl/ops/opt_out.sql"));
    Files.writeString(sql.resolve("gold/crafted_activity.sql"), """
        -- table: gold.crafted_activity
        -- purpose: a crafted two-borough table for the disclosure test
        -- grain: one row per borough and setting
        -- keys: borough_code, setting
        -- disclosure: aggregate
        -- counts: people, population
        -- rates: per_100 = people / population * 100
        -- totals: setting
        SELECT * FROM VALUES
          ('E08000001', 'community', 40L, 400L), ('E08000001', 'gp-event', 3L, 400L),
          ('E08000001', 'outpatient', 20L, 400L), ('E08000001', 'social-care', 12L, 400L),
          ('E08000002', 'community', 0L, 300L), ('E08000002', 'gp-event', 9L, 300L),
          ('E08000002', 'outpatient', 0L, 300L), ('E08000002', 'social-care', 31L, 300L)
          AS t(borough_code, setting, people, population)
        """);
    Files.writeString(sql.resolve("gold/crafted_override.sql"), """
        -- table: gold.crafted_override
        -- purpose: a crafted table published under weaker thresholds, which must be audited
        -- grain: one row per borough
        -- keys: borough_code
        -- disclosure: aggregate
        -- counts: people
        -- thresholds: suppress-below 3, round-to 1
        -- threshold-override: a test of the override path
        SELECT * FROM VALUES ('E08000001', 4L), ('E08000002', 2L) AS t(borough_code, people)
        """);
    Lake crafted = new Lake(work.resolve("crafted-lake").toString());
    new GoldStage(io, crafted, sql, NIGHT, "crafted-run", Instant.parse("2026-11-24T03:00:00Z"), "demo", "test",
        org.carelake.contract.ContractLoader.loadAll(Path.of("../../data-contracts"))).run();

    Map<String, Row> byKey = new HashMap<>();
    io.read(crafted.gold("crafted_activity")).collectAsList()
        .forEach(r -> byKey.put(r.getString(0) + "/" + r.getString(1), r));
    // Borough 1: 3 is suppressed, so the next smallest (12 -> 10) goes too; the total is 40 + 5 + 20 + 10.
    assertThat(people(byKey, "E08000001/gp-event")).isNull();
    assertThat(status(byKey, "E08000001/gp-event")).isEqualTo("suppressed");
    assertThat(people(byKey, "E08000001/social-care")).isNull();
    assertThat(status(byKey, "E08000001/social-care")).isEqualTo("suppressed");
    assertThat(people(byKey, "E08000001/outpatient")).isEqualTo(20L);
    assertThat(people(byKey, "E08000001/all")).isEqualTo(75L);
    assertThat(byKey.get("E08000001/community").<Double>getAs("per_100")).isEqualTo(10.0);
    assertThat(byKey.get("E08000001/social-care").<Double>getAs("per_100")).isNull();
    assertThat(byKey.get("E08000001/social-care").<String>getAs("per_100_status")).isEqualTo("suppressed");
    // Borough 2: nothing suppressed; zeros stay zero and are marked so; the total is 10 + 30.
    assertThat(people(byKey, "E08000002/community")).isZero();
    assertThat(status(byKey, "E08000002/community")).isEqualTo("zero");
    assertThat(people(byKey, "E08000002/all")).isEqualTo(40L);
    assertThat(byKey.get("E08000002/all").<Long>getAs("population")).isEqualTo(1200L);

    // The override is published as declared, and audited.
    assertThat(io.read(crafted.gold("crafted_override")).filter(col("people").equalTo(4)).count()).isEqualTo(1);
    Dataset<Row> audit = io.read(crafted.table(Zone.OPS, "audit")).filter(col("action").equalTo("disclosure override"));
    assertThat(audit.count()).isEqualTo(1);
    assertThat(audit.head().<String>getAs("target")).contains("gold.crafted_override", "suppress-below 3");
    assertThat(audit.head().<String>getAs("purpose")).contains("a test of the override path");
  }

  private static Long people(Map<String, Row> rows, String key) {
    return rows.get(key).getAs("people");
  }

  private static String status(Map<String, Row> rows, String key) {
    return rows.get(key).getAs("people_status");
  }
}
