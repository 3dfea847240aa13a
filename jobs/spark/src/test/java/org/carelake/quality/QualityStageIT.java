package org.carelake.quality;

import org.carelake.run.QualityGates;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.carelake.contract.Contract;
import org.carelake.contract.ContractLoader;
import org.carelake.ingest.IngestStage;
import org.carelake.ingest.LandingZone;
import org.carelake.lake.DeltaIo;
import org.carelake.lake.Lake;
import org.carelake.lake.TableDefinitions;
import org.carelake.lake.TableRef;
import org.carelake.lake.Zone;
import org.carelake.link.IdentityColumns;
import org.carelake.testing.SharedLakes;
import org.carelake.testing.TestSpark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The quality stage on a feed no Java names: tiny landed files of two boroughs (and one of the
 * night before, which must not count) run through the real ingest stage, person links written by
 * hand, then the night measured and gated. Borough E08000001
 * is clean; E08000002 quarantines half its rows and links half of the rest, so its feed is held
 * back while the other publishes.
 */
class QualityStageIT {
  static final LocalDate NIGHT = LocalDate.parse("2026-11-24");
  static final Path SQL = Path.of("../../sql");
  static final String A = "E08000001";
  static final String B = "E08000002";
  /** The default gates, with the share gates' minimum rows lifted: the crafted feeds are a few rows each. */
  static final QualityGates SMALL_FEEDS = QualityGates.defaults().with("gates.min-rows", "0");
  static final String FEED = "clinic_visits";

  static final Contract CONTRACT = ContractLoader.parse("""
      apiVersion: v3.0.2
      kind: DataContract
      id: clinic_visits
      name: Clinic visits
      version: 1.0.0
      status: active
      customProperties:
        - {property: carelake.source, value: clinic}
        - {property: carelake.silver-target, value: community_contact}
      schema:
        - name: clinic_visits
          properties:
            - {name: visit_id, physicalName: VisitId, logicalType: string, required: true, primaryKey: true, classification: administrative}
            - name: nhs_number
              physicalName: NhsNumber
              logicalType: string
              classification: direct-identifier
              logicalTypeOptions: {pattern: "^[0-9]{10}$"}
              quality: [{type: custom, engine: carelake, rule: nhs-number, severity: warning}]
            - {name: date_of_birth, physicalName: DOB, logicalType: date, required: true, classification: direct-identifier, logicalTypeOptions: {format: yyyy-MM-dd}}
            - name: visit_date
              physicalName: VisitDate
              logicalType: date
              required: true
              classification: clinical
              logicalTypeOptions: {format: yyyy-MM-dd}
              quality: [{type: custom, engine: carelake, rule: not-in-future}]
            - {name: clinic_code, physicalName: Clinic, logicalType: string, classification: administrative}
      """, "clinic_visits.v1.yaml");

  /**
   * E08000001: ten rows, one quarantined (a visit in the future); of the nine loaded one has an NHS
   * number failing Modulus 11, one has none, two share a visit id, three have no clinic. Visits lie
   * 1, 1, 1, 2, 2, 3, 5, 8 and 20 days before the night.
   */
  static final String CLEAN = """
      VisitId,NhsNumber,DOB,VisitDate,Clinic
      V01,9990000018,1950-01-01,2026-11-23,C1
      V02,9990000019,1951-02-02,2026-11-23,C1
      V03,,1952-03-03,2026-11-23,C1
      V04,9990000042,1953-04-04,2026-11-22,C2
      V05,9990000050,1954-05-05,2026-11-22,C2
      V06,9990000069,1955-06-06,2026-11-21,C2
      V07,9990000077,1956-07-07,2026-11-19,
      V08,9990000085,1957-08-08,2026-11-16,
      V08,9990000093,1958-09-09,2026-11-04,
      V10,9990000107,1959-10-10,2099-01-01,C3
      """;

