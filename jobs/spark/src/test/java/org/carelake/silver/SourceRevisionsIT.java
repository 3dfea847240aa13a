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
import org.carelake.pseudonym.PseudonymKey;
import org.carelake.run.Settings;
import org.carelake.testing.TestLakes;
import org.carelake.testing.TestSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nights as sources send them: a later night re-sends an event with changed content (the newest
 * wins), re-sends another flagged deleted (it leaves silver), and sends a late event from weeks
 * before (it joins silver like any other). The project's own valid example rows, all synthetic.
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

  private static NightlyResult run(DeltaIo io, Settings settings, PseudonymKey key, LocalDate night) {
    return new NightlyRun(io, settings, Optional.of(key), night, Stages.select(List.of("ingest", "link", "silver")),
        Optional.empty(), Optional.empty(), Progress.silent(), Clock.systemUTC()).run();
  }

  private static Dataset<Row> events(DeltaIo io, Lake lake) {
    return io.read(lake.silver("gp_event")).filter(col("borough_code").equalTo("E08000001"));
  }

  private static FeedSilverOutcome outcome(NightlyResult result) {
    return result.silver().orElseThrow().feeds().stream().filter(f -> f.feed().equals("gp_emis_events")).findFirst().orElseThrow();
  }
}
