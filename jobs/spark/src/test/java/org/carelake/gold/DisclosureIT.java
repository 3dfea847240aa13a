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
import org.carelake.access.AccessPolicy;
import org.carelake.access.ProjectOutputs;
import org.carelake.access.ResearchProject;
import org.carelake.audit.AuditLog;
import org.carelake.audit.GovernedAccess;
import org.carelake.disclosure.DisclosureSpec;
import org.carelake.error.CareLakeException;
import org.carelake.error.ErrorCategory;
import org.carelake.lake.DeltaIo;
import org.carelake.lake.Lake;
import org.carelake.lake.Zone;
import org.carelake.nightly.SmallNight;
import org.carelake.pseudonym.PersonKeys;
import org.carelake.pseudonym.PseudonymKey;
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
 * reveal. On the same small lake, research projects as an auditor would test them: two projects'
 * copies of one dataset carry unrelated pseudonyms and join on nobody, and an expired project's
 * table is removed, not rebuilt, and refused to its researchers with the refusal audited.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DisclosureIT {
  static final LocalDate NIGHT = SmallNight.NIGHT;
  static final Path SQL = Path.of("../../sql");

  Path work;
  SparkSession spark;
  DeltaIo io;
  Lake lake;
  PseudonymKey key;

  @BeforeAll
  void smallNight() throws IOException {
    SmallNight.Copy night = SmallNight.copy("carelake-disclosure-it");
    work = night.work();
    key = night.key();
    spark = TestSpark.session();
    io = new DeltaIo(spark);
    lake = night.lake();
  }

  @Test
  void everyPublishedTableIsSafe() throws IOException {
    List<String> tables;
    try (Stream<Path> folders = Files.list(work.resolve("lake").resolve(Zone.GOLD.folder()))) {
      tables = folders.filter(f -> Files.isDirectory(f.resolve("_delta_log"))).map(f -> f.getFileName().toString()).sorted().toList();
    }
    assertThat(tables).as("published tables")
        .contains("monthly_activity", "cohort_t2dm__demo", "cohort_type_2_diabetes__demo", "cohort_type_2_diabetes_attrition__demo");
    Map<String, SqlScript> scripts = new HashMap<>();
    try (Stream<Path> files = Files.list(SQL.resolve("gold"))) {
      files.filter(f -> f.toString().endsWith(".sql")).map(SqlScript::load)
          .forEach(script -> scripts.put(script.require("table").substring("gold.".length()), script));
    }
    CohortLibrary.scripts(SQL).forEach(script -> scripts.put(script.require("table").substring("gold.".length()), script));
    MeasureLibrary.scripts(SQL).forEach(script -> scripts.put(script.require("table").substring("gold.".length()), script));
    Map<String, Long> statuses = new HashMap<>();
    for (String table : tables) {
      // A research project's table comes from its dataset's script (cohort_t2dm__demo from cohort_t2dm.sql,
      // cohort_type_2_diabetes__demo from the cohort definition).
      String dataset = ResearchProject.datasetOf(table).orElse(table);
      SqlScript script = scripts.get(dataset);
      assertThat(script).as("every published table comes from a gold SQL file, a cohort or the measure definitions: " + table).isNotNull();
      DisclosureSpec spec = DisclosureSpec.of(script);
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
    new GoldStage(io, crafted, sql, NIGHT, "crafted-run", Instant.parse("2026-11-24T03:00:00Z"), ProjectOutputs.none(key), "test",
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

  /** Three projects receiving the type 2 diabetes cohort: alpha (derived key), beta (its own key file), gamma (expiring). */
  private static AccessPolicy projects(String gammaExpires) {
    return AccessPolicy.parse("""
        apiVersion: carelake/v1
        kind: AccessPolicy
        roles:
          researcher:
            project: required
            grants:
              - {zone: gold, tables: [project], actions: [read]}
        projects:
          alpha: {title: Alpha, purpose: alpha study, expires: 2027-06-30, datasets: [cohort_t2dm], key: derived}
          beta: {title: Beta, purpose: beta study, expires: 2027-06-30, datasets: [cohort_t2dm], key: beta-2026}
          gamma: {title: Gamma, purpose: gamma study, expires: %s, datasets: [cohort_t2dm], key: derived}
        """.formatted(gammaExpires), "three-projects.yaml");
  }

  @Test
  void twoProjectsPseudonymsJoinOnNobodyAndAnExpiredProjectIsNeitherBuiltNorServed() throws IOException {
    Path keys = Files.createDirectories(work.resolve("project-keys"));
    PseudonymKey betaKey = PseudonymKey.of("beta-2026", 1, "7e".repeat(32));
    Files.writeString(keys.resolve("beta-2026.key"), betaKey.toText());
    // Gamma's table as an earlier night published it; its approval ended the day before this night.
    io.overwrite(io.read(lake.gold("cohort_t2dm__demo")), lake.gold("cohort_t2dm__gamma"), "gamma's table of an earlier night");
    AccessPolicy policy = projects("2026-11-22");
    GoldResult result = new GoldStage(io, lake, SQL, NIGHT, "projects-run", Instant.parse("2026-11-24T04:00:00Z"),
        ProjectOutputs.resolve(policy.projects().values(), NIGHT, key, Optional.of(keys)), "test",
        org.carelake.contract.ContractLoader.loadAll(Path.of("../../data-contracts"))).run();

    Dataset<Row> alpha = io.read(lake.gold("cohort_t2dm__alpha"));
    Dataset<Row> beta = io.read(lake.gold("cohort_t2dm__beta"));
    assertThat(alpha.count()).isPositive().isEqualTo(beta.count());
    assertThat(alpha.drop("patient_id").exceptAll(beta.drop("patient_id")).count()).as("the same people").isZero();
    assertThat(alpha.join(beta, alpha.col("patient_id").equalTo(beta.col("patient_id"))).count()).as("alpha joined to beta").isZero();
    Dataset<Row> demo = io.read(lake.gold("cohort_t2dm__demo"));
    assertThat(alpha.join(demo, alpha.col("patient_id").equalTo(demo.col("patient_id"))).count()).as("alpha joined to demo").isZero();
    // Each project's ids are its own derivation: alpha's from the lake key under its label, beta's under its own key only.
    List<String> personKeys = io.read(lake.silver("gp_event")).select("person_key").distinct()
        .as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
    PersonKeys lakeKeys = new PersonKeys(key);
    PersonKeys betaKeys = new PersonKeys(betaKey);
    List<String> alphaIds = ids(alpha);
    List<String> betaIds = ids(beta);
    assertThat(personKeys.stream().map(k -> lakeKeys.projectPseudonym("alpha", k)).toList()).containsAll(alphaIds);
    assertThat(personKeys.stream().map(k -> betaKeys.projectPseudonym("beta", k)).toList()).containsAll(betaIds);
    assertThat(personKeys.stream().map(k -> lakeKeys.projectPseudonym("beta", k)).toList()).doesNotContainAnyElementsOf(betaIds);

    // Gamma's table is removed, history and all, and not rebuilt.
    assertThat(result.tables().stream().map(GoldTableOutcome::table)).doesNotContain("gold.cohort_t2dm__gamma")
        .contains("gold.cohort_t2dm__alpha", "gold.cohort_t2dm__beta");
    assertThat(io.exists(lake.gold("cohort_t2dm__gamma"))).isFalse();
    assertThat(work.resolve("lake").resolve(Zone.GOLD.folder()).resolve("cohort_t2dm__gamma")).doesNotExist();
    AuditLog audit = new AuditLog(io, lake, SQL);
    assertThat(io.read(audit.table()).filter(col("action").equalTo("remove expired project table")
        .and(col("target").contains("gold.cohort_t2dm__gamma"))).count()).isEqualTo(1);

    // And a researcher of gamma is refused, the refusal audited with its reason.
    GovernedAccess access = new GovernedAccess(policy, audit, io, Clock.fixed(Instant.parse("2026-11-24T09:00:00Z"), ZoneOffset.UTC));
    GovernedAccess.Caller researcher = new GovernedAccess.Caller("researcher-3", "researcher", Optional.of("gamma"), "gamma study");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> access.readTable(researcher, lake.gold("cohort_t2dm__gamma")))
        .isInstanceOfSatisfying(CareLakeException.class, e -> assertThat(e.category()).isEqualTo(ErrorCategory.ACCESS_REFUSED))
        .hasMessageContaining("expired on 2026-11-22");
    Dataset<Row> refused = io.read(audit.table()).filter(col("outcome").equalTo("REFUSED").and(col("project").equalTo("gamma")));
    assertThat(refused.count()).isEqualTo(1);
    assertThat(refused.head().<String>getAs("target")).contains("gold.cohort_t2dm__gamma", "expired on 2026-11-22");
  }

  private static List<String> ids(Dataset<Row> cohort) {
    return cohort.select("patient_id").as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
  }

  private static Long people(Map<String, Row> rows, String key) {
    return rows.get(key).getAs("people");
  }

  private static String status(Map<String, Row> rows, String key) {
    return rows.get(key).getAs("people_status");
  }
}