  /** E08000002: four rows, one visit in the future and one without a date of birth. */
  static final String TROUBLED = """
      VisitId,NhsNumber,DOB,VisitDate,Clinic
      W1,9990000115,1960-01-01,2026-11-20,C9
      W2,9990000123,1961-01-01,2026-11-20,C9
      W3,9990000131,1962-01-01,2099-01-01,C9
      W4,9990000158,,2026-11-20,C9
      """;

  /** The night before: rows that must not count tonight. */
  static final String EARLIER = """
      VisitId,NhsNumber,DOB,VisitDate,Clinic
      X1,,1970-01-01,2026-11-20,
      X2,,1971-01-01,2099-01-01,
      """;

  static final SparkSession spark = TestSpark.session();
  static final DeltaIo io = new DeltaIo(spark);

  /** The lake after ingest and linking, built once; each test works on its own copy. */
  @TempDir static Path ingestedOnce;

  @BeforeAll
  static void ingestAndLink() throws IOException {
    land(ingestedOnce, NIGHT.minusDays(1), A, EARLIER);
    land(ingestedOnce, NIGHT, A, CLEAN);
    land(ingestedOnce, NIGHT, B, TROUBLED);
    Lake lake = new Lake(ingestedOnce.resolve("lake").toString());
    for (LocalDate night : List.of(NIGHT.minusDays(1), NIGHT)) {
      new IngestStage(io, lake,
          new LandingZone(ingestedOnce.resolve("landing").toString(), spark.sparkContext().hadoopConfiguration()),
          List.of(CONTRACT), night, "ingest-" + night, Instant.parse("2026-11-25T02:00:00Z"), Optional.empty(), Optional.empty())
          .run();
    }
    link(lake, Map.of(
        "V01", link("nhs-number", null), "V02", link("nhs-number", null), "V03", link("nhs-number", null),
        "V04", link("nhs-number", null), "V05", link("nhs-number", null), "V06", link("probabilistic", 0.9995),
        "V07", link("probabilistic", 0.9991), "V08", link("probabilistic", 0.995), "X1", link("founder", null),
        "W1", link("nhs-number", null)));
  }

  @Test
  void measuresEachBoroughsFeedAndHoldsBackOnlyTheOneFailingItsGates(@TempDir Path work) throws IOException {
    Lake lake = ingested(work);
    QualityResult result = stage(lake, SMALL_FEEDS, "run-1").run();

    Map<String, Double> measures = measures(lake);
    assertThat(measures).containsAllEntriesOf(Map.ofEntries(
        Map.entry(A + " rows_read", 10.0),
        Map.entry(A + " loaded_share", 0.9),
        Map.entry(A + " quarantine_share", 0.1),
        Map.entry(A + " quarantine_rate.visit_date.not-in-future", 0.1),
        Map.entry(A + " warning_share", 1.0 / 9),
        Map.entry(A + " warning_rate.nhs_number.nhs-number", 1.0 / 9),
        Map.entry(A + " completeness.visit_id", 1.0),
        Map.entry(A + " completeness.nhs_number", 8.0 / 9),
        Map.entry(A + " completeness.clinic_code", 6.0 / 9),
        Map.entry(A + " duplicate_key_share", 1.0 / 9),
        Map.entry(A + " care_date_lag_days.p50", 2.0),
        Map.entry(A + " linkage_rate", 1.0),
        Map.entry(A + " probabilistic_link_share", 4.0 / 9),
        Map.entry(A + " match_probability.at_least_0.999", 0.5),
        Map.entry(A + " match_probability.0.99_to_0.999", 0.25),
        Map.entry(A + " match_probability.below_0.99", 0.0),
        Map.entry(A + " match_probability.unscored", 0.25),
        Map.entry(B + " rows_read", 4.0),
        Map.entry(B + " quarantine_share", 0.5),
        Map.entry(B + " quarantine_rate.visit_date.not-in-future", 0.25),
        Map.entry(B + " quarantine_rate.date_of_birth.required", 0.25),
        Map.entry(B + " linkage_rate", 0.5)));
    // Sorted lags 1, 1, 1, 2, 2, 3, 5, 8, 20: the 90th percentile lies 0.2 of the way from 8 to 20.
    assertThat(measures.get(A + " care_date_lag_days.p90")).isCloseTo(10.4, within(1e-9));
    assertThat(measures).hasSize(result.measuresWritten());

    assertThat(gates(lake)).containsExactly(
        A + " max-quarantine-share PASSED 0.1 0.1",
        A + " min-linkage-rate PASSED 1.0 0.9",
        B + " max-quarantine-share FAILED 0.5 0.1",
        B + " min-linkage-rate FAILED 0.5 0.9");
    assertThat(result.failedGates()).containsExactly(
        B + " clinic_visits max-quarantine-share: measured 0.5, threshold 0.1",
        B + " clinic_visits min-linkage-rate: measured 0.5, threshold 0.9");
    assertThat(result.gateFailure()).as("a held-back feed does not fail the night").isEmpty();
    assertNoIdentifierIn(lake);
  }

