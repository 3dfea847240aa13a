package org.carelake.nightly;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.carelake.ingest.FileOutcome;
import org.carelake.lake.DeltaIo;
import org.carelake.lake.Lake;
import org.carelake.pseudonym.PseudonymKey;
import org.carelake.run.Settings;
import org.carelake.testing.SharedLakes;
import org.carelake.testing.TestSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A feed that no Java code names reaches silver from a contract and a mapping SQL file alone; a
 * file that matches no contract, and an empty file, are recorded as rejected while the rest loads.
 */
class NewFeedIT {
  static final LocalDate NIGHT = LocalDate.parse("2026-11-24");

  static final String CONTRACT =
      """
      apiVersion: v3.0.2
      kind: DataContract
      id: pharmacy_contacts
      name: Community pharmacy consultations
      version: 1.0.0
      status: active
      customProperties:
        - {property: carelake.source, value: pharmacy}
        - {property: carelake.silver-target, value: community_contact}
        - {property: carelake.file-patterns, value: "PharmOutcomes_*.csv, pharmacy-consultations-??.csv"}
      schema:
        - name: pharmacy_contacts
          properties:
            - {name: consultation_id, physicalName: ConsultationRef, logicalType: string, required: true, primaryKey: true, classification: administrative}
            - name: nhs_number
              physicalName: NHSNumber
              logicalType: string
              classification: direct-identifier
              logicalTypeOptions: {pattern: "^[0-9]{10}$"}
              quality: [{type: custom, engine: carelake, rule: nhs-number}]
            - name: date_of_birth
              physicalName: DOB
              logicalType: date
              required: true
              classification: direct-identifier
              logicalTypeOptions: {format: yyyy-MM-dd}
            - name: consulted_on
              physicalName: ConsultedOn
              logicalType: date
              required: true
              classification: clinical
              logicalTypeOptions: {format: yyyy-MM-dd}
              quality: [{type: custom, engine: carelake, rule: not-in-future}]
            - name: service
              physicalName: Service
              logicalType: string
              required: true
              classification: clinical
              quality: [{type: library, rule: validValues, validValues: [blood-pressure-check, contraception, minor-illness]}]
            - {name: pharmacy_code, physicalName: PharmacyODS, logicalType: string, required: true, classification: administrative}
      """;

  static final String MAPPING =
      """
      -- feed: pharmacy_contacts
      -- target: silver.community_contact
      -- purpose: Community pharmacy consultations as community contacts.
      SELECT
        record_key('pharmacy_contacts', s._borough, s.consultation_id) AS contact_key,
        s._person_key                                                 AS person_key,
        s.consulted_on                                                AS contact_date,
        concat('pharmacy-', s.service)                                AS service_type,
        true                                                          AS attended,
        age_years(s.date_of_birth, s.consulted_on)                    AS age_years,
        'U'                                                           AS sex,
        CAST(NULL AS STRING)                                          AS lsoa_code,
        s.pharmacy_code                                               AS provider_code,
        s._borough                                                    AS borough_code
      FROM source s
      """;

