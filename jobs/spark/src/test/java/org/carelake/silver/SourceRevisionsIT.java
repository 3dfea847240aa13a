package org.carelake.silver;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.carelake.lake.DeltaIo;
import org.carelake.lake.Lake;
import org.carelake.nightly.NightlyResult;
import org.carelake.nightly.NightlyRun;
import org.carelake.nightly.Progress;
import org.carelake.nightly.Stages;
import org.carelake.pseudonym.PersonKeys;
import org.carelake.pseudonym.PseudonymKey;
import org.carelake.run.Settings;
import org.carelake.synthetic.DefectRates;
import org.carelake.synthetic.ExtractKind;
import org.carelake.synthetic.GeneratorSettings;
import org.carelake.synthetic.Manifest;
import org.carelake.synthetic.Revision;
import org.carelake.synthetic.RevisionRates;
import org.carelake.synthetic.SyntheticLanding;
import org.carelake.testing.TestLakes;
import org.carelake.testing.TestSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nights as sources send them: a later night re-sends an event with changed content (the newest
 * wins), re-sends another flagged deleted (it leaves silver), and sends a late event from weeks
 * before (it joins silver like any other). The project's own valid example rows, all synthetic;
 * then the generator's own increment, checked against its ground truth.
 */
class SourceRevisionsIT {
  private static final LocalDate FIRST = LocalDate.parse("2026-11-23");
  private static final LocalDate SECOND = FIRST.plusDays(1);
  private static final String HEADER =
      "CodedEventGuid,PatientGuid,NHSNumber,EffectiveDate,SnomedCTConceptId,NumericValue,NumericUnit,PracticeCode,Deleted\n";
  private static final String WEIGHT = "5E1F000B-1007-400B-A007-000C0FFEE0B7,5E1F0001-1001-4001-A001-000C0FFEE011,9990000085,04/11/2025,27113001,";
  private static final String PRESSURE = "5E1F000C-1007-400C-A007-000C0FFEE0C7,5E1F0002-1001-4002-A001-000C0FFEE021,9990000158,05/11/2025,271649006,";

  @Test
  void aCorrectionReplacesADeletionRemovesAndALateEventJoins(@TempDir Path work) throws IOException {
    Path borough = work.resolve("landing").resolve(FIRST.toString()).resolve("E08000001");
    Files.createDirectories(borough);
    Files.copy(Path.of("../../data-contracts/gp/examples/gp_emis_patients/valid.csv"), borough.resolve("gp_emis_patients.csv"));
    Files.writeString(borough.resolve("gp_emis_events.csv"), HEADER
        + "5E1F000A-1007-400A-A007-000C0FFEE0A7,5E1F0000-1001-4000-A001-000C0FFEE001,9990000018,03/11/2025,38341003,,,P82000,false\n"
        + WEIGHT + "82.4,kg,P82001,\n"
        + PRESSURE + "138,mm[Hg],P82002,\n"
        // sent for the first time already deleted: never reaches silver
        + "5E1F000E-1007-400E-A007-000C0FFEE0E7,5E1F0004-1001-4004-A001-000C0FFEE041,9990000298,07/11/2025,999791000000106,52,mmol/mol,P82004,true\n");
    Path next = work.resolve("landing").resolve(SECOND.toString()).resolve("E08000001");
    Files.createDirectories(next);
    Files.writeString(next.resolve("gp_emis_events.csv"), HEADER
        + WEIGHT + "80.1,kg,P82001,\n"                      // correction: same event id, new value
        + PRESSURE + "138,mm[Hg],P82002,true\n"              // deletion
        + "5E1F000F-1007-400F-A007-000C0FFEE0F7,5E1F0000-1001-4000-A001-000C0FFEE001,9990000018,20/10/2026,38341003,,,P82000,\n");

    Settings settings = TestLakes.settings(work);
    DeltaIo io = new DeltaIo(TestSpark.session());
    PseudonymKey key = PseudonymKey.fromHex("5a".repeat(32));
    Lake lake = new Lake(settings.lakeRoot());

    NightlyResult first = run(io, settings, key, FIRST);
    Dataset<Row> afterFirst = events(io, lake);
    assertThat(afterFirst.count()).as(first.message()).isEqualTo(3);
    assertThat(afterFirst.filter(col("code").equalTo("999791000000106")).count()).isZero();
    assertThat(outcome(first).deletions()).isEqualTo(1);

    NightlyResult second = run(io, settings, key, SECOND);
    Dataset<Row> afterSecond = events(io, lake);
    assertThat(afterSecond.count()).as(second.message()).isEqualTo(3);
    assertThat(afterSecond.filter(col("code").equalTo("27113001")).select("value").as(org.apache.spark.sql.Encoders.DOUBLE())
        .collectAsList()).containsExactly(80.1);
    assertThat(afterSecond.filter(col("code").equalTo("271649006")).count()).isZero();
    assertThat(afterSecond.filter(col("event_date").equalTo(java.sql.Date.valueOf("2026-10-20"))).count()).isEqualTo(1);
    assertThat(outcome(second).deletions()).isEqualTo(1);
    assertThat(outcome(second).rowsToSilver()).isEqualTo(2);

    // the same night again changes nothing
    long version = io.version(lake.silver("gp_event")).orElseThrow();
    run(io, settings, key, SECOND);
    assertThat(io.version(lake.silver("gp_event")).orElseThrow()).isEqualTo(version);
  }

