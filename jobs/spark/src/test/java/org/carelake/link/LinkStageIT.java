package org.carelake.link;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.carelake.lake.DeltaIo;
import org.carelake.lake.Lake;
import org.carelake.nightly.NightlyResult;
import org.carelake.nightly.NightlyRun;
import org.carelake.nightly.Progress;
import org.carelake.nightly.Stages;
import org.carelake.pseudonym.PseudonymKey;
import org.carelake.run.LinkageSettings;
import org.carelake.run.Settings;
import org.carelake.spark.CareLakeFunctions;
import org.carelake.testing.SharedLakes;
import org.carelake.testing.TestLakes;
import org.carelake.testing.TestSpark;
import org.carelake.trace.RecordTrace;
import org.carelake.trace.TraceReport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The link stage on hand-made nights, through the real ingest, link and silver stages on Delta
 * tables: deterministic links, an uncertain pair sent to clerical review, a LINK decision merging
 * two persons and a NO_LINK splitting them again — with silver following each — keys stable across
 * nights, each kind of duplicate activity collapsed, and the trace of a quarantined, a linked and a
 * merged row. The tests share one lake and run in order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LinkStageIT {
  static final LocalDate NIGHT_ONE = LocalDate.parse("2026-11-20");
  static final LocalDate NIGHT_TWO = LocalDate.parse("2026-11-21");
  static final LocalDate NIGHT_THREE = LocalDate.parse("2026-11-22");
  static final PseudonymKey KEY = PseudonymKey.fromHex("4b".repeat(32));
  static final String BOROUGH = "E08000001";
  // Synthetic NHS numbers of the never-issued 999 range, all passing Modulus 11.
  static final String NHS_A = "9990000018";
  static final String NHS_B = "9990000026";
  static final String PATIENT_A = "5E1F0000-1001-4000-A001-000C0FFEE001";
  static final String PATIENT_B = "5E1F0001-1001-4001-A001-000C0FFEE011";

  Path work;
  SparkSession spark;
  DeltaIo io;
  Lake lake;
  Settings settings;
  String keyOfB;

  @BeforeAll
  void nightOne() throws IOException {
    work = SharedLakes.scratch("carelake-link-it");
    spark = TestSpark.session();
    io = new DeltaIo(spark);
    settings = TestLakes.settings(work)
        // A wide review band, so the uncertain pair below lands in it whatever the term frequencies.
        .withLinkage(new LinkageSettings(0.99999, 0.5, 1000));
    lake = new Lake(settings.lakeRoot());
    land(NIGHT_ONE, "gp_emis_patients.csv",
        "PatientGuid,NHSNumber,Forenames,Surname,DateOfBirth,Sex,EthnicCategory,AddressLine1,Postcode,HomePhone,PracticeCode,RegistrationDate,DeregistrationDate",
        PATIENT_A + "," + NHS_A + ",Alpha,Testperson,14/03/1950,F,A,1 Example Street,M1 1AA,,P82000,01/04/2005,",
        PATIENT_B + "," + NHS_B + ",Bravo,Fakename,02/11/1972,M,J,22 Sample Road,M14 5RS,,P82001,01/05/2005,");
    land(NIGHT_ONE, "asc_services.csv",
        "ServiceID,NHSNumber,DateOfBirth,Gender,Postcode,ServiceStartDate,ServiceEndDate,ServiceType,PrimarySupportReason,LACode",
        // no NHS number: date of birth, sex and postcode agree with A, nothing else to go on -> review
        "AS00000001,,14/03/1950,2,M1 1AA,01/10/2026,,home-care,physical-support,E08000001",
        // A's number, agreeing -> linked deterministically
        "AS00000002," + NHS_A + ",14/03/1950,2,M1 1AA,02/10/2026,,day-care,physical-support,E08000001",
        // an exact duplicate row, and the same service re-sent under a new id
        "AS00000002," + NHS_A + ",14/03/1950,2,M1 1AA,02/10/2026,,day-care,physical-support,E08000001",
        "AS00000003," + NHS_A + ",14/03/1950,2,M1 1AA,02/10/2026,,day-care,physical-support,E08000001",
        // a start date in the future: quarantined
        "AS00000004," + NHS_B + ",02/11/1972,1,M14 5RS,01/01/2099,,home-care,physical-support,E08000001");
    // One blood pressure reading recorded by both GP systems (a record transferred between practices).
    land(NIGHT_ONE, "gp_emis_events.csv",
        "CodedEventGuid,PatientGuid,NHSNumber,EffectiveDate,SnomedCTConceptId,NumericValue,NumericUnit,PracticeCode",
        "5E1F000A-1007-400A-A007-000C0FFEE0A7," + PATIENT_A + "," + NHS_A + ",03/11/2026,271649006,128,mm[Hg],P82000");
    land(NIGHT_ONE, "gp_tpp_events.csv",
        "event_id,patient_id,nhs_no,date_recorded,code,numeric_value,units,practice_ods",
        "7000000001,500000101," + NHS_A + ",20261103,271649006,128,mm[Hg],P83000");
    NightlyResult result = run(NIGHT_ONE, "ingest", "link", "silver");
    assertThat(result.outcome()).as(result.message()).isNotEqualTo(NightlyResult.Outcome.FAILED);
    keyOfB = personKeyOf(NHS_B);
  }

  @Test
  @Order(1)
  void recordsWithAnAgreeingNumberLinkDeterministically() {
    Row linked = linkOfService("AS00000002");
    assertThat(linked.<String>getAs("method")).isEqualTo("nhs-number");
    assertThat(linked.<String>getAs("person_id")).isEqualTo(personOf(NHS_A));
    assertThat(linked.<String>getAs("rule_version")).isEqualTo(Assignments.RULE_NHS);
    // The local patient id ties GP events to the patient's person; the TPP event links by its number.
    assertThat(io.read(lake.silver("gp_event")).select("person_key").distinct().collectAsList())
        .extracting(r -> r.getString(0)).containsExactly(personKeyOf(NHS_A));
  }

  @Test
  @Order(2)
  void anUncertainPairGoesToClericalReviewInsteadOfBeingGuessed() {
    Row uncertain = linkOfService("AS00000001");
    assertThat(uncertain.<String>getAs("person_id")).as("a person of its own for now").isNotEqualTo(personOf(NHS_A));
    List<ClericalReview.Pair> pairs = new ClericalReview(io, lake).list("PENDING", 10, false);
    assertThat(pairs).hasSize(1);
    ClericalReview.Pair pair = pairs.get(0);
    assertThat(pair.identityId()).isEqualTo(uncertain.<String>getAs("identity_id"));
    assertThat(pair.candidatePersonId()).isEqualTo(personOf(NHS_A));
    assertThat(pair.probability()).isBetween(0.5, 0.99999);
    assertThat(pair.drivers()).contains("date_of_birth=exact").doesNotContain("1950").doesNotContain("M1 1AA");
  }

  @Test
  @Order(3)
  void eachKindOfDuplicateActivityIsCollapsedAndRecorded() {
    Dataset<Row> services = io.read(lake.silver("social_care_service"));
    assertThat(services.count()).as("one row per service: exact copy dropped, re-keyed copy collapsed").isEqualTo(2);
    Dataset<Row> collapsed = io.read(lake.restricted("duplicate_event"));
    assertThat(collapsed.select("silver_table").collectAsList()).extracting(r -> r.getString(0))
        .containsExactlyInAnyOrder("social_care_service", "gp_event");
    assertThat(io.read(lake.silver("gp_event")).count()).as("one reading, recorded by two systems").isEqualTo(1);
  }

  @Test
  @Order(4)
  void aClericalLinkMergesThePersonsAndSilverFollowsTheSameNight() throws IOException {
    String pairId = new ClericalReview(io, lake).list("PENDING", 10, false).get(0).pairId();
    String before = linkOfService("AS00000001").getAs("person_id");
    new ClericalReview(io, lake).decide(pairId.substring(0, 12), true, "tester", Instant.parse("2026-11-21T09:00:00Z"));
    land(NIGHT_TWO, "gp_emis_patients.csv",
        "PatientGuid,NHSNumber,Forenames,Surname,DateOfBirth,Sex,EthnicCategory,AddressLine1,Postcode,HomePhone,PracticeCode,RegistrationDate,DeregistrationDate",
        PATIENT_B + "," + NHS_B + ",Bravo,Fakename,02/11/1972,M,J,22 Sample Road,M14 5RS,,P82001,01/05/2005,");
    NightlyResult result = run(NIGHT_TWO, "ingest", "link", "silver", "gold");
    assertThat(result.outcome()).as(result.message()).isNotEqualTo(NightlyResult.Outcome.FAILED);
    LinkResult link = result.result(LinkResult.class).orElseThrow();
    assertThat(link.merges()).isEqualTo(1);

    assertThat(linkOfService("AS00000001").<String>getAs("person_id")).isEqualTo(personOf(NHS_A));
    Row event = io.read(lake.restricted("link_event")).filter(col("kind").equalTo("MERGE")).head();
    assertThat(event.<String>getAs("person_id")).isEqualTo(personOf(NHS_A));
    assertThat(event.<String>getAs("other_person_id")).isEqualTo(before);
    assertThat(serviceKeys()).as("silver re-keyed the merged person's rows").containsOnly(personKeyOf(NHS_A));
    assertThat(personKeyOf(NHS_B)).as("a person's key is stable from night to night").isEqualTo(keyOfB);
    assertThat(io.read(lake.restricted("clerical_review")).filter(col("applied_night").isNotNull()).count()).isEqualTo(1);
    // Gold was rebuilt the same night from the re-keyed silver table.
    Row build = io.read(lake.builds()).filter(col("table_name").equalTo("gold.monthly_activity").and(col("night").equalTo(
        java.sql.Date.valueOf(NIGHT_TWO)))).head();
    java.util.Map<String, Long> inputs =
        scala.jdk.javaapi.CollectionConverters.asJava(build.<String, Long>getMap(build.fieldIndex("input_versions")));
    assertThat(inputs.get("silver.social_care_service")).isEqualTo(io.version(lake.silver("social_care_service")).getAsLong());
  }

  @Test
  @Order(5)
  void theTraceFollowsAQuarantinedALinkedAndAMergedRow() {
    CareLakeFunctions.register(spark, KEY);
    RecordTrace trace = new RecordTrace(io, lake, org.carelake.contract.ContractLoader.loadAll(settings.contractsDir()),
        settings.sqlDir());
    TraceReport quarantined = trace.trace(Optional.of(NIGHT_ONE), BOROUGH, "asc_services.csv", 5, false);
    assertThat(quarantined.line("row").orElseThrow()).contains("quarantined").contains("service_start.not-in-future");
    // As in a fresh process (carelake trace): the silver stage's postcode lookup view is not there.
    spark.catalog().dropTempView("postcode_lsoa");
    TraceReport linked = trace.trace(Optional.of(NIGHT_ONE), BOROUGH, "asc_services.csv", 2, false);
    assertThat(linked.line("person").orElseThrow()).contains("nhs-number");
    assertThat(linked.line("duplicates").orElseThrow()).contains("one of 2 identical rows");
    assertThat(linked.line("silver").orElseThrow()).contains("silver.social_care_service");
    TraceReport merged = trace.trace(Optional.of(NIGHT_ONE), BOROUGH, "asc_services.csv", 1, false);
    assertThat(merged.lines()).anyMatch(l -> l.label().equals("event") && l.text().contains("MERGE"));
    assertThat(merged.lines()).anyMatch(l -> l.label().equals("review") && l.text().contains("LINK"));
    assertThat(merged.render()).doesNotContain(NHS_A).doesNotContain("1950").doesNotContain("M1 1AA");
    TraceReport shown = trace.trace(Optional.of(NIGHT_ONE), BOROUGH, "asc_services.csv", 2, true);
    assertThat(shown.render()).contains(NHS_A);
  }

  @Test
  @Order(6)
  void aClericalNoLinkSplitsTheRecordOutAndSilverFollows() throws IOException {
    String pairId = new ClericalReview(io, lake).list("ALL", 10, false).get(0).pairId();
    new ClericalReview(io, lake).decide(pairId.substring(0, 12), false, "tester", Instant.parse("2026-11-22T09:00:00Z"));
    land(NIGHT_THREE, "gp_emis_patients.csv",
        "PatientGuid,NHSNumber,Forenames,Surname,DateOfBirth,Sex,EthnicCategory,AddressLine1,Postcode,HomePhone,PracticeCode,RegistrationDate,DeregistrationDate",
        PATIENT_B + "," + NHS_B + ",Bravo,Fakename,02/11/1972,M,J,23 Sample Road,M14 5RS,,P82001,01/05/2005,");
    NightlyResult result = run(NIGHT_THREE, "ingest", "link", "silver");
    assertThat(result.outcome()).as(result.message()).isNotEqualTo(NightlyResult.Outcome.FAILED);
    assertThat(result.result(LinkResult.class).orElseThrow().splits()).isEqualTo(1);
    Row split = linkOfService("AS00000001");
    assertThat(split.<String>getAs("person_id")).isEqualTo(split.<String>getAs("identity_id"));
    assertThat(io.read(lake.restricted("link_event")).filter(col("kind").equalTo("SPLIT")).count()).isEqualTo(1);
    assertThat(serviceKeys()).hasSize(2).contains(personKeyOf(NHS_A));
    // The refused pair is never linked again.
    NightlyResult again = run(NIGHT_THREE, "link", "silver");
    assertThat(again.result(LinkResult.class).orElseThrow().linked()).isZero();
    assertThat(linkOfService("AS00000001").<String>getAs("person_id")).isEqualTo(split.<String>getAs("person_id"));
  }

  private NightlyResult run(LocalDate night, String... stages) {
    return new NightlyRun(io, settings, Optional.of(KEY), night, Stages.select(List.of(stages)), Optional.empty(),
        Optional.empty(), Progress.silent(), Clock.fixed(Instant.parse("2026-11-25T02:00:00Z").plusSeconds(night.toEpochDay()),
            ZoneOffset.UTC)).run();
  }

  private void land(LocalDate night, String file, String... lines) throws IOException {
    Path folder = work.resolve("landing").resolve(night.toString()).resolve(BOROUGH);
    Files.createDirectories(folder);
    Files.writeString(folder.resolve(file), String.join("\n", lines) + "\n");
  }

  /** The person_link row of the social care record with this service id (via its raw row's identity). */
  private Row linkOfService(String serviceId) {
    Dataset<Row> raw = io.read(lake.raw("asc_services")).filter(col("service_id").equalTo(serviceId)).limit(1);
    var contract = org.carelake.contract.ContractLoader.loadAll(settings.contractsDir()).stream()
        .filter(c -> c.id().equals("asc_services")).findFirst().orElseThrow();
    String identity = IdentityColumns.of(contract).orElseThrow().withIdentityId(raw).select("_identity_id").head().getString(0);
    return io.read(lake.restricted("person_link")).filter(col("identity_id").equalTo(identity)).head();
  }

  private String personOf(String nhs) {
    return io.read(lake.restricted("identity")).filter(col("nhs_number").equalTo(nhs).and(col("given_name").isNotNull()))
        .join(io.read(lake.restricted("person_link")), "identity_id").select("person_id").head().getString(0);
  }

  private String personKeyOf(String nhs) {
    CareLakeFunctions.register(spark, KEY);
    return spark.sql("SELECT person_key('" + personOf(nhs) + "')").head().getString(0);
  }

  private List<String> serviceKeys() {
    return io.read(lake.silver("social_care_service")).select("person_key").distinct().collectAsList().stream()
        .map(r -> r.getString(0)).toList();
  }
}
