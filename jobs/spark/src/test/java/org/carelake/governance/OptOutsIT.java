package org.carelake.governance;

import static org.apache.spark.sql.functions.callUDF;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.carelake.contract.Contract;
import org.carelake.contract.ContractLoader;
import org.carelake.gold.GoldStage;
import org.carelake.lake.DeltaIo;
import org.carelake.lake.Lake;
import org.carelake.lake.Zone;
import org.carelake.nightly.NightlyResult;
import org.carelake.nightly.NightlyRun;
import org.carelake.nightly.Progress;
import org.carelake.nightly.SmallNight;
import org.carelake.nightly.Stages;
import org.carelake.optout.OptOutList;
import org.carelake.pseudonym.PseudonymKey;
import org.carelake.run.Settings;
import org.carelake.spark.CareLakeFunctions;
import org.carelake.testing.TestSpark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Opt-outs attacked as an auditor would, over three real nights on Spark and Delta:
 *
 * <ol>
 *   <li>the generator's own lists, as this test reads them off the landed files: the persons they
 *       exclude are recorded, and none is in the published cohort;
 *   <li>one borough sends new lists (the others' earlier lists still apply): a person on the type 2
 *       diabetes cohort and a quarter of everyone opt out nationally, a person with GP data and
 *       data from another source has a Type 1 opt-out; every published table — found on disk, so a new table cannot skip
 *       the check — equals what the gold SQL gives over silver without everyone listed (this test reads the landed lists itself), the national opt-out's cohort
 *       pseudonym appears in no table, and the Type 1 opt-out withholds the person's GP tables only;
 *   <li>they withdraw (the borough sends its night-one list again, an exact copy that ingest does
 *       not load twice): the cohort person is back the next night, the exclusions recorded are
 *       those still listed, and the planning table, built incrementally over the persons whose
 *       exclusion changed, equals a full build.
 * </ol>
 *
 * <p>No NHS number is ever printed: lists are written to temporary landing folders, assertions
 * name tables and counts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OptOutsIT {
  static final LocalDate NIGHT_ONE = SmallNight.NIGHT;
  static final LocalDate NIGHT_TWO = NIGHT_ONE.plusDays(1);
  static final LocalDate NIGHT_THREE = NIGHT_ONE.plusDays(2);
  static final String BOROUGH = "E08000003";
  static final Path SQL = Path.of("../../sql");
  /** The policy's demonstration project and its copy of the type 2 diabetes cohort. */
  static final String PROJECT = "demo";
  static final String COHORT = "cohort_t2dm__demo";
  /** This test's own view of which silver tables hold GP data; the component derives it from contracts. */
  static final Set<String> GP_TABLES = Set.of("person", "gp_event", "medication", "ltc_first_coded");
  static final String NATIONAL_FILE = "national_data_opt_out.csv";
  static final String TYPE_1_FILE = "type_1_opt_out.csv";

  Path work;
  SparkSession spark;
  DeltaIo io;
  Lake lake;
  Settings settings;
  PseudonymKey key;
  List<Contract> contracts;
  String cohortPerson;
  String typeOnePerson;

  @BeforeAll
  void firstNight() throws IOException {
    SmallNight.Copy night = SmallNight.copy("carelake-opt-outs-it");
    work = night.work();
    key = night.key();
    spark = TestSpark.session();
    // This test's own oracle derives person keys in SQL; the night may have been built in another JVM.
    CareLakeFunctions.register(spark, key);
    io = new DeltaIo(spark);
    // The planning table follows opt-outs incrementally although the test lake is tiny.
    settings = night.settings().with("gold.incremental-min-input-mb", "0").with("gold.incremental-by-person", "on");
    lake = night.lake();
    contracts = ContractLoader.loadAll(settings.contractsDir());
  }

  @Test
  @Order(1)
  void theGeneratorsListsKeepTheirPeopleOutOfThePublishedCohort() throws IOException {
    // The whole published zone is compared with gold over silver without the listed on nights two
    // and three, when these lists still apply beside the new ones; here, the cheap checks.
    Exclusions excluded = exclusions(NIGHT_ONE);
    assertThat(excluded.national().count()).as("persons on the generator's national lists").isPositive();
    assertRecordedCounts(NIGHT_ONE, excluded);
    Dataset<Row> listed = excluded.national().union(excluded.typeOne())
        .select(callUDF("project_pseudonym", lit(PROJECT), col("key")).as("patient_id"));
    assertThat(io.read(lake.gold(COHORT)).join(listed, "patient_id").count()).as("listed persons in the cohort").isZero();
  }

  @Test
  @Order(2)
  void thoseWhoOptOutAreGoneFromEveryPublishedTableTheNextNight() throws IOException {
    Exclusions before = exclusions(NIGHT_ONE);
    Dataset<Row> listedBefore = before.national().union(before.typeOne());
    Dataset<Row> persons = linkedPersons().join(listedBefore, col("person_key").equalTo(col("key")), "left_anti");
    Dataset<Row> cohort = io.read(lake.gold(COHORT)).select(col("patient_id"));
    cohortPerson = persons.join(cohort, col("pseudonym").equalTo(col("patient_id")))
        .select("person_key").distinct().orderBy("person_key").as(Encoders.STRING()).first();
    Dataset<Row> gpData = keysIn(GP_TABLES.stream().filter(t -> io.exists(lake.silver(t))).toList());
    Dataset<Row> otherData = keysIn(silverTables().stream().filter(t -> !GP_TABLES.contains(t)).toList());
    // Not among the quarter opting out nationally below, so only the Type 1 opt-out applies to them.
    typeOnePerson = persons.filter(functions_pmod(4).unary_$bang()).select("person_key").distinct()
        .join(gpData, "person_key").join(otherData, "person_key")
        .filter(col("person_key").notEqual(cohortPerson)).orderBy("person_key").as(Encoders.STRING()).first();
    // Tonight one borough sends new lists: a quarter of everyone and the cohort person opt out
    // nationally, and one person with GP data and data from another source has a Type 1 opt-out.
    List<String> quarter = numbersOf(persons.filter(functions_pmod(4)).select("person_key"));
    List<String> national = new ArrayList<>(quarter);
    national.addAll(numbersOf(keyFrame(cohortPerson)));
    writeList(NIGHT_TWO, NATIONAL_FILE, national);
    writeList(NIGHT_TWO, TYPE_1_FILE, numbersOf(keyFrame(typeOnePerson)));
    NightlyResult nightTwo = run(NIGHT_TWO, List.of("ingest", "link", "silver", "gold"));
    assertIncrementalOverChangedPersons(nightTwo, List.of("gold.monthly_activity"));
    // The shared first night ran with the measures' incremental build off, so nothing was kept for
    // them: tonight, the first with it on, builds them in full and keeps their counts for night three.
    assertThat(refresh(nightTwo, "gold.measures")).isEqualTo("full: first build");

    Exclusions excluded = exclusions(NIGHT_TWO);
    assertThat(excluded.national().filter(col("key").equalTo(cohortPerson)).count()).isEqualTo(1);
    assertThat(excluded.typeOne().filter(col("key").equalTo(typeOnePerson)).count()).isEqualTo(1);
    assertThat(excluded.national().filter(col("key").equalTo(typeOnePerson)).count()).as("Type 1 only").isZero();
    assertPublishedEqualsGoldOverSilverWithout(NIGHT_TWO, excluded);
    assertRecordedCounts(NIGHT_TWO, excluded);
    assertThat(appearances(pseudonym(cohortPerson))).as("tables holding the opted-out person's cohort pseudonym").isEmpty();
    assertThat(io.read(lake.silver("gp_event")).filter(col("person_key").equalTo(cohortPerson)).count())
        .as("silver keeps the opted-out person's data for direct care").isPositive();
  }

  @Test
  @Order(3)
  void aTypeOneOptOutWithholdsGpDataOnly() throws IOException {
    OptOuts optOuts = OptOuts.resolve(io, lake, contracts, NIGHT_TWO);
    try {
      for (String table : silverTables()) {
        Dataset<Row> rows = io.read(lake.silver(table)).filter(col("person_key").equalTo(typeOnePerson));
        long held = rows.count();
        long published = optOuts.apply(lake.silver(table), rows).count();
        if (GP_TABLES.contains(table)) {
          assertThat(published).as("GP table " + table + " rows of the Type 1 person used for outputs").isZero();
        } else {
          assertThat(published).as("rows of " + table + " (not GP data) of the Type 1 person used for outputs").isEqualTo(held);
        }
      }
      assertThat(optOuts.listsFor("hospital_spell")).containsExactly(OptOutList.NATIONAL_DATA_OPT_OUT);
      assertThat(optOuts.listsFor("gp_event")).containsExactlyInAnyOrder(OptOutList.values());
    } finally {
      optOuts.release();
    }
    assertThat(keysIn(silverTables().stream().filter(t -> !GP_TABLES.contains(t)).toList())
        .filter(col("person_key").equalTo(typeOnePerson)).count())
        .as("the Type 1 person has data from other sources, so the check above is not empty").isPositive();
    assertThat(io.read(lake.gold(COHORT)).filter(col("patient_id").equalTo(pseudonym(typeOnePerson))).count())
        .as("the Type 1 person in the GP-derived cohort").isZero();
  }

  /**
   * Everyone who opted out on night two withdraws: the borough's national list is again exactly the
   * list of night one, byte for byte, so ingest records it as a copy of a file already received and
   * loads nothing — it is still tonight's list. The Type 1 list is unchanged (also a copy).
   */
  @Test
  @Order(4)
  void someoneWhoWithdrawsIsBackTheNextNight() throws IOException {
    Path nightThree = work.resolve("landing").resolve(NIGHT_THREE.toString()).resolve(BOROUGH);
    Files.createDirectories(nightThree);
    Files.copy(work.resolve("landing").resolve(NIGHT_ONE.toString()).resolve(BOROUGH).resolve(NATIONAL_FILE),
        nightThree.resolve(NATIONAL_FILE));
    Files.copy(work.resolve("landing").resolve(NIGHT_TWO.toString()).resolve(BOROUGH).resolve(TYPE_1_FILE),
        nightThree.resolve(TYPE_1_FILE));
    assertIncrementalOverChangedPersons(run(NIGHT_THREE, List.of("ingest", "link", "silver", "gold")),
        List.of("gold.monthly_activity", "gold.measures"));
    assertThat(io.read(lake.ledger()).filter(col("night").equalTo(lit(java.sql.Date.valueOf(NIGHT_THREE))))
        .select("status").distinct().as(Encoders.STRING()).collectAsList()).as("tonight's lists are copies").contains("DUPLICATE");

    Exclusions excluded = exclusions(NIGHT_THREE);
    // The planning table followed the withdrawals incrementally: it equals a full build from the same
    // inputs and opt-outs. (Night two compared every published table with gold over silver without
    // the listed; the other tables are built in full each night through the same component, and the
    // exclusions recorded tonight are checked against this test's own reading of the lists below.)
    // So do the measures, built by person.
    for (String table : List.of("gold.monthly_activity", "gold.measures")) {
      org.carelake.gold.GoldRebuild.Outcome full = new org.carelake.gold.GoldRebuild(io, lake, SQL, contracts,
          org.carelake.gold.GoldStep.projects(settings, key, NIGHT_THREE)).rebuild(table, Optional.empty());
      assertThat(full.night()).isEqualTo(NIGHT_THREE);
      assertThat(full.identical()).as("night three's incremental build of " + table + " against a full build: " + full).isTrue();
    }
    if (excluded.national().filter(col("key").equalTo(cohortPerson)).isEmpty()) {
      assertThat(io.read(lake.gold(COHORT)).filter(col("patient_id").equalTo(pseudonym(cohortPerson))).count())
          .as("the person who withdrew is back in the cohort").isEqualTo(1);
    }
    assertThat(excluded.national().filter(col("key").equalTo(cohortPerson)).count())
        .as("the withdrawn person is on no list that applies (their number is shared with no one listed)").isZero();
    assertThat(excluded.typeOne().filter(col("key").equalTo(typeOnePerson)).count()).as("Type 1 list unchanged").isEqualTo(1);
    assertRecordedCounts(NIGHT_THREE, excluded);
  }

  // ---- the test's own oracle -------------------------------------------------------------------

  /** Person keys this test reads off the landed lists: each borough's latest list on or before the night. */
  record Exclusions(Dataset<Row> national, Dataset<Row> typeOne) {}

  Exclusions exclusions(LocalDate night) throws IOException {
    return new Exclusions(keysListed(night, NATIONAL_FILE), keysListed(night, TYPE_1_FILE));
  }

  Dataset<Row> keysListed(LocalDate night, String file) throws IOException {
    Map<String, Path> latest = new TreeMap<>();
    try (Stream<Path> nights = Files.list(work.resolve("landing"))) {
      for (Path folder : nights.sorted().toList()) {
        if (LocalDate.parse(folder.getFileName().toString()).isAfter(night)) {
          continue;
        }
        try (Stream<Path> boroughs = Files.list(folder)) {
          boroughs.filter(b -> Files.exists(b.resolve(file))).forEach(b -> latest.put(b.getFileName().toString(), b.resolve(file)));
        }
      }
    }
    List<String> numbers = new ArrayList<>();
    for (Path list : latest.values()) {
      List<String> lines = Files.readAllLines(list);
      numbers.addAll(lines.subList(1, lines.size()));
    }
    Dataset<Row> listed = spark.createDataset(numbers, Encoders.STRING()).toDF("listed");
    return io.read(lake.identity()).join(io.read(lake.restricted("person_link")), "identity_id")
        .join(listed, col("nhs_number").equalTo(col("listed")))
        .select(callUDF("person_key", col("person_id")).as("key")).distinct().cache();
  }

  /** Every silver table copied without the excluded persons, gold built over it, compared with the lake's gold. */
  void assertPublishedEqualsGoldOverSilverWithout(LocalDate night, Exclusions excluded) throws IOException {
    Lake shadow = new Lake(work.resolve("shadow-" + night).toString());
    long removedNational = 0;
    long removedTypeOne = 0;
    for (String table : silverTables()) {
      Dataset<Row> rows = io.read(lake.silver(table));
      Dataset<Row> kept = rows.join(excluded.national(), col("person_key").equalTo(col("key")), "left_anti");
      removedNational += rows.count() - kept.count();
      if (GP_TABLES.contains(table)) {
        long before = kept.count();
        kept = kept.join(excluded.typeOne(), col("person_key").equalTo(col("key")), "left_anti");
        removedTypeOne += before - kept.count();
      }
      io.overwrite(kept, shadow.silver(table), "opt-out oracle");
    }
    for (String table : tablesOf(Zone.REFERENCE)) {
      io.overwrite(io.read(lake.reference(table)), shadow.reference(table), "copy");
    }
    assertThat(removedNational).as("silver rows of nationally opted-out persons").isPositive();
    org.carelake.access.ProjectOutputs projects = org.carelake.access.ProjectOutputs.resolve(
        org.carelake.access.AccessPolicy.load(Path.of("../../governance/access-policy.yaml")).projects().values(), night, key,
        Optional.empty());
    new GoldStage(io, shadow, SQL, night, "oracle", Instant.parse("2026-11-26T03:00:00Z"), projects, "test", contracts).run();
    List<String> published = tablesOf(Zone.GOLD);
    assertThat(published).contains("monthly_activity", COHORT);
    for (String table : published) {
      Dataset<Row> actual = io.read(lake.gold(table));
      Dataset<Row> expected = io.read(shadow.gold(table));
      assertThat(actual.exceptAll(expected).count()).as(table + " rows not in gold over silver without the opted-out").isZero();
      assertThat(expected.exceptAll(actual).count()).as(table + " rows missing from the published table").isZero();
    }
    if (!excluded.typeOne().isEmpty()) {
      assertThat(removedTypeOne + removedNational).isPositive();
    }
  }

  void assertRecordedCounts(LocalDate night, Exclusions excluded) {
    Map<String, Long> recorded = new TreeMap<>();
    io.read(lake.table(Zone.OPS, "opt_out")).filter(col("night").equalTo(lit(java.sql.Date.valueOf(night))))
        .select("list", "persons_excluded").collectAsList().forEach(r -> recorded.put(r.getString(0), r.getLong(1)));
    assertThat(recorded).isEqualTo(Map.of(
        OptOutList.NATIONAL_DATA_OPT_OUT.id(), excluded.national().count(),
        OptOutList.TYPE_1.id(), excluded.typeOne().count()));
  }

  /** Published tables with a string column holding this value. */
  List<String> appearances(String value) throws IOException {
    List<String> found = new ArrayList<>();
    for (String table : tablesOf(Zone.GOLD)) {
      Dataset<Row> rows = io.read(lake.gold(table));
      for (StructField field : rows.schema().fields()) {
        if (field.dataType().equals(DataTypes.StringType) && !rows.filter(col(field.name()).equalTo(value)).isEmpty()) {
          found.add(table + "." + field.name());
        }
      }
    }
    return found;
  }

  // ---- helpers ---------------------------------------------------------------------------------

  NightlyResult run(LocalDate night, List<String> stages) {
    NightlyResult result = new NightlyRun(io, settings, Optional.of(key), night, Stages.select(stages), Optional.empty(),
        Optional.empty(), Progress.silent(), Clock.fixed(Instant.parse(night.plusDays(1) + "T02:00:00Z"), ZoneOffset.UTC)).run();
    assertThat(result.outcome()).as(result.message()).isNotEqualTo(NightlyResult.Outcome.FAILED);
    return result;
  }

  /**
   * How the night computed the tables named: incremental, and those whose opt-out changed are among
   * the persons whose contributions they updated (the published rows are then compared with a full
   * build over silver without them).
   */
  static void assertIncrementalOverChangedPersons(NightlyResult result, List<String> tables) {
    for (String table : tables) {
      assertThat(refresh(result, table)).as(table).startsWith("incremental:").doesNotContain(" 0 persons");
    }
  }

  /** How the night built a gold table ("full: ..." or "incremental: ..."). */
  static String refresh(NightlyResult result, String table) {
    return result.gold().orElseThrow().tables().stream().filter(t -> t.table().equals(table)).findFirst().orElseThrow().refresh();
  }

  /** Every linked person: person key and the research project's pseudonym of them. */
  Dataset<Row> linkedPersons() {
    return io.read(lake.restricted("person_link")).select("person_id").distinct()
        .select(callUDF("person_key", col("person_id")).as("person_key"))
        .withColumn("pseudonym", callUDF("project_pseudonym", lit(PROJECT), col("person_key")));
  }

  String pseudonym(String personKey) {
    return spark.sql("SELECT project_pseudonym('" + PROJECT + "', '" + personKey + "')").head().getString(0);
  }

  /** The distinct person keys of these silver tables. */
  Dataset<Row> keysIn(List<String> tables) {
    return tables.stream().map(t -> io.read(lake.silver(t)).select("person_key")).reduce(Dataset::union).orElseThrow().distinct();
  }

  static org.apache.spark.sql.Column functions_pmod(int every) {
    return org.apache.spark.sql.functions.pmod(org.apache.spark.sql.functions.hash(col("person_key")), lit(every)).equalTo(0);
  }

  Dataset<Row> keyFrame(String personKey) {
    return spark.createDataset(List.of(personKey), Encoders.STRING()).toDF("person_key");
  }

  /** The usable NHS numbers of these persons' identity records (kept in memory only, never printed). */
  List<String> numbersOf(Dataset<Row> personKeys) {
    return new ArrayList<>(io.read(lake.identity()).filter(col("nhs_usable"))
        .join(io.read(lake.restricted("person_link")), "identity_id")
        .withColumn("person_key", callUDF("person_key", col("person_id")))
        .join(personKeys, "person_key").select("nhs_number").distinct().orderBy("nhs_number").as(Encoders.STRING())
        .collectAsList());
  }

  void writeList(LocalDate night, String file, List<String> numbers) throws IOException {
    Path folder = work.resolve("landing").resolve(night.toString()).resolve(BOROUGH);
    Files.createDirectories(folder);
    List<String> lines = new ArrayList<>();
    lines.add("NHSNumber");
    lines.addAll(numbers);
    Files.write(folder.resolve(file), lines);
  }

  List<String> silverTables() throws IOException {
    return tablesOf(Zone.SILVER);
  }

  List<String> tablesOf(Zone zone) throws IOException {
    Path folder = work.resolve("lake").resolve(zone.folder());
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> folders = Files.list(folder)) {
      return folders.filter(f -> Files.isDirectory(f.resolve("_delta_log"))).map(f -> f.getFileName().toString()).sorted().toList();
    }
  }
}