  /**
   * One file sending two versions of one event (a source correcting within its extract), an exact
   * copy of another row and an event dated before its patient's birth: the contract's default
   * rule, last-row-wins, keeps the later version; the earlier is counted as superseded, the copy
   * as a duplicate; the early event waits in pending linkage with its reason (the GP contracts
   * hold such rows); the quality stage measures both for the borough.
   */
  @Test
  void twoVersionsOfOneRecordTheLaterStandsAndAnEventBeforeBirthWaitsBothMeasured(@TempDir Path work) throws IOException {
    Path borough = work.resolve("landing").resolve(FIRST.toString()).resolve("E08000001");
    Files.createDirectories(borough);
    Files.copy(Path.of("../../data-contracts/gp/examples/gp_emis_patients/valid.csv"), borough.resolve("gp_emis_patients.csv"));
    Files.writeString(borough.resolve("gp_emis_events.csv"), HEADER
        + "5E1F000A-1007-400A-A007-000C0FFEE0A7,5E1F0000-1001-4000-A001-000C0FFEE001,9990000018,03/11/2025,38341003,,,P82000,false\n"
        + WEIGHT + "82.4,kg,P82001,\n"
        + PRESSURE + "138,mm[Hg],P82002,\n"
        + WEIGHT + "82.9,kg,P82001,\n"
        + PRESSURE + "138,mm[Hg],P82002,\n"
        // dated before the patient's birth in 1950: the contract holds them (carelake.before-birth: hold)
        + "5E1F0010-1007-4010-A007-000C0FFEE107,5E1F0000-1001-4000-A001-000C0FFEE001,9990000018,03/11/1949,38341003,,,P82000,\n"
        + "5E1F0011-1007-4011-A007-000C0FFEE117,5E1F0000-1001-4000-A001-000C0FFEE001,9990000018,03/11/1947,38341003,,,P82000,\n");
    Settings settings = TestLakes.settings(work);
    DeltaIo io = new DeltaIo(TestSpark.session());
    Lake lake = new Lake(settings.lakeRoot());
    NightlyResult night = new NightlyRun(io, settings, Optional.of(PseudonymKey.fromHex("5a".repeat(32))), FIRST,
        Stages.select(List.of("ingest", "link", "quality", "silver")), Optional.empty(), Optional.empty(), Progress.silent(),
        Clock.systemUTC()).run();

    assertThat(events(io, lake).filter(col("code").equalTo("27113001")).select("value")
        .as(org.apache.spark.sql.Encoders.DOUBLE()).collectAsList()).as(night.message()).containsExactly(82.9);
    assertThat(events(io, lake).count()).isEqualTo(3);
    FeedSilverOutcome outcome = outcome(night);
    assertThat(List.of(outcome.rowsIn(), outcome.exactDuplicates(), outcome.superseded(), outcome.rowsToSilver(),
        outcome.pendingLinkage(), outcome.beforeBirth())).containsExactly(7L, 1L, 1L, 3L, 2L, 2L);
    assertThat(io.read(lake.pendingLinkage()).filter(col("feed").equalTo("gp_emis_events")).select("source_row", "reason")
        .orderBy("source_row").collectAsList()).satisfiesExactly(
            row -> assertThat(row.getLong(0)).isEqualTo(6),
            row -> assertThat(row.getLong(0)).isEqualTo(7)).allSatisfy(row ->
                assertThat(row.getString(1)).contains("before the linked person's earliest known date of birth"));
    // 7 rows loaded; 6 different rows under 5 keys: one version beyond the first; two rows of 7 before birth
    Dataset<Row> quality = io.read(lake.table(org.carelake.lake.Zone.OPS, "data_quality"))
        .filter("borough = 'E08000001' AND feed = 'gp_emis_events'");
    assertThat(quality.filter("measure = 'conflicting_key_share'").select("value").as(org.apache.spark.sql.Encoders.DOUBLE())
        .collectAsList()).containsExactly(1.0 / 7);
    assertThat(quality.filter("measure = 'event_before_birth_share'").select("value").as(org.apache.spark.sql.Encoders.DOUBLE())
        .collectAsList()).containsExactly(2.0 / 7);

    // The next night the practice corrects the patient's date of birth to 1948: the event of 1949 is
    // no longer before the person's earliest known birth and reaches silver; the one of 1947 still waits.
    Path next = work.resolve("landing").resolve(SECOND.toString()).resolve("E08000001");
    Files.createDirectories(next);
    List<String> patients = Files.readAllLines(Path.of("../../data-contracts/gp/examples/gp_emis_patients/valid.csv"));
    Files.writeString(next.resolve("gp_emis_patients.csv"),
        patients.get(0) + "\n" + patients.get(1).replace("14/03/1950", "14/03/1948") + "\n");
    NightlyResult corrected = run(io, settings, PseudonymKey.fromHex("5a".repeat(32)), SECOND);
    assertThat(events(io, lake).filter(col("event_date").equalTo(java.sql.Date.valueOf("1949-11-03"))).count())
        .as(corrected.message()).isEqualTo(1);
    assertThat(events(io, lake).count()).isEqualTo(4);
    assertThat(io.read(lake.pendingLinkage()).filter(col("feed").equalTo("gp_emis_events")).select("night", "source_row")
        .collectAsList()).singleElement().satisfies(row -> {
          assertThat(row.getLocalDate(0)).isEqualTo(FIRST);
          assertThat(row.getLong(1)).isEqualTo(7);
        });
  }

