package org.carelake.quality;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.carelake.contract.Contract;
import org.carelake.contract.ContractLoader;
import org.carelake.access.ProjectOutputs;
import org.carelake.gold.GoldResult;
import org.carelake.gold.GoldStage;
import org.carelake.gold.GoldTableOutcome;
import org.carelake.lake.DeltaIo;
import org.carelake.pseudonym.PseudonymKey;
import org.carelake.lake.Lake;
import org.carelake.lake.TableRef;
import org.carelake.testing.TestSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The identifier-leak gate hunts what the contracts classify as direct identifiers, not a list in
 * Java: a crafted feed's reference column no Java names is hunted once its contract calls it a
 * direct identifier, and not while it calls it administrative. Values are planted in spaced and
 * lower-case forms. All values are synthetic (NHS numbers in the never-issued 999 range).
 */
class IdentifierLeakGateIT {
  static final LocalDate NIGHT = LocalDate.parse("2026-11-24");
  static final SparkSession spark = TestSpark.session();
  static final DeltaIo io = new DeltaIo(spark);
  static final PseudonymKey KEY = PseudonymKey.fromHex("3c".repeat(32));

  static Contract clinic(String referenceClass) {
    return ContractLoader.parse("""
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
              - {name: nhs_number, physicalName: NhsNumber, logicalType: string, classification: direct-identifier}
              - {name: date_of_birth, physicalName: DOB, logicalType: date, classification: direct-identifier, logicalTypeOptions: {format: yyyy-MM-dd}}
              - {name: given_name, physicalName: Given, logicalType: string, classification: direct-identifier}
              - {name: postcode, physicalName: Postcode, logicalType: string, classification: direct-identifier}
              - {name: telephone, physicalName: Phone, logicalType: string, classification: direct-identifier}
              - {name: travel_document, physicalName: TravelDoc, logicalType: string, classification: %s}
        """.formatted(referenceClass), "clinic_visits.v1.yaml");
  }

  @Test
  void aColumnNewlyClassifiedAsADirectIdentifierIsHuntedInNormalisedForm(@TempDir Path work) {
    Lake lake = lakeWithRawVisits(work);
    silverNote(lake, "zz 900 001 a");
    assertThat(gate(lake, clinic("direct-identifier")))
        .containsExactly("identifier leak: silver.community_contact.note holds 1 values of columns the contracts classify"
            + " as direct identifiers (NHS numbers, postcodes, dates of birth, telephone numbers and the like)")
        .noneMatch(failure -> failure.toUpperCase().contains("ZZ900001A"));
    assertThat(gate(lake, clinic("administrative"))).as("not hunted while the contract calls it administrative").isEmpty();
  }

  @Test
  void anNhsNumberDateOfBirthPostcodeAndTelephonePlantedInGoldAreCaughtAndACleanTablePasses(@TempDir Path work) {
    Lake lake = lakeWithRawVisits(work);
    silverNote(lake, "routine review");
    assertThat(gate(lake, clinic("direct-identifier"))).as("clean").isEmpty();
    StructType schema = new StructType().add("label", DataTypes.StringType).add("born", DataTypes.StringType)
        .add("code", DataTypes.StringType).add("area", DataTypes.StringType).add("contact", DataTypes.StringType);
    io.overwrite(spark.createDataFrame(List.of(RowFactory.create("999 000 0018", "1950-01-01", "E11.9", "zz99 3ab", "01614960007")),
        schema), lake.gold("planted"), "test");
    assertThat(gate(lake, clinic("direct-identifier"))).hasSize(4)
        .anyMatch(failure -> failure.startsWith("identifier leak: gold.planted.born holds 1 values"))
        .anyMatch(failure -> failure.startsWith("identifier leak: gold.planted.label holds 1 values"))
        .anyMatch(failure -> failure.startsWith("identifier leak: gold.planted.area holds 1 values"))
        .anyMatch(failure -> failure.startsWith("identifier leak: gold.planted.contact holds 1 values"));
  }