  @Test
  void reRunningANightWritesNothingNewAndAChangeReplacesTheNightsRows(@TempDir Path work) throws IOException {
    Lake lake = ingested(work);
    QualityResult first = stage(lake, SMALL_FEEDS, "run-1").run();
    QualityResult again = stage(lake, SMALL_FEEDS, "run-2").run();
    assertThat(again.unchanged()).isTrue();
    assertThat(again.tableVersions()).isEqualTo(first.tableVersions());

    QualityResult stricter = stage(lake, new QualityGates(0.05, 0.5, 0.9, 0.05, 3, 7, 92, 0), "run-3").run();
    assertThat(stricter.unchanged()).isFalse();
    assertThat(gates(lake)).contains(A + " max-quarantine-share FAILED 0.1 0.05").hasSize(4);
    assertThat(io.read(table(lake, "quality_gate")).select("run_id").distinct().collectAsList())
        .extracting(row -> row.getString(0)).containsExactly("run-3");
    assertThat(measures(lake)).hasSize(first.measuresWritten());
  }

  @Test
  void aFeedReadingFarBelowItsEarlierNightsFailsTheVolumeGateOnceThreeNightsExist(@TempDir Path work) throws IOException {
    Lake lake = ingested(work);
    new TableDefinitions(SQL, Zone.OPS).create(spark, table(lake, "data_quality"));
    List<Row> history = new ArrayList<>();
    for (int daysBefore = 1; daysBefore <= 7; daysBefore++) {
      history.add(earlier(daysBefore, A, "rows_read", 40));
      history.add(earlier(daysBefore, A, "linkage_rate", 1.0));
    }
    history.add(earlier(8, A, "rows_read", 1000)); // the eighth most recent night: beyond the seven averaged
    history.add(earlier(1, B, "rows_read", 4));
    history.add(earlier(2, B, "rows_read", 4));
    io.append(spark.createDataFrame(history, io.read(table(lake, "data_quality")).schema()), table(lake, "data_quality"),
        List.of(), "history");

    QualityResult result = stage(lake, SMALL_FEEDS, "run-1").run();

    Row rowsRead = io.read(table(lake, "data_quality"))
        .filter(col("night").equalTo(lit(java.sql.Date.valueOf(NIGHT))).and(col("borough").equalTo(A))
            .and(col("measure").equalTo("rows_read")))
        .select("value", "previous_average", "previous_nights").head();
    assertThat(rowsRead.getDouble(1)).isEqualTo(40.0);
    assertThat(rowsRead.getInt(2)).isEqualTo(7);
    assertThat(gates(lake)).contains(
        A + " min-volume-ratio FAILED 0.25 0.5",
        A + " max-linkage-drop PASSED 0.0 0.05");
    assertThat(gates(lake)).as("two earlier nights are too few to judge volume")
        .noneMatch(gate -> gate.startsWith(B + " min-volume-ratio"));
    assertThat(result.failedGates()).contains(A + " clinic_visits min-volume-ratio: measured 0.25, threshold 0.5");
  }

  // --- fixtures ---

  private static QualityStage stage(Lake lake, QualityGates gates, String runId) {
    return new QualityStage(io, lake, List.of(CONTRACT), SQL, gates, NIGHT, runId);
  }