  /** Under first-row-wins the earlier of two versions stands; rows of other keys, boroughs or nights are never compared. */
  @Test
  void firstRowWinsKeepsTheEarlierVersion() {
    org.carelake.contract.Contract lastWins =
        org.carelake.contract.ContractLoader.load(Path.of("../../data-contracts/gp/gp_emis_events.v1.yaml"));
    org.carelake.contract.Contract firstWins = org.carelake.contract.ContractLoader.parse(lastWins.text().replace(
        "customProperties:\n", "customProperties:\n  - {property: carelake.duplicate-keys, value: first-row-wins}\n"), "inline");
    org.apache.spark.sql.types.StructType schema = org.apache.spark.sql.types.StructType.fromDDL(
        "_borough STRING, night DATE, event_id STRING, _source_file STRING, _source_row BIGINT, tag STRING");
    java.sql.Date first = java.sql.Date.valueOf(FIRST);
    java.sql.Date second = java.sql.Date.valueOf(SECOND);
    Dataset<Row> rows = TestSpark.session().createDataFrame(List.of(
        org.apache.spark.sql.RowFactory.create("B1", first, "e1", "a.csv", 2L, "e1 early"),
        org.apache.spark.sql.RowFactory.create("B1", first, "e1", "a.csv", 9L, "e1 late"),
        org.apache.spark.sql.RowFactory.create("B1", first, "e1", "b.csv", 1L, "e1 later file"),
        org.apache.spark.sql.RowFactory.create("B2", first, "e1", "a.csv", 3L, "e1 other borough"),
        org.apache.spark.sql.RowFactory.create("B1", second, "e1", "a.csv", 1L, "e1 other night"),
        org.apache.spark.sql.RowFactory.create("B1", first, "e2", "a.csv", 5L, "e2")), schema);
    assertThat(standing(SilverStage.markSuperseded(rows, firstWins)))
        .containsExactlyInAnyOrder("e1 early", "e1 other borough", "e1 other night", "e2");
    assertThat(standing(SilverStage.markSuperseded(rows, lastWins)))
        .containsExactlyInAnyOrder("e1 later file", "e1 other borough", "e1 other night", "e2");
  }