  @Test
  void aFeedAddedByContractAndSqlAloneReachesSilver(@TempDir Path work) throws IOException {
    Path contracts = work.resolve("contracts");
    Path sql = work.resolve("sql");
    SharedLakes.copyTree(Path.of("../../data-contracts"), contracts);
    SharedLakes.copyTree(Path.of("../../sql"), sql);
    Files.createDirectories(contracts.resolve("pharmacy"));
    Files.writeString(contracts.resolve("pharmacy/pharmacy_contacts.v1.yaml"), CONTRACT);
    Files.writeString(sql.resolve("silver/pharmacy_contacts.sql"), MAPPING);
    // A data engineer's slip in one feed's mapping: that feed is held back, the rest of the night goes on.
    Path brokenMapping = sql.resolve("silver/asc_services.sql");
    Files.writeString(brokenMapping, Files.readString(brokenMapping).replace("s.support_reason ", "s.support_reasons"));

    Path borough = work.resolve("landing").resolve(NIGHT.toString()).resolve("E08000003");
    Files.createDirectories(borough);
    // The supplier's own file name, declared by the contract's file-patterns (matched in any case).
    Files.writeString(borough.resolve("pharmoutcomes_20261124.csv"),
        "ConsultationRef,NHSNumber,DOB,ConsultedOn,Service,PharmacyODS\n"
            + "C1,9990000018,1960-04-02,2026-11-20,blood-pressure-check,FA001\n"
            + "C2,9990000026,1971-09-30,2026-11-21,minor-illness,FA001\n"
            + "C3,9990000034,1985-01-15,2099-01-01,contraception,FA002\n"
            + "C4,,1990-06-01,2026-11-22,minor-illness,FA002\n");
    Files.writeString(borough.resolve("mystery_extract.csv"), "a,b\n1,2\n");
    // A known feed as a tolerant reader takes it: columns in another order, a spaced NHS number, a
    // lower-case postcode without its space.
    Files.writeString(borough.resolve("asc_services.csv"),
        "LACode,ServiceType,PrimarySupportReason,ServiceID,ServiceEndDate,ServiceStartDate,Postcode,Gender,DateOfBirth,NHSNumber\n"
            + "E08000003,home-care,physical-support,AS00009001,,01/10/2026,bl14qt,2,14/03/1950,999 000 0069\n");
    Files.writeString(borough.resolve("ooh_contacts.csv"), "");
    // Two feeds' files byte for byte the same (one person on both opt-out lists, one mistyped
    // number on both): each file's rows count for its own feed when the check stage reconciles.
    String sameOptOuts = "NHSNumber\n9990000018\n9990000019\n";
    Files.writeString(borough.resolve("national_data_opt_out.csv"), sameOptOuts);
    Files.writeString(borough.resolve("type_1_opt_out.csv"), sameOptOuts);

    Settings settings = Settings.defaults()
        .withLakeRoot(work.resolve("lake").toString())
        .withLandingRoot(work.resolve("landing").toString())
        .withContractsDir(contracts)
        .withSqlDir(sql)
        .withShufflePartitions(2);
    DeltaIo io = new DeltaIo(TestSpark.session());
    NightlyResult result = new NightlyRun(io, settings, Optional.of(PseudonymKey.fromHex("3c".repeat(32))), NIGHT,
        Stages.select(List.of("ingest", "link", "silver", "check")), Optional.empty(), Optional.empty(), Progress.silent(), Clock.systemUTC()).run();

    Map<String, FileOutcome> files = result.ingest().orElseThrow().files().stream()
        .collect(Collectors.toMap(FileOutcome::fileName, f -> f));
    assertThat(files.get("pharmoutcomes_20261124.csv").feed()).isEqualTo("pharmacy_contacts");
    assertThat(files.get("pharmoutcomes_20261124.csv").status()).isEqualTo(FileOutcome.Status.LOADED);
    assertThat(files.get("pharmoutcomes_20261124.csv").rowsLoaded()).isEqualTo(3);
    assertThat(files.get("pharmoutcomes_20261124.csv").quarantinedByRule()).containsExactly(Map.entry("consulted_on.not-in-future", 1L));
    assertThat(files.get("asc_services.csv").status()).isEqualTo(FileOutcome.Status.LOADED);
    assertThat(files.get("asc_services.csv").rowsLoaded()).isEqualTo(1);
    assertThat(files.get("mystery_extract.csv").status()).isEqualTo(FileOutcome.Status.REJECTED);
    assertThat(files.get("mystery_extract.csv").reason().orElseThrow()).contains("no data contract");
    assertThat(files.get("ooh_contacts.csv").status()).isEqualTo(FileOutcome.Status.REJECTED);
    for (String optOuts : List.of("national_data_opt_out.csv", "type_1_opt_out.csv")) {
      assertThat(files.get(optOuts).rowsLoaded()).as(optOuts).isEqualTo(1);
      assertThat(files.get(optOuts).rowsQuarantined()).as(optOuts).isEqualTo(1);
    }
    // Held feeds outrank rejected files in the outcome (exit 4, not 3); the message says both.
    assertThat(result.outcome()).as(result.message()).isEqualTo(NightlyResult.Outcome.SUCCEEDED_WITH_HELD_FEEDS);
    assertThat(result.message()).doesNotContain("\n").contains("landed files were rejected")
        .contains("mapping " + brokenMapping).contains("support_reasons").contains("held back");
    Lake runs = new Lake(settings.lakeRoot());
    var run = io.read(runs.runs()).filter(col("run_id").equalTo(result.runId())).select("outcome", "message").collectAsList();
    assertThat(run).as("the run is recorded with its reason").hasSize(1);
    assertThat(run.get(0).getString(0)).isEqualTo("SUCCEEDED_WITH_HELD_FEEDS");
    assertThat(run.get(0).getString(1)).contains("asc_services.sql");
    assertThat(io.read(runs.silver("social_care_service")).count()).as("the held feed's row is not in silver").isZero();
    // The file no contract matched is in the ledger, and the check stage reconciles the night around it.
    assertThat(result.check().orElseThrow().failures()).isEmpty();
    assertThat(result.check().orElseThrow().filesReconciled()).isGreaterThanOrEqualTo(5);

    Lake lake = new Lake(settings.lakeRoot());
    var service = io.read(lake.raw("asc_services")).filter(col("service_id").equalTo("AS00009001"))
        .select("nhs_number", "postcode", "service_type", "la_code").collectAsList();
    assertThat(service).hasSize(1);
    assertThat(List.of(service.get(0).getString(0), service.get(0).getString(1), service.get(0).getString(2), service.get(0).getString(3)))
        .as("normalised and in the contract's columns").containsExactly("9990000069", "BL1 4QT", "home-care", "E08000003");
    var contacts = io.read(lake.silver("community_contact")).filter(col("service_type").startsWith("pharmacy-"));
    assertThat(contacts.count()).isEqualTo(2);
    assertThat(contacts.select("provider_code").distinct().head().getString(0)).isEqualTo("FA001");
    assertThat(io.read(lake.pendingLinkage()).filter(col("feed").equalTo("pharmacy_contacts")).count()).isEqualTo(1);
  }