  /** A copy of the ingested and linked lake (Delta tables are folders: a copy is a lake). */
  private static Lake ingested(Path work) throws IOException {
    Path from = ingestedOnce.resolve("lake");
    Path to = work.resolve("lake");
    SharedLakes.copyTree(from, to);
    return new Lake(to.toString());
  }

  private static void land(Path work, LocalDate night, String borough, String csv) throws IOException {
    Path folder = work.resolve("landing").resolve(night.toString()).resolve(borough);
    Files.createDirectories(folder);
    Files.writeString(folder.resolve(FEED + ".csv"), csv);
  }

  private static Object[] link(String method, Double probability) {
    return new Object[] {method, probability};
  }

  /**
   * Person links for the identity records of the named visits' rows, derived as the link stage
   * does. The second row with visit id V08 carries its own identity, linked with no score.
   */
  private static void link(Lake lake, Map<String, Object[]> byVisit) {
    TableRef personLink = lake.restricted("person_link");
    new TableDefinitions(SQL, Zone.RESTRICTED).create(spark, personLink);
    Dataset<Row> raw = IdentityColumns.of(CONTRACT).orElseThrow().withIdentityId(io.read(lake.raw(FEED)));
    Map<String, Row> links = new HashMap<>();
    for (Row row : raw.select("visit_id", "nhs_number", "_identity_id").collectAsList()) {
      Object[] how = byVisit.get(row.getString(0));
      if ("9990000093".equals(row.getString(1))) {
        how = link("probabilistic", null);
      }
      if (how != null) {
        links.put(row.getString(2), RowFactory.create(row.getString(2), "person-" + row.getString(0), how[0], how[1],
            how[1] == null ? null : 12.5, null, "spec", NIGHT, "link-run"));
      }
    }
    io.append(spark.createDataFrame(new ArrayList<>(links.values()), io.read(personLink).schema()), personLink, List.of(), "links");
  }

  private static Row earlier(int daysBefore, String borough, String measure, double value) {
    return RowFactory.create(NIGHT.minusDays(daysBefore), borough, FEED, "completeness", measure, value, null, 0, "seeded",
        "earlier-run");
  }

  private static TableRef table(Lake lake, String name) {
    return lake.table(Zone.OPS, name);
  }

  private static Map<String, Double> measures(Lake lake) {
    Map<String, Double> measures = new TreeMap<>();
    for (Row row : io.read(table(lake, "data_quality")).filter(col("night").equalTo(lit(java.sql.Date.valueOf(NIGHT))))
        .select("borough", "feed", "measure", "value").collectAsList()) {
      assertThat(row.getString(1)).isEqualTo(FEED);
      measures.put(row.getString(0) + " " + row.getString(2), row.getDouble(3));
    }
    return measures;
  }

  private static List<String> gates(Lake lake) {
    return io.read(table(lake, "quality_gate")).filter(col("night").equalTo(lit(java.sql.Date.valueOf(NIGHT))))
        .orderBy("borough", "gate").collectAsList().stream()
        .map(r -> r.getAs("borough") + " " + r.getAs("gate") + " " + r.getAs("status") + " " + r.getAs("measured") + " "
            + r.getAs("threshold"))
        .toList();
  }

  /** No NHS number, date of birth or visit id of the landed files appears in either ops table. */
  private static void assertNoIdentifierIn(Lake lake) {
    List<String> text = new ArrayList<>();
    for (String name : List.of("data_quality", "quality_gate")) {
      io.read(table(lake, name)).collectAsList().forEach(row -> text.add(row.mkString("|")));
    }
    for (String csv : List.of(CLEAN, TROUBLED)) {
      for (String line : csv.lines().skip(1).toList()) {
        String[] fields = line.split(",", -1);
        for (String value : List.of(fields[0], fields[1], fields[2])) {
          if (!value.isEmpty()) {
            assertThat(text).noneMatch(t -> t.contains(value));
          }
        }
      }
    }
  }
}