  private static List<String> standing(Dataset<Row> marked) {
    return marked.filter(col("_superseded").equalTo(false)).select("tag").as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
  }

  /** Silver table and key of each activity feed. */
  private static final java.util.Map<String, String[]> SILVER = java.util.Map.ofEntries(
      java.util.Map.entry("gp_emis_events", new String[] {"gp_event", "event_key"}),
      java.util.Map.entry("gp_tpp_events", new String[] {"gp_event", "event_key"}),
      java.util.Map.entry("gp_emis_medications", new String[] {"medication", "medication_key"}),
      java.util.Map.entry("gp_tpp_medications", new String[] {"medication", "medication_key"}),
      java.util.Map.entry("acute_apc", new String[] {"hospital_spell", "spell_key"}),
      java.util.Map.entry("acute_ecds", new String[] {"emergency_attendance", "attendance_key"}),
      java.util.Map.entry("acute_op", new String[] {"outpatient_appointment", "appointment_key"}),
      java.util.Map.entry("mh_contacts", new String[] {"mental_health_contact", "contact_key"}),
      java.util.Map.entry("community_contacts", new String[] {"community_contact", "contact_key"}),
      java.util.Map.entry("asc_services", new String[] {"social_care_service", "service_key"}),
      java.util.Map.entry("ooh_contacts", new String[] {"ooh_contact", "case_key"}));

