package org.carelake.nightly;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.carelake.gold.GoldRebuild;
import org.carelake.gold.GoldTableOutcome;
import org.carelake.gold.GoldStep;
import org.carelake.ingest.FileOutcome;
import org.carelake.lake.DeltaIo;
import org.carelake.lake.Lake;
import org.carelake.lake.LakeTables;
import org.carelake.lake.TableRef;
import org.carelake.lake.Zone;
import org.carelake.pseudonym.PseudonymKey;
import org.carelake.run.Settings;
import org.carelake.synthetic.DefectRates;
import org.carelake.synthetic.ExtractKind;
import org.carelake.synthetic.GeneratorSettings;
import org.carelake.synthetic.Manifest;
import org.carelake.synthetic.SyntheticLanding;
import org.carelake.testing.SharedLakes;
import org.carelake.testing.TestLakes;
import org.carelake.testing.TestSpark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Acceptance: whole nights of synthetic extracts, with every defect kind at raised rates, through
 * ingest, silver, gold and check on real Delta tables in a temporary folder. The tests share one
 * lake and run in order: night one, the same night again, then night two.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NightlyIT {
  static final LocalDate NIGHT_ONE = LocalDate.parse("2026-11-23");
  static final LocalDate NIGHT_TWO = LocalDate.parse("2026-11-24");
  static final PseudonymKey KEY = PseudonymKey.fromHex("5a".repeat(32));

  Path work;
  SparkSession spark;
  DeltaIo io;
  Lake lake;
  Settings settings;
  Manifest manifestOne;
  NightlyResult first;

  @BeforeAll
  void runNightOne() throws IOException {
    work = SharedLakes.scratch("carelake-nightly-it");
    spark = TestSpark.session();
    io = new DeltaIo(spark);
    settings = TestLakes.settings(work)
        // The raised defect rates quarantine ~20% of rows: night one publishes everything; night two
        // below sets a gate that holds some feeds back.
        .with("gates.max-quarantine-share", "1.0")
        // Night two's planning table is built incrementally although the test lake is tiny.
        .with("gold.incremental-min-input-mb", "0").with("gold.incremental-by-person", "on");
    lake = new Lake(settings.lakeRoot());
    manifestOne = generate(NIGHT_ONE, ExtractKind.INITIAL);
    first = run(NIGHT_ONE);
  }

  Manifest generate(LocalDate night, ExtractKind kind) {
    return new SyntheticLanding(new GeneratorSettings(night, 700, 11, DefectRates.testPreset(), kind))
        .generate(work.resolve("landing"), work.resolve("ground-truth"));
  }

  NightlyResult run(LocalDate night) {
    return run(night, settings, Stages.all());
  }

  NightlyResult run(LocalDate night, Settings with, List<Stage> stages) {
    return new NightlyRun(io, with, Optional.of(KEY), night, stages, Optional.empty(), Optional.empty(),
        Progress.silent(), Clock.fixed(Instant.parse("2026-11-25T02:00:00Z").plusSeconds(night.toEpochDay()), ZoneOffset.UTC)).run();
  }

  @Test
  @Order(1)
  void nightOneCompletesWithTheInjectedFileDefectsRejected() {
    assertThat(first.message()).contains("2 landed files were rejected");
    assertThat(first.outcome()).as(first.message()).isEqualTo(NightlyResult.Outcome.SUCCEEDED_WITH_REJECTED_FILES);
    assertThat(io.read(lake.table(Zone.OPS, "quality_gate")).filter(col("status").equalTo("FAILED")).count()).isZero();
    assertThat(io.read(lake.table(Zone.OPS, "data_quality")).filter(col("measure").equalTo("linkage_rate")).count()).isPositive();
    assertThat(first.check().orElseThrow().passed()).isTrue();
    // Every run is audited, beside ops.runs, with its outcome.
    assertThat(io.read(lake.table(Zone.OPS, "audit"))
            .filter(col("action").equalTo("nightly run").and(col("actor").equalTo("run " + first.runId()))
                .and(col("outcome").equalTo(first.outcome().name())))
            .count())
        .isEqualTo(1);
  }

  @Test
  @Order(2)
  void everyLandedFileReconcilesWithTheManifest() {
    Map<String, FileOutcome> byFile = new HashMap<>();
    first.ingest().orElseThrow().files().forEach(f -> byFile.put(f.borough() + "/" + f.fileName(), f));
    assertThat(byFile).hasSize(manifestOne.files().size());
    for (Manifest.FileEntry entry : manifestOne.files()) {
      FileOutcome outcome = byFile.get(entry.file());
      assertThat(outcome).as(entry.file()).isNotNull();
      assertThat(outcome.reconciles()).as(entry.file()).isTrue();
      if (entry.resentOf() != null) {
        // A resent copy is skipped; a header-only copy holds nothing to skip and simply loads no rows.
        assertThat(outcome.status()).as(entry.file())
            .isEqualTo(entry.rows() > 0 ? FileOutcome.Status.DUPLICATE : FileOutcome.Status.LOADED);
        assertThat(outcome.rowsRead()).isZero();
      } else if (entry.fileRejected()) {
        assertThat(outcome.status()).as(entry.file()).isEqualTo(FileOutcome.Status.REJECTED);
        assertThat(outcome.rowsQuarantined()).as(entry.file()).isEqualTo(entry.rows());
      } else {
        assertThat(outcome.status()).as(entry.file()).isEqualTo(FileOutcome.Status.LOADED);
        assertThat(outcome.rowsRead()).as(entry.file()).isEqualTo(entry.rows());
        assertThat(outcome.rowsLoaded()).as(entry.file()).isEqualTo(entry.expectedLoadedRows());
        assertThat(outcome.rowsQuarantined()).as(entry.file()).isEqualTo(entry.expectedQuarantinedRows());
      }
    }
  }

  @Test
  @Order(3)
  void everyDefectKindIsQuarantinedUnderItsRule() throws IOException {
    Map<String, Long> expected = new TreeMap<>();
    for (String line : Files.readAllLines(work.resolve("ground-truth").resolve(NIGHT_ONE.toString()).resolve("ground_truth.csv"))) {
      String[] fields = line.split(",", -1);
      String file = fields[2];
      if (fields[7].isEmpty() || fields[7].equals("expected_rule") || file.contains("__resent")) {
        continue;
      }
      String rule = switch (fields[7]) {
        case "truncated" -> "file.truncated";
        case "file" -> file.endsWith("gp_tpp_patients.csv") ? "file.encoding" : "file.header";
        default -> fields[7];
      };
      expected.merge(rule, 1L, Long::sum);
    }
    Map<String, Long> quarantined = new TreeMap<>();
    for (Row row : io.read(lake.quarantine())
        .filter(col("night").equalTo(java.sql.Date.valueOf(NIGHT_ONE)))
        .select(org.apache.spark.sql.functions.explode(col("_violations")).as("rule"))
        .groupBy("rule").count().collectAsList()) {
      quarantined.put(row.getString(0), row.getLong(1));
    }
    assertThat(quarantined).isEqualTo(expected);
    assertThat(quarantined.keySet()).contains(
        "file.encoding", "file.truncated", "snomed_code.snomed-ct-id");
    assertThat(quarantined.keySet()).as("an NHS number failing Modulus 11 loads, for linkage").doesNotContain("nhs_number.nhs-number");
    assertThat(quarantined.keySet()).anyMatch(rule -> rule.endsWith(".not-in-future"));
    assertThat(quarantined.keySet()).anyMatch(rule -> rule.endsWith(".not-before"));
    assertThat(quarantined.keySet()).anyMatch(rule -> rule.endsWith(".format"));
    Row quarantinedRow = io.read(lake.quarantine()).filter(col("_violations").getItem(0).equalTo("snomed_code.snomed-ct-id")).head();
    assertThat(quarantinedRow.<String>getAs("_raw")).isNotBlank();
    assertThat(quarantinedRow.<Long>getAs("_source_row")).isPositive();
  }

  @Test
  @Order(4)
  void exactDuplicateRowsAreRemovedInSilver() {
    long duplicates = manifestOne.files().stream().filter(f -> f.resentOf() == null && !f.fileRejected())
        .mapToLong(f -> f.defects().getOrDefault("duplicate_row", 0L)).sum();
    assertThat(duplicates).isPositive();
    long removed = first.silver().orElseThrow().feeds().stream().mapToLong(f -> f.exactDuplicates()).sum();
    assertThat(removed).isEqualTo(duplicates);
    for (String table : List.of("gp_event", "hospital_spell", "person")) {
      Dataset<Row> rows = io.read(lake.silver(table));
      String key = rows.columns()[0];
      assertThat(rows.count()).as(table).isEqualTo(rows.select(key).distinct().count());
    }
  }

  @Test
  @Order(5)
  void noIdentifierLeavesTheRestrictedZone() {
    Set<String> identifiers = new HashSet<>();
    Map<String, LocalDate> birthByPerson = new HashMap<>();
    for (String feed : List.of("gp_emis_patients", "gp_tpp_patients", "acute_apc", "acute_ecds", "acute_op", "mh_contacts",
        "community_contacts", "asc_services", "ooh_contacts")) {
      TableRef raw = lake.raw(feed);
      if (!io.exists(raw)) {
        continue;
      }
      Dataset<Row> rows = io.read(raw);
      for (String column : List.of("nhs_number", "given_name", "family_name", "postcode", "telephone", "address_line")) {
        if (List.of(rows.columns()).contains(column)) {
          rows.select(column).distinct().collectAsList().forEach(r -> {
            if (r.get(0) != null) {
              identifiers.add(r.getString(0));
            }
          });
        }
      }
    }
    for (Row row : personKeyed().select("person_key", "date_of_birth").collectAsList()) {
      if (row.get(1) != null) {
        birthByPerson.put(row.getString(0), (LocalDate) row.get(1));
      }
    }
    assertThat(identifiers).hasSizeGreaterThan(1000);
    identifiers.removeAll(Set.of("White", "Black", "Other", "Mixed", "Asian"));
    List<TableRef> published = new ArrayList<>(LakeTables.inZone(io, lake, Zone.SILVER));
    published.addAll(LakeTables.inZone(io, lake, Zone.GOLD));
    assertThat(published).hasSizeGreaterThanOrEqualTo(11);
    for (TableRef table : published) {
      Dataset<Row> rows = io.read(table);
      boolean hasPerson = List.of(rows.columns()).contains("person_key");
      for (StructField field : rows.schema().fields()) {
        if (field.dataType().equals(DataTypes.StringType)) {
          for (Row value : rows.select(field.name()).distinct().collectAsList()) {
            assertThat(identifiers).as(table + "." + field.name()).doesNotContain(value.getString(0));
          }
        }
        if (field.dataType().equals(DataTypes.DateType) && hasPerson) {
          long onBirthDay = 0;
          long total = 0;
          for (Row value : rows.select("person_key", field.name()).collectAsList()) {
            if (value.get(1) != null) {
              total++;
              if (value.get(1).equals(birthByPerson.get(value.getString(0)))) {
                onBirthDay++;
              }
            }
          }
          assertThat(onBirthDay).as(table + "." + field.name() + " dates equal to the person's date of birth").isLessThanOrEqualTo(total / 100);
        }
      }
    }
  }

  @Test
  @Order(6)
  void pseudonymsAreStableAcrossBoroughsAndChangeWithTheKey() {
    // Movers: one linked person whose records came from more than one borough gets one key.
    List<Row> movers = personKeyed().filter(col("nhs_usable"))
        .groupBy("person_id").agg(
            org.apache.spark.sql.functions.countDistinct("first_borough").as("boroughs"),
            org.apache.spark.sql.functions.countDistinct("person_key").as("keys"))
        .filter(col("boroughs").gt(1)).collectAsList();
    assertThat(movers).isNotEmpty();
    assertThat(movers).allSatisfy(row -> assertThat(row.getLong(2)).isEqualTo(1L));
    String person = movers.get(0).getString(0);
    org.carelake.spark.CareLakeFunctions.register(spark, PseudonymKey.fromHex("77".repeat(32)));
    String other = spark.sql("SELECT person_key('" + person + "')").head().getString(0);
    org.carelake.spark.CareLakeFunctions.register(spark, KEY);
    String same = spark.sql("SELECT person_key('" + person + "')").head().getString(0);
    Dataset<Row> silverKeys = io.read(lake.silver("person")).select("person_key")
        .union(io.read(lake.silver("gp_event")).select("person_key"));
    assertThat(silverKeys.filter(col("person_key").equalTo(same)).count()).isPositive();
    assertThat(silverKeys.filter(col("person_key").equalTo(other)).count()).isZero();
  }

  @Test
  @Order(6)
  void nearlyEveryLoadedRowReachesAPerson() {
    long pending = io.exists(lake.pendingLinkage()) ? io.read(lake.pendingLinkage()).count() : 0;
    long toSilver = first.silver().orElseThrow().feeds().stream().mapToLong(f -> f.rowsToSilver()).sum();
    assertThat(toSilver).isPositive();
    assertThat(pending).as("rows still waiting for a person").isLessThanOrEqualTo(toSilver / 50);
    Dataset<Row> links = io.read(lake.restricted("person_link"));
    assertThat(links.select("method").distinct().collectAsList().stream().map(r -> r.getString(0)).toList())
        .contains("founder", "nhs-number", "local-id", "probabilistic");
    assertThat(links.filter(col("method").equalTo("probabilistic").and(col("match_probability").isNotNull()))
        .filter(col("match_probability").lt(0.99)).count()).as("probabilistic links meet the link threshold").isZero();
  }

  /** Identity records with their person and that person's key under the test key. */
  private Dataset<Row> personKeyed() {
    org.carelake.spark.CareLakeFunctions.register(spark, KEY);
    return io.read(lake.restricted("identity")).join(io.read(lake.restricted("person_link")), "identity_id")
        .withColumn("person_key", org.apache.spark.sql.functions.callUDF("person_key", col("person_id")));
  }

  @Test
  @Order(7)
  void goldFollowsTheSmallNumberRuleAndRecordsItsInputs() {
    Dataset<Row> activity = io.read(lake.gold("monthly_activity"));
    assertThat(activity.count()).isPositive();
    for (Row row : activity.collectAsList()) {
      Long count = row.getAs("activity_count");
      Long population = row.getAs("registered_population");
      Double rate = row.getAs("rate_per_1000");
      for (Long value : new Long[] {count, population}) {
        if (value != null) {
          assertThat(value == 0 || (value >= 10 && value % 5 == 0)).as("published count " + value).isTrue();
        }
      }
      if (rate != null) {
        assertThat(count).isNotNull().isGreaterThanOrEqualTo(10);
        assertThat(population).isNotNull().isGreaterThanOrEqualTo(10);
        assertThat(rate).isCloseTo(count * 1000.0 / population, org.assertj.core.data.Offset.offset(0.05));
      }
    }
    assertThat(activity.filter(col("activity_count").isNull()).count()).as("some cells suppressed").isPositive();
    assertThat(activity.filter(col("activity_count").equalTo(0)).count()).as("zeros stay zero").isPositive();

    Row build = io.read(lake.builds()).filter(col("table_name").equalTo("gold.cohort_t2dm__demo")).head();
    Map<String, Long> inputs = scala.jdk.javaapi.CollectionConverters.asJava(build.<String, Long>getMap(build.fieldIndex("input_versions")));
    assertThat(inputs).containsOnlyKeys("silver.gp_event", "silver.person");
    Dataset<Row> cohort = io.read(lake.gold("cohort_t2dm__demo"));
    assertThat(cohort.count()).isPositive();
    assertThat(cohort.columns()).contains("patient_id", "index_date").doesNotContain("person_key");
    // Rebuilding from the recorded versions gives the same rows (carelake rebuild's component).
    GoldRebuild.Outcome rebuilt = rebuild(settings).rebuild("gold.cohort_t2dm__demo", Optional.empty());
    assertThat(rebuilt.identical()).as(rebuilt.toString()).isTrue();
    assertThat(rebuilt.publishedRows()).isEqualTo(cohort.count());
  }

  @Test
  @Order(8)
  void theSameNightTwiceChangesNothing() {
    Map<String, String> before = contents();
    Map<String, Long> versionsBefore = versions();
    NightlyResult again = run(NIGHT_ONE);
    // The night's rejected files are still the night's: a re-run (after a crash) exits as the first did.
    assertThat(again.outcome()).as(again.message()).isEqualTo(NightlyResult.Outcome.SUCCEEDED_WITH_REJECTED_FILES);
    assertThat(again.ingest().orElseThrow().files()).allSatisfy(f -> assertThat(f.status().earlier()).as(f.fileName()).isTrue())
        .anySatisfy(f -> assertThat(f.status()).isEqualTo(FileOutcome.Status.ALREADY_REJECTED));
    assertThat(contents()).isEqualTo(before);
    Map<String, Long> versionsAfter = versions();
    // The run itself is recorded: ops.runs and the audit trail gain a row, nothing else changes.
    for (String record : List.of("ops.runs", "ops.audit")) {
      versionsAfter.remove(record);
      versionsBefore.remove(record);
    }
    assertThat(versionsAfter).isEqualTo(versionsBefore);
  }

  @Test
  @Order(9)
  void aSecondNightAddsToTheFirstAndAFailedGateHoldsOnlyItsFeedBack() {
    long peopleBefore = io.read(lake.silver("person")).count();
    Map<String, Long> before = rowsByTableAndBorough();
    generate(NIGHT_TWO, ExtractKind.INCREMENT);
    run(NIGHT_TWO, settings, Stages.select(List.of("ingest", "link", "quality")));
    // A quarantine-share gate at the median of tonight's feeds: some boroughs' feeds fail, the rest pass.
    List<Double> shares = io.read(lake.table(Zone.OPS, "data_quality"))
        .filter(col("night").equalTo(java.sql.Date.valueOf(NIGHT_TWO)).and(col("measure").equalTo("quarantine_share")))
        .select("value").collectAsList().stream().map(r -> r.getDouble(0)).sorted().toList();
    double median = shares.get(shares.size() / 2);
    // The increment's borough feeds are a few rows each, so the share gates' minimum rows is lifted.
    Settings gated = settings.with("gates.max-quarantine-share", Double.toString(median)).with("gates.min-rows", "0");
    NightlyResult second = run(NIGHT_TWO, gated, Stages.select(List.of("quality", "silver", "gold", "check")));
    assertThat(second.outcome()).as(second.message()).isEqualTo(NightlyResult.Outcome.SUCCEEDED_WITH_HELD_FEEDS);
    assertThat(second.check().orElseThrow().passed()).isTrue();
    // The planning table follows the night: only the months and persons night two touched are
    // recomputed, and the result is the one a full build from the same inputs gives.
    // The measures, by person: their open periods recomputed, the settled ones corrected by the
    // persons whose rows night two changed.
    for (String table : List.of("gold.monthly_activity", "gold.monthly_activity_deprivation", "gold.measures")) {
      GoldTableOutcome activity = second.gold().orElseThrow().tables().stream()
          .filter(t -> t.table().equals(table)).findFirst().orElseThrow();
      assertThat(activity.refresh()).as("night two's " + table).startsWith("incremental:").doesNotContain(" 0 persons");
      GoldRebuild.Outcome full = rebuild(settings).rebuild(table, Optional.empty());
      assertThat(full.night()).isEqualTo(NIGHT_TWO);
      assertThat(full.identical()).as("night two's incremental build of " + table + " against a full build: " + full).isTrue();
    }
    // The condition register behind ltc_prevalence was kept by month (a replace of the months night
    // two touched, not an overwrite) and equals the register computed from every GP event.
    TableRef register = lake.silver("ltc_first_coded");
    Row last = io.delta(register).history(1).select("operationParameters").first();
    assertThat(last.<scala.collection.Map<String, String>>getAs(0).get("predicate").isDefined()).as("a replace of some months").isTrue();
    Dataset<Row> kept = io.read(register);
    Dataset<Row> inFull = org.carelake.gold.Registers.inFull(io, lake, TestLakes.SQL, "ltc_first_coded", NIGHT_TWO);
    assertThat(kept.count()).isPositive();
    assertThat(kept.exceptAll(inFull).count() + inFull.exceptAll(kept).count()).as("register rows differing from a full build").isZero();

    Map<String, String> singleFeedTargets = Map.of("acute_apc", "hospital_spell", "acute_ecds", "emergency_attendance",
        "mh_contacts", "mental_health_contact", "community_contacts", "community_contact", "asc_services", "social_care_service",
        "ooh_contacts", "ooh_contact");
    Map<String, Long> after = rowsByTableAndBorough();
    Set<String> held = new HashSet<>();
    for (Row gate : io.read(lake.table(Zone.OPS, "quality_gate"))
        .filter(col("night").equalTo(java.sql.Date.valueOf(NIGHT_TWO)).and(col("status").equalTo("FAILED")))
        .select("borough", "feed").collectAsList()) {
      String target = singleFeedTargets.get(gate.getString(1));
      if (target != null) {
        String key = target + "/" + gate.getString(0);
        held.add(key);
        assertThat(after.getOrDefault(key, 0L)).as("held back: " + key).isEqualTo(before.getOrDefault(key, 0L));
      }
    }
    assertThat(held).as("some single-feed borough feeds held back").isNotEmpty();
    long published = after.entrySet().stream().filter(e -> !held.contains(e.getKey()))
        .filter(e -> e.getValue() > before.getOrDefault(e.getKey(), 0L)).count();
    assertThat(published).as("borough feeds that passed their gates published").isPositive();
    assertThat(io.read(lake.silver("person")).count()).isGreaterThanOrEqualTo(peopleBefore);
    assertThat(io.read(lake.ledger()).select("night").distinct().count()).isEqualTo(2);
  }

  @Test
  @Order(10)
  void aPastBuildRebuildsIdenticallyAndAChangedDefinitionOrCodelistIsCaught() throws IOException {
    // Night one's planning table, rebuilt after night two has moved every input on.
    long nightOneVersion = io.read(lake.builds())
        .filter(col("table_name").equalTo("gold.monthly_activity").and(col("night").equalTo(java.sql.Date.valueOf(NIGHT_ONE))))
        .agg(org.apache.spark.sql.functions.max("table_version")).head().getLong(0);
    assertThat(io.version(lake.gold("monthly_activity")).orElseThrow()).isGreaterThan(nightOneVersion);
    GoldRebuild.Outcome past = rebuild(settings).rebuild("gold.monthly_activity", Optional.of(nightOneVersion));
    assertThat(past.night()).isEqualTo(NIGHT_ONE);
    assertThat(past.identical()).as(past.toString()).isTrue();
    assertThat(past.publishedRows()).isPositive();

    // The same lake against a copy of the definitions: a changed definition is reported, not compared.
    Path copy = Files.createTempDirectory(work, "definitions");
    for (String folder : List.of("sql", "codelists", "governance")) {
      SharedLakes.copyTree(TestLakes.SQL.resolveSibling(folder), copy.resolve(folder));
    }
    Settings copied = settings.withSqlDir(copy.resolve("sql"));
    Path activity = copy.resolve("sql/gold/monthly_activity.sql");
    String edited = read(activity).replace("sum(w.units) AS n", "sum(w.units * 1) AS n");
    assertThat(edited).as("the edit changes the definition").isNotEqualTo(read(activity));
    Files.writeString(activity, edited);
    GoldRebuild.Outcome changed = rebuild(copied).rebuild("gold.monthly_activity", Optional.of(nightOneVersion));
    assertThat(changed.sameDefinition()).isFalse();
    assertThat(changed.identical()).isFalse();
    assertThat(changed.onlyRebuilt()).as("not compared").isEqualTo(-1);

    // A codelist edited without its manifest is refused before anything is built.
    Files.writeString(activity, read(TestLakes.SQL.resolve("gold/monthly_activity.sql")));
    Path diabetes = copy.resolve("codelists/type-2-diabetes-snomed/v1.csv");
    Files.writeString(diabetes, read(diabetes) + "999999999999999,tampered\n");
    assertThatThrownBy(() -> rebuild(copied).rebuild("gold.monthly_activity", Optional.of(nightOneVersion)))
        .isInstanceOf(org.carelake.error.CareLakeException.class)
        .hasMessageContaining("type-2-diabetes-snomed");
  }

  private GoldRebuild rebuild(Settings with) {
    return new GoldRebuild(io, lake, with.sqlDir(), org.carelake.contract.ContractLoader.loadAll(with.contractsDir()),
        GoldStep.projects(with, KEY, NIGHT_ONE));
  }

  private Map<String, Long> rowsByTableAndBorough() {
    Map<String, Long> rows = new TreeMap<>();
    for (String table : List.of("hospital_spell", "emergency_attendance", "mental_health_contact", "community_contact",
        "social_care_service", "ooh_contact")) {
      for (Row row : io.read(lake.silver(table)).groupBy("borough_code").count().collectAsList()) {
        rows.put(table + "/" + row.getString(0), row.getLong(1));
      }
    }
    return rows;
  }

  private Map<String, String> contents() {
    Map<String, String> contents = new TreeMap<>();
    for (TableRef table : LakeTables.all(io, lake)) {
      if (table.equals(lake.runs()) || table.equals(lake.table(Zone.OPS, "audit"))) {
        continue;
      }
      Dataset<Row> rows = io.read(table);
      List<String> lines = new ArrayList<>();
      rows.collectAsList().forEach(row -> lines.add(row.toString()));
      lines.sort(null);
      contents.put(table.qualifiedName(), org.carelake.digest.Sha256.hex(String.join("\n", lines)) + " rows=" + lines.size());
    }
    return contents;
  }

  private Map<String, Long> versions() {
    Map<String, Long> versions = new TreeMap<>();
    for (TableRef table : LakeTables.all(io, lake)) {
      versions.put(table.qualifiedName(), io.version(table).orElseThrow());
    }
    return versions;
  }

  static String read(Path file) throws IOException {
    return Files.readString(file, StandardCharsets.UTF_8);
  }
}
