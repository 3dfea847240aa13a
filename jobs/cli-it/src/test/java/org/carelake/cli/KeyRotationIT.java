package org.carelake.cli;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.carelake.ingest.IngestSchemas;
import org.carelake.lake.DeltaIo;
import org.carelake.lake.Lake;
import org.carelake.lake.LakeTables;
import org.carelake.lake.TableRef;
import org.carelake.lake.Zone;
import org.carelake.nightly.NightlyResult;
import org.carelake.nightly.NightlyRun;
import org.carelake.nightly.Progress;
import org.carelake.nightly.SmallNight;
import org.carelake.nightly.Stages;
import org.carelake.pseudonym.PersonKeys;
import org.carelake.pseudonym.PseudonymKey;
import org.carelake.run.Settings;
import org.carelake.testing.TestSpark;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Keys with ids, attacked: a run records its key's id and version; a key the lake was not built with
 * fails the run before anything is written; {@code carelake rekey} re-keys every silver and gold
 * table (found on disk, so a new table cannot skip it) so that no old-key pseudonym remains and
 * every pseudonym is the new key's, and afterwards the old key is refused. Keys are made here.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KeyRotationIT {
  static final LocalDate NIGHT = SmallNight.NIGHT;
  static final String HEX64 = "^[0-9a-f]{64}$";

  Path work;
  PseudonymKey oldKey;
  PseudonymKey newKey;
  Path oldKeyFile;
  Path newKeyFile;
  DeltaIo io;
  Lake lake;
  Settings settings;

  @BeforeAll
  void smallNight() throws IOException {
    SmallNight.Copy night = SmallNight.copy("carelake-key-rotation-it");
    work = night.work();
    oldKey = night.key();
    newKey = PseudonymKey.of(oldKey.id(), 2, randomHex());
    oldKeyFile = work.resolve("old.key");
    newKeyFile = work.resolve("new.key");
    Files.writeString(oldKeyFile, "# made by KeyRotationIT\n" + oldKey.toText() + "\n");
    Files.writeString(newKeyFile, newKey.toText() + "\n");
    io = new DeltaIo(TestSpark.session());
    settings = night.settings();
    lake = night.lake();
  }

  @Test
  @Order(1)
  void aRunRecordsItsKeyIdAndAWrongKeyFailsBeforeWriting() {
    Row run = io.read(lake.runs()).orderBy(col("started_at").desc()).head();
    assertThat(run.<String>getAs("key_id")).isEqualTo(SmallNight.KEY_ID);
    assertThat(run.<Integer>getAs("key_version")).isEqualTo(1);

    Map<String, Long> before = versions();
    NightlyResult wrong = night(PseudonymKey.of(SmallNight.KEY_ID, 1, randomHex()), List.of("silver", "gold"));
    assertThat(wrong.outcome()).isEqualTo(NightlyResult.Outcome.FAILED);
    assertThat(wrong.message()).contains("not the key this lake was built with").doesNotContain("\n");
    assertThat(versions()).as("no table outside ops written").isEqualTo(before);
  }

  @Test
  @Order(2)
  void rotationRekeysEveryPseudonymisedAndPublishedTableAndRetiresTheOldKey() {
    Set<String> oldPseudonyms = new HashSet<>();
    Map<String, Long> rowsBefore = new TreeMap<>();
    for (TableRef table : pseudonymisedAndPublished()) {
      Dataset<Row> rows = io.read(table);
      rowsBefore.put(table.qualifiedName(), rows.count());
      oldPseudonyms.addAll(hexValues(rows));
    }
    assertThat(oldPseudonyms).as("the night made pseudonyms").hasSizeGreaterThan(100);

    assertThat(CareLakeCli.execute("rekey", "--new-key-file", newKeyFile.toString(), "--key-file", oldKeyFile.toString(),
        "--lake", settings.lakeRoot(), "--sql", "../../sql", "--contracts", "../../data-contracts")).isZero();

    for (TableRef table : pseudonymisedAndPublished()) {
      Dataset<Row> rows = io.read(table);
      Set<String> values = hexValues(rows);
      values.retainAll(oldPseudonyms);
      assertThat(values).as(table.qualifiedName() + " carries no old-key pseudonym").isEmpty();
      if (table.zone() == Zone.SILVER) {
        assertThat(rows.count()).as(table.qualifiedName() + " rows").isEqualTo(rowsBefore.get(table.qualifiedName()));
      }
    }
    // Every pseudonym is the new key's pseudonym of its input, derived here independently.
    PersonKeys keys = new PersonKeys(newKey);
    Set<String> personKeys = new HashSet<>();
    io.read(lake.restricted("person_link")).select("person_id").distinct().collectAsList()
        .forEach(r -> personKeys.add(keys.personKey(r.getString(0))));
    assertThat(strings(io.read(lake.silver("person")).select("person_key"))).isNotEmpty().isSubsetOf(personKeys);
    assertThat(strings(io.read(lake.silver("gp_event")).select("person_key"))).isNotEmpty().isSubsetOf(personKeys);
    Set<String> eventKeys = new HashSet<>();
    for (String feed : List.of("gp_emis_events", "gp_tpp_events")) {
      io.read(lake.raw(feed)).select(IngestSchemas.BOROUGH, "event_id").collectAsList()
          .forEach(r -> eventKeys.add(keys.recordKey(feed, r.getString(0), r.getString(1))));
    }
    assertThat(strings(io.read(lake.silver("gp_event")).select("event_key"))).isNotEmpty().isSubsetOf(eventKeys);
    Set<String> cohortIds = new HashSet<>();
    // The policy's demo project derives its pseudonyms from the lake key under its own label (key: derived).
    personKeys.forEach(k -> cohortIds.add(keys.projectPseudonym("demo", k)));
    assertThat(strings(io.read(lake.gold("cohort_t2dm__demo")).select("patient_id"))).isNotEmpty().isSubsetOf(cohortIds);

    // Recorded: the rotation in ops.runs with the new key's id and version, and in ops.audit.
    Row run = io.read(lake.runs()).where("stages = 'rekey'").head();
    assertThat(run.<String>getAs("outcome")).isEqualTo("SUCCEEDED");
    assertThat(run.<Integer>getAs("key_version")).isEqualTo(2);
    assertThat(io.read(lake.table(Zone.OPS, "audit")).where("action = 'rekey' AND outcome = 'ALLOWED'").count()).isEqualTo(1);

    // The old key no longer matches: a run with it fails before writing; the new key runs.
    Map<String, Long> before = versions();
    NightlyResult withOld = night(oldKey, List.of("silver", "gold"));
    assertThat(withOld.outcome()).isEqualTo(NightlyResult.Outcome.FAILED);
    assertThat(withOld.message()).contains("retired").contains(SmallNight.KEY_ID + " v2");
    assertThat(versions()).isEqualTo(before);
    assertThat(night(newKey, List.of("silver", "gold")).outcome()).isNotEqualTo(NightlyResult.Outcome.FAILED);
  }

  private NightlyResult night(PseudonymKey key, List<String> stages) {
    return new NightlyRun(io, settings, Optional.of(key), NIGHT, Stages.select(stages), Optional.empty(), Optional.empty(),
        Progress.silent(), Clock.fixed(Instant.parse("2026-11-24T02:00:00Z"), ZoneOffset.UTC)).run();
  }

  /** Every silver and gold table in the lake, and the restricted table holding silver's keys. */
  private List<TableRef> pseudonymisedAndPublished() {
    List<TableRef> tables = new java.util.ArrayList<>(LakeTables.inZone(io, lake, Zone.SILVER));
    tables.addAll(LakeTables.inZone(io, lake, Zone.GOLD));
    if (io.exists(lake.restricted("duplicate_event"))) {
      tables.add(lake.restricted("duplicate_event"));
    }
    assertThat(tables.stream().map(TableRef::qualifiedName)).contains("silver.person", "silver.gp_event", "gold.cohort_t2dm__demo");
    return tables;
  }

  private Map<String, Long> versions() {
    Map<String, Long> versions = new TreeMap<>();
    for (TableRef table : LakeTables.all(io, lake)) {
      if (table.zone() != Zone.OPS) {
        versions.put(table.qualifiedName(), io.version(table).orElseThrow());
      }
    }
    return versions;
  }

  /** Every 64-hex value of every string column. */
  private static Set<String> hexValues(Dataset<Row> rows) {
    Set<String> values = new HashSet<>();
    for (StructField field : rows.schema().fields()) {
      if (field.dataType().equals(DataTypes.StringType)) {
        values.addAll(strings(rows.select(field.name()).where(col(field.name()).rlike(HEX64))));
      }
    }
    return values;
  }

  private static Set<String> strings(Dataset<Row> oneColumn) {
    Set<String> values = new HashSet<>();
    oneColumn.distinct().collectAsList().forEach(r -> {
      if (!r.isNullAt(0)) {
        values.add(r.getString(0));
      }
    });
    return values;
  }

  private static String randomHex() {
    return HexFormat.of().formatHex(new SecureRandom().generateSeed(32));
  }
}