  /**
   * A tiny generated lake (300 people, a year of history, no defects) and the generator's next
   * night with raised revision rates, through ingest, link and silver for one borough (the
   * smallest whose increment holds every kind of revision, to keep the test quick): every
   * correction ground truth names replaces the record the first night loaded (GP events: with the
   * corrected value or date), every deletion removes one, and every late record joins.
   */
  @Test
  void aGeneratedIncrementsCorrectionsDeletionsAndLateRecordsReachSilverAsGroundTruthSays(@TempDir Path work) throws IOException {
    GeneratorSettings generator = new GeneratorSettings(FIRST, 300, 7, DefectRates.none(), ExtractKind.INITIAL, 1)
        .withRevisions(RevisionRates.testPreset());
    Manifest initial = new SyntheticLanding(generator).generate(work.resolve("landing"), work.resolve("truth"));
    Manifest increment = new SyntheticLanding(generator.withExtract(ExtractKind.INCREMENT).withNight(SECOND))
        .generate(work.resolve("landing"), work.resolve("truth"));
    java.util.Map<String, Long> rowsByBorough = new java.util.TreeMap<>();
    initial.files().forEach(f -> rowsByBorough.merge(f.borough(), f.rows(), Long::sum));
    String borough = rowsByBorough.keySet().stream()
        .filter(b -> java.util.Arrays.stream(Revision.values()).allMatch(kind -> increment.filesFor(b).stream()
            .filter(f -> f.resentOf() == null && !f.fileRejected()).mapToLong(f -> f.revisions(kind)).sum() > 0))
        .min(java.util.Comparator.comparing(rowsByBorough::get)).orElseThrow();
    List<String[]> revised = new java.util.ArrayList<>(); // feed, borough, file, row, id, revision
    for (String line : Files.readAllLines(work.resolve("truth").resolve(SECOND.toString()).resolve("ground_truth.csv"))) {
      String[] f = line.split(",", -1);
      if (f[1].equals(borough) && !f[10].isEmpty() && f[7].isEmpty()) { // loads: not in a file rejected whole
        revised.add(new String[] {f[0], f[1], f[2], f[3], f[4], f[10]});
      }
    }
    java.util.Map<String, Long> byKind = new java.util.TreeMap<>();
    revised.forEach(r -> byKind.merge(r[5], 1L, Long::sum));
    assertThat(byKind).as("the increment's loadable revisions").containsOnlyKeys("corrected", "deleted", "late");

    Settings settings = TestLakes.settings(work);
    DeltaIo io = new DeltaIo(TestSpark.session());
    PseudonymKey key = PseudonymKey.fromHex("5b".repeat(32));
    PersonKeys keys = new PersonKeys(key);
    Lake lake = new Lake(settings.lakeRoot());
    NightlyResult first = run(io, settings, key, FIRST, Optional.of(borough));
    java.util.Set<String> afterFirst = present(io, lake, keys, revised);
    // A consultation may code the same thing twice (same date, code and value): silver keeps one
    // key of the two and records the other here; revising that other one is still a revision.
    java.util.Set<String> collapsed = new java.util.HashSet<>(io.read(lake.restricted("duplicate_event")).select("dropped_key")
        .as(org.apache.spark.sql.Encoders.STRING()).collectAsList());
    long firstVersion = io.version(lake.silver("gp_event")).orElseThrow();
    List<Row> beforeSecond = io.read(lake.silver("gp_event")).collectAsList();
    NightlyResult second = run(io, settings, key, SECOND, Optional.of(borough));
    java.util.Set<String> afterSecond = present(io, lake, keys, revised);
    assertRewritesOnlyTheMonthsItTouched(io, lake, keys, firstVersion, beforeSecond);

    org.assertj.core.api.SoftAssertions soft = new org.assertj.core.api.SoftAssertions();
    int gpCorrections = 0;
    int removed = 0;
    for (String[] r : revised) {
      String recordKey = keys.recordKey(r[0], r[1], r[4]);
      String what = r[5] + " " + r[0] + " " + r[2] + " row " + r[3];
      switch (r[5]) {
        case "late" -> {
          soft.assertThat(afterFirst).as(what + " absent after the first night").doesNotContain(recordKey);
          soft.assertThat(afterSecond).as(what + " " + second.message()).contains(recordKey);
        }
        case "deleted" -> {
          soft.assertThat(afterFirst.contains(recordKey) || collapsed.contains(recordKey))
              .as(what + " loaded on the first night (or collapsed into its twin) " + first.message()).isTrue();
          soft.assertThat(afterSecond).as(what + " removed").doesNotContain(recordKey);
          removed += afterFirst.contains(recordKey) ? 1 : 0;
        }
        default -> {
          soft.assertThat(afterFirst.contains(recordKey) || collapsed.contains(recordKey))
              .as(what + " loaded on the first night (or collapsed into its twin) " + first.message()).isTrue();
          soft.assertThat(afterSecond).as(what + " still there").contains(recordKey);
          if (r[0].endsWith("_events")) {
            gpCorrections++;
            List<String> row = java.util.Arrays.asList(Files.readAllLines(work.resolve("landing").resolve(SECOND.toString()).resolve(r[2]))
                .get(Integer.parseInt(r[3])).split(",", -1));
            Row silver = io.read(lake.silver("gp_event")).filter(col("event_key").equalTo(recordKey))
                .selectExpr("CAST(event_date AS STRING)", "value").head();
            java.time.format.DateTimeFormatter layout = java.time.format.DateTimeFormatter.ofPattern(
                r[0].equals("gp_emis_events") ? "dd/MM/yyyy" : "yyyyMMdd");
            soft.assertThat(LocalDate.parse(silver.getString(0))).as(what + " corrected date").isEqualTo(LocalDate.parse(row.get(3), layout));
            soft.assertThat(silver.isNullAt(1) ? null : silver.getDouble(1)).as(what + " corrected value")
                .isEqualTo(row.get(5).isEmpty() ? null : Double.valueOf(row.get(5)));
          }
        }
      }
    }
    soft.assertAll();
    assertThat(gpCorrections).as("GP event corrections checked field by field").isPositive();
    assertThat(removed).as("deletions of records silver held").isPositive();
  }