  @Test
  void aColumnOfMostlyLowerCaseNamesIsCaught(@TempDir Path work) {
    Lake lake = lakeWithRawVisits(work);
    silverNote(lake, "routine review");
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      rows.add(RowFactory.create(" " + name(i).toLowerCase() + " "));
    }
    io.overwrite(spark.createDataFrame(rows, new StructType().add("who", DataTypes.StringType)), lake.gold("names"), "test");
    assertThat(gate(lake, clinic("direct-identifier")))
        .containsExactly("identifier leak: gold.names.who is mostly names from the restricted zone");
  }

  /**
   * Write–audit–publish: a gold table whose new build carries an NHS number (spaced) is not
   * published — yesterday's version stays, readable as before — while the night's other gold
   * table publishes; the night's gold result fails naming table and column but no value, and the
   * refusal is audited. A table carrying silver's lake-wide person key is held the same way.
   */
  @Test
  void aGoldBuildThatLeaksIsNotPublishedAndYesterdaysTableStays(@TempDir Path work) throws IOException {
    Lake lake = lakeWithRawVisits(work);
    Path sql = work.resolve("sql");
    Files.createDirectories(sql.resolve("gold"));
    Files.createDirectories(sql.resolve("ddl").resolve("ops"));
    for (String ddl : List.of("audit.sql", "opt_out.sql")) {
      Files.copy(Path.of("../../sql/ddl/ops").resolve(ddl), sql.resolve("ddl/ops").resolve(ddl));
    }
    Files.writeString(sql.resolve("gold/visit_notes.sql"), goldFile("visit_notes", "'routine review'"));
    Files.writeString(sql.resolve("gold/visit_totals.sql"), goldFile("visit_totals", "'all boroughs'"));
    GoldResult yesterday = gold(lake, sql, NIGHT.minusDays(1));
    assertThat(yesterday.gateFailure()).isEmpty();
    assertThat(yesterday.tables()).noneMatch(GoldTableOutcome::held);

    Files.writeString(sql.resolve("gold/visit_notes.sql"), goldFile("visit_notes", "'999 000 0018'"));
    // A table carrying silver's lake-wide person key (as a per-project file selecting person_key
    // instead of project_pseudonym would) is held too.
    String personKey = "7f".repeat(32);
    io.overwrite(spark.createDataFrame(List.of(RowFactory.create(personKey)), new StructType().add("person_key", DataTypes.StringType)),
        lake.silver("person"), "test");
    Files.writeString(sql.resolve("gold/visit_people.sql"), goldFile("visit_people", "'" + personKey + "'"));
    GoldResult tonight = gold(lake, sql, NIGHT);

    assertThat(tonight.gateFailure()).get().asString()
        .contains("gold.visit_notes", "gold.visit_notes.note holds 1 values")
        .doesNotContain("9990000018").doesNotContain("999 000 0018");
    assertThat(tonight.gateFailure()).get().asString().contains("gold.visit_people.note holds 1 lake-wide person keys");
    assertThat(tonight.tables()).filteredOn(GoldTableOutcome::held).extracting(GoldTableOutcome::table)
        .containsExactlyInAnyOrder("gold.visit_notes", "gold.visit_people");
    assertThat(io.exists(lake.gold("visit_people"))).as("never published").isFalse();
    assertThat(io.version(lake.gold("visit_notes"))).hasValue(0L);
    assertThat(io.read(lake.gold("visit_notes")).select("note").as(Encoders.STRING()).collectAsList())
        .containsExactly("routine review");
    assertThat(io.version(lake.gold("visit_totals"))).as("the clean table published tonight").hasValue(1L);
    assertThat(io.read(lake.table(org.carelake.lake.Zone.OPS, "audit"))
            .filter("action = 'publish' AND outcome = 'REFUSED' AND target = 'gold.visit_notes'").count())
        .isEqualTo(1);
  }

  private static String goldFile(String table, String note) {
    return """
        -- table: gold.%s
        -- purpose: a crafted table for the write-audit-publish test
        -- grain: one row per night
        -- keys: night
        -- disclosure: record-level (no counts)
        SELECT run_night AS night, %s AS note
        """.formatted(table, note);
  }

  private static GoldResult gold(Lake lake, Path sql, LocalDate night) {
    return new GoldStage(io, lake, sql, night, "wap-" + night, Instant.parse("2026-11-24T03:00:00Z").plusSeconds(night.toEpochDay()),
        ProjectOutputs.none(KEY), "test", List.of(clinic("direct-identifier"))).run();
  }

  /** A raw table of the crafted feed: 25 visits, synthetic identifiers. */
  private static Lake lakeWithRawVisits(Path work) {
    Lake lake = new Lake(work.resolve("lake").toString());
    StructType schema = new StructType().add("visit_id", DataTypes.StringType).add("nhs_number", DataTypes.StringType)
        .add("date_of_birth", DataTypes.DateType).add("given_name", DataTypes.StringType)
        .add("travel_document", DataTypes.StringType).add("postcode", DataTypes.StringType).add("telephone", DataTypes.StringType);
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      // Postcodes in the ZZ99 pseudo-area, telephone numbers in Ofcom's range for drama.
      rows.add(RowFactory.create("V" + i, i == 0 ? "9990000018" : null, LocalDate.of(1950 + i, 1, 1), name(i),
          "ZZ9000" + String.format("%02d", i + 1) + "A", "ZZ99 " + (i % 9 + 1) + "AB", "0161 496 0" + String.format("%03d", i)));
    }
    Dataset<Row> raw = spark.createDataFrame(rows, schema);
    io.overwrite(raw, lake.raw("clinic_visits"), "test");
    return lake;
  }

  /**
   * A night's cost follows the night: once a table has passed, the check scans only the files
   * added since, so an unchanged lake is not scanned again; a leak appended later is still caught,
   * and a failing table is scanned in full until it is fixed.
   */
  @Test
  void afterAPassingCheckOnlyNewDataIsScannedAndALeakAppendedLaterIsCaught(@TempDir Path work) {
    Lake lake = lakeWithRawVisits(work);
    silverNote(lake, "seen in clinic");
    Contract contract = clinic("direct-identifier");
    org.carelake.quality.CheckResult first = new CheckStage(io, lake, NIGHT, List.of(contract)).run();
    assertThat(first.failures()).isEmpty();
    assertThat(first.tablesScanned()).as("the first check scans the table").isEqualTo(1);
    assertThat(new CheckStage(io, lake, NIGHT, List.of(contract)).run().tablesScanned()).as("nothing changed since").isZero();

    TableRef table = lake.silver("community_contact");
    StructType schema = new StructType().add("contact_key", DataTypes.StringType).add("note", DataTypes.StringType);
    io.append(spark.createDataFrame(List.of(RowFactory.create("k2", "zz 900 001 a")), schema), table, List.of(), "test");
    org.carelake.quality.CheckResult leaked = new CheckStage(io, lake, NIGHT, List.of(contract)).run();
    assertThat(leaked.failures()).containsExactly("identifier leak: silver.community_contact.note holds 1 values of columns the"
        + " contracts classify as direct identifiers (NHS numbers, postcodes, dates of birth, telephone numbers and the like)");
    assertThat(new CheckStage(io, lake, NIGHT, List.of(contract)).run().failures()).as("a failing table is scanned again").hasSize(1);
  }

  private static void silverNote(Lake lake, String note) {
    TableRef table = lake.silver("community_contact");
    StructType schema = new StructType().add("contact_key", DataTypes.StringType).add("note", DataTypes.StringType);
    io.overwrite(spark.createDataFrame(List.of(RowFactory.create("k1", note)), schema), table, "test");
  }

  /** Synthetic given names: "Name" plus letters, never a real person's. */
  private static String name(int i) {
    return "Synth" + (char) ('a' + i) + "ia";
  }

  private static List<String> gate(Lake lake, Contract contract) {
    return new CheckStage(io, lake, NIGHT, List.of(contract)).run().failures();
  }
}