  static final String APPOINTMENTS_CONTRACT =
      """
      apiVersion: v3.0.2
      kind: DataContract
      id: gp_emis_appointments
      name: GP appointments (EMIS-like), local patient id only
      version: 1.0.0
      status: active
      customProperties:
        - {property: carelake.source, value: gp}
        - {property: carelake.silver-target, value: gp_event}
        - {property: carelake.patient-id, value: patient_id}
        - {property: carelake.patient-id-namespace, value: gp-emis}
      schema:
        - name: gp_emis_appointments
          properties:
            - {name: appointment_id, physicalName: AppointmentGuid, logicalType: string, required: true, primaryKey: true, classification: administrative}
            - {name: patient_id, physicalName: PatientGuid, logicalType: string, required: true, classification: administrative}
            - name: appointment_date
              physicalName: AppointmentDate
              logicalType: date
              required: true
              classification: clinical
              logicalTypeOptions: {format: dd/MM/yyyy}
            - {name: practice_code, physicalName: PracticeCode, logicalType: string, required: true, classification: administrative}
      """;

  static final String APPOINTMENTS_MAPPING =
      """
      -- feed: gp_emis_appointments
      -- target: silver.gp_event
      -- purpose: GP appointments as events; the person comes through the practice system's patient id.
      SELECT
        record_key('gp_emis_appointments', s._borough, s.appointment_id) AS event_key,
        s._person_key                                                   AS person_key,
        s.appointment_date                                              AS event_date,
        'appointment'                                                   AS code_system,
        'attended'                                                      AS code,
        CAST(NULL AS DOUBLE)                                            AS value,
        CAST(NULL AS STRING)                                            AS units,
        s.practice_code                                                 AS practice_code,
        s._borough                                                      AS borough_code,
        'EMIS'                                                          AS gp_system
      FROM source s
      """;

  @Test
  void aFeedWithOnlyALocalPatientIdReachesSilverThroughItsPatientRecords(@TempDir Path work) throws IOException {
    Path contracts = work.resolve("contracts");
    Path sql = work.resolve("sql");
    SharedLakes.copyTree(Path.of("../../data-contracts"), contracts);
    SharedLakes.copyTree(Path.of("../../sql"), sql);
    Files.writeString(contracts.resolve("gp/gp_emis_appointments.v1.yaml"), APPOINTMENTS_CONTRACT);
    Files.writeString(sql.resolve("silver/gp_emis_appointments.sql"), APPOINTMENTS_MAPPING);
    Path borough = work.resolve("landing").resolve(NIGHT.toString()).resolve("E08000001");
    Files.createDirectories(borough);
    // Two registered patients (the project's own valid example rows) and three appointments, one for an unknown patient.
    Files.copy(Path.of("../../data-contracts/gp/examples/gp_emis_patients/valid.csv"), borough.resolve("gp_emis_patients.csv"));
    List<String> patients = Files.readAllLines(borough.resolve("gp_emis_patients.csv")).subList(1, 3).stream()
        .map(line -> line.substring(0, line.indexOf(','))).toList();
    Files.writeString(borough.resolve("gp_emis_appointments.csv"),
        "AppointmentGuid,PatientGuid,AppointmentDate,PracticeCode\n"
            + "A1," + patients.get(0) + ",20/11/2026,P82000\n"
            + "A2," + patients.get(1) + ",21/11/2026,P82001\n"
            + "A3,0000AAAA-0000-4000-A000-000000000000,21/11/2026,P82001\n");
    Settings settings = Settings.defaults()
        .withLakeRoot(work.resolve("lake").toString())
        .withLandingRoot(work.resolve("landing").toString())
        .withContractsDir(contracts)
        .withSqlDir(sql)
        .withShufflePartitions(2);
    DeltaIo io = new DeltaIo(TestSpark.session());
    PseudonymKey key = PseudonymKey.fromHex("3d".repeat(32));
    NightlyResult result = new NightlyRun(io, settings, Optional.of(key), NIGHT,
        Stages.select(List.of("ingest", "link", "silver")), Optional.empty(), Optional.empty(), Progress.silent(),
        Clock.systemUTC()).run();
    assertThat(result.outcome()).as(result.message()).isEqualTo(NightlyResult.Outcome.SUCCEEDED);

    Lake lake = new Lake(settings.lakeRoot());
    var appointments = io.read(lake.silver("gp_event")).filter(col("code_system").equalTo("appointment"));
    assertThat(appointments.count()).isEqualTo(2);
    var registered = io.read(lake.silver("person")).select("person_key");
    assertThat(appointments.select("person_key").except(registered).count()).as("appointments carry the patients' keys").isZero();
    assertThat(appointments.select("person_key").distinct().count()).isEqualTo(2);
    assertThat(io.read(lake.pendingLinkage()).filter(col("feed").equalTo("gp_emis_appointments")).count()).isEqualTo(1);
    var methods = io.read(lake.restricted("person_link")).groupBy("method").count().collectAsList().stream()
        .map(r -> r.getString(0)).toList();
    assertThat(methods).contains("local-id");
  }
}