  /**
   * A night's cost follows the night: silver.gp_event is partitioned by activity month, and the
   * second night's commits removed (rewrote) only files of months it touched — the months of the
   * events it sent, where they were and where they are now, and of any row whose content changed
   * (a re-linked person) — never the whole table. Read from the Delta log's remove actions.
   */
  private static void assertRewritesOnlyTheMonthsItTouched(DeltaIo io, Lake lake, PersonKeys keys, long firstVersion, List<Row> before)
      throws IOException {
    java.util.Set<String> sent = new java.util.HashSet<>();
    for (String feed : List.of("gp_emis_events", "gp_tpp_events")) {
      if (io.exists(lake.raw(feed))) {
        io.read(lake.raw(feed)).filter(col("night").equalTo(org.apache.spark.sql.functions.lit(java.sql.Date.valueOf(SECOND))))
            .select("_borough", "event_id").collectAsList()
            .forEach(r -> sent.add(keys.recordKey(feed, r.getString(0), r.getString(1))));
      }
    }
    assertThat(sent).as("events the second night sent").isNotEmpty();
    List<Row> after = io.read(lake.silver("gp_event")).collectAsList();
    java.util.Set<Row> unchanged = new java.util.HashSet<>(before);
    unchanged.retainAll(new java.util.HashSet<>(after));
    java.util.Set<String> touched = new java.util.TreeSet<>();
    java.util.Set<String> allMonths = new java.util.TreeSet<>();
    for (List<Row> rows : List.of(before, after)) {
      for (Row row : rows) {
        String month = String.valueOf(row.<Object>getAs("activity_month"));
        allMonths.add(month);
        if (sent.contains(row.<String>getAs("event_key")) || !unchanged.contains(row)) {
          touched.add(month);
        }
      }
    }
    java.util.Set<String> removed = new java.util.TreeSet<>();
    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    long last = io.version(lake.silver("gp_event")).orElseThrow();
    for (long v = firstVersion + 1; v <= last; v++) {
      for (String line : Files.readAllLines(Path.of(lake.silver("gp_event").path(), "_delta_log", String.format("%020d.json", v)))) {
        com.fasterxml.jackson.databind.JsonNode action = json.readTree(line);
        if (action.has("remove")) {
          removed.add(action.get("remove").path("partitionValues").path("activity_month").asText());
        }
      }
    }
    assertThat(removed).as("months whose files the second night rewrote (corrections and deletions were sent)").isNotEmpty();
    assertThat(touched).as("months the second night touched").containsAll(removed);
    assertThat(removed.size()).as("months rewritten, of the %d the table holds", allMonths.size()).isLessThan(allMonths.size() / 2);
  }

  /** The record keys of {@code revised} that silver holds, over every table the revised feeds reach. */
  private static java.util.Set<String> present(DeltaIo io, Lake lake, PersonKeys keys, List<String[]> revised) {
    java.util.Map<String, List<Object>> byTable = new java.util.TreeMap<>();
    for (String[] r : revised) {
      String[] target = SILVER.get(r[0]);
      byTable.computeIfAbsent(target[0] + "." + target[1], k -> new java.util.ArrayList<>()).add(keys.recordKey(r[0], r[1], r[4]));
    }
    java.util.Set<String> present = new java.util.HashSet<>();
    byTable.forEach((table, wanted) -> {
      String[] target = table.split("\\.");
      io.read(lake.silver(target[0])).filter(col(target[1]).isin(wanted.toArray())).select(target[1])
          .as(org.apache.spark.sql.Encoders.STRING()).collectAsList().forEach(present::add);
    });
    return present;
  }

  private static NightlyResult run(DeltaIo io, Settings settings, PseudonymKey key, LocalDate night) {
    return run(io, settings, key, night, Optional.empty());
  }

  private static NightlyResult run(DeltaIo io, Settings settings, PseudonymKey key, LocalDate night, Optional<String> borough) {
    return new NightlyRun(io, settings, Optional.of(key), night, Stages.select(List.of("ingest", "link", "silver")),
        borough, Optional.empty(), Progress.silent(), Clock.systemUTC()).run();
  }

  private static Dataset<Row> events(DeltaIo io, Lake lake) {
    return io.read(lake.silver("gp_event")).filter(col("borough_code").equalTo("E08000001"));
  }

  private static FeedSilverOutcome outcome(NightlyResult result) {
    return result.silver().orElseThrow().feeds().stream().filter(f -> f.feed().equals("gp_emis_events")).findFirst().orElseThrow();
  }
}
