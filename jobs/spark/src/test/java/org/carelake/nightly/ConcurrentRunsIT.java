package org.carelake.nightly;

import static org.apache.spark.sql.functions.col;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.carelake.ingest.FileOutcome;
import org.carelake.lake.DeltaIo;
import org.carelake.lake.Lake;
import org.carelake.lake.RunLock;
import org.carelake.run.Settings;
import org.carelake.testing.TestSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two runs on one lake at once (issue 10): boroughs' ingest tasks, as the Airflow DAG may run them
 * side by side, all commit, none lost; a second whole night is refused at once and says by whom.
 */
class ConcurrentRunsIT {
  static final LocalDate NIGHT = LocalDate.parse("2026-11-24");
  static final List<String> BOROUGHS = List.of("E08000001", "E08000002", "E08000003");
  static final List<String> FEEDS = List.of("acute/examples/acute_apc", "community/examples/community_contacts",
      "gp/examples/gp_emis_patients", "mental-health/examples/mh_contacts");

  @Test
  void boroughsIngestedAtOnceAllCommitAndNothingIsLost(@TempDir Path work) throws Exception {
    for (String borough : BOROUGHS) {
      Path folder = Files.createDirectories(work.resolve("landing").resolve(NIGHT.toString()).resolve(borough));
      for (String feed : FEEDS) {
        Path example = Path.of("../../data-contracts").resolve(feed).resolve("valid.csv");
        // Byte-identical across boroughs on purpose: one borough's load must never replace another's rows.
        Files.writeString(folder.resolve(Path.of(feed).getFileName() + ".csv"), Files.readString(example));
      }
    }
    Settings settings = settings(work);
    DeltaIo io = new DeltaIo(TestSpark.session());
    ExecutorService pool = Executors.newFixedThreadPool(BOROUGHS.size());
    long conflictsBefore = DeltaIo.conflictsRetried();
    List<Future<NightlyResult>> runs = new ArrayList<>();
    try {
      for (String borough : BOROUGHS) {
        runs.add(pool.submit(() -> new NightlyRun(io, settings, Optional.empty(), NIGHT, Stages.select(List.of("ingest")),
            Optional.of(borough), Optional.empty(), Progress.silent(), Clock.systemUTC()).run()));
      }
      long files = 0;
      long loaded = 0;
      for (Future<NightlyResult> run : runs) {
        NightlyResult result = run.get();
        assertThat(result.outcome()).as(result.message()).isEqualTo(NightlyResult.Outcome.SUCCEEDED);
        files += result.ingest().orElseThrow().files().size();
        loaded += result.ingest().orElseThrow().files().stream().mapToLong(FileOutcome::rowsLoaded).sum();
      }
      assertThat(files).isEqualTo((long) BOROUGHS.size() * FEEDS.size());
      Lake lake = new Lake(settings.lakeRoot());
      assertThat(io.read(lake.ledger()).count()).as("one ledger row per file").isEqualTo(files);
      long inRaw = 0;
      for (String feed : FEEDS) {
        inRaw += io.read(lake.raw(Path.of(feed).getFileName().toString())).count();
      }
      assertThat(inRaw).as("every borough's rows in the raw tables").isEqualTo(loaded);
      assertThat(io.read(lake.runs()).select("run_id").distinct().count()).as("each run recorded under its own id")
          .isEqualTo(BOROUGHS.size());
      System.out.println("ConcurrentRunsIT: " + (DeltaIo.conflictsRetried() - conflictsBefore) + " writes repeated after a concurrent commit");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aSecondNightOnABusyLakeIsRefusedAtOnceAndRecorded(@TempDir Path work) throws IOException {
    Files.createDirectories(work.resolve("landing").resolve(NIGHT.toString()));
    Settings settings = settings(work);
    DeltaIo io = new DeltaIo(TestSpark.session());
    try (RunLock running = RunLock.acquire(settings.lakeRoot(), TestSpark.session().sparkContext().hadoopConfiguration(),
        "night-2026-11-24-first", "2026-11-24", Optional.empty(), Optional.empty(), "ingest,link,quality,silver,gold,check")) {
      NightlyResult second = new NightlyRun(io, settings, Optional.empty(), NIGHT, Stages.select(List.of("ingest")),
          Optional.empty(), Optional.empty(), Progress.silent(), Clock.systemUTC()).run();
      assertThat(second.outcome()).isEqualTo(NightlyResult.Outcome.FAILED);
      assertThat(second.message()).contains("the lake is busy").contains("night-2026-11-24-first").doesNotContain("\n");
      assertThat(second.ingest()).as("refused before any stage ran").isEmpty();
    }
    Lake lake = new Lake(settings.lakeRoot());
    assertThat(io.read(lake.runs()).filter(col("outcome").equalTo("FAILED")).count()).as("the refused run is recorded").isEqualTo(1);
    assertThat(io.exists(lake.ledger())).as("and wrote nothing else").isFalse();
  }

  @Test
  void aRunKilledMidwayIsRecordedAsInterruptedByTheNextRun(@TempDir Path work) throws Exception {
    Files.createDirectories(work.resolve("landing").resolve(NIGHT.toString()));
    Settings settings = settings(work);
    // What kill -9 leaves behind: the lock of a run whose process on this host is gone.
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    Path locks = Files.createDirectories(work.resolve("lake/_carelake/locks"));
    Files.writeString(locks.resolve("run__all__all.lock"), "run_id=night-2026-11-24-killed\nnight=2026-11-24\nborough=all\nfeed=all\n"
        + "stages=ingest,link\nhost=" + java.net.InetAddress.getLocalHost().getHostName() + "\npid=" + gone.pid()
        + "\nacquired=2026-11-25T02:00:00Z\nrenewed=2026-11-25T02:03:00Z\n");
    DeltaIo io = new DeltaIo(TestSpark.session());
    NightlyResult rerun = new NightlyRun(io, settings, Optional.empty(), NIGHT, Stages.select(List.of("ingest")),
        Optional.empty(), Optional.empty(), Progress.silent(), Clock.systemUTC()).run();
    assertThat(rerun.outcome()).as(rerun.message()).isNotEqualTo(NightlyResult.Outcome.FAILED);
    var killed = io.read(new Lake(settings.lakeRoot()).runs()).filter(col("run_id").equalTo("night-2026-11-24-killed"))
        .select("outcome", "message", "stages").collectAsList();
    assertThat(killed).hasSize(1);
    assertThat(killed.get(0).getString(0)).isEqualTo("INTERRUPTED");
    assertThat(killed.get(0).getString(1)).contains("interrupted").contains(rerun.runId());
    assertThat(killed.get(0).getString(2)).isEqualTo("ingest,link");
    assertThat(locks).as("the stale lock was taken over and the re-run's released").isEmptyDirectory();
  }

  static Settings settings(Path work) {
    return Settings.defaults()
        .withLakeRoot(work.resolve("lake").toString())
        .withLandingRoot(work.resolve("landing").toString())
        .withContractsDir(Path.of("../../data-contracts"))
        .withSqlDir(Path.of("../../sql"))
        .withShufflePartitions(2);
  }
}
