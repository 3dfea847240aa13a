package org.carelake.lake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.carelake.error.CareLakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run lock on a real local file system (Hadoop's, as on a cluster's disk), no Spark needed. */
class RunLockTest {
  static final Configuration HADOOP = new Configuration();

  @Test
  void aSecondRunOverTheSameScopeIsRefusedAtOnceAndTheFirstsReleaseLetsItIn(@TempDir Path lake) {
    RunLock first = RunLock.acquire(lake.toString(), HADOOP, "run-a", "2026-11-24", Optional.empty(), Optional.empty(), "ingest,link");
    assertThatThrownBy(() -> RunLock.acquire(lake.toString(), HADOOP, "run-b", "2026-11-24", Optional.empty(), Optional.empty(), "ingest"))
        .isInstanceOf(CareLakeException.class)
        .hasMessageContaining("the lake is busy").hasMessageContaining("run-a").hasMessageContaining("ingest,link")
        .hasMessageNotContaining("\n");
    // A borough's ingest overlaps the whole lake too.
    assertThatThrownBy(() -> RunLock.acquire(lake.toString(), HADOOP, "run-c", "2026-11-24", Optional.of("E08000001"), Optional.empty(), "ingest"))
        .hasMessageContaining("run-a");
    first.close();
    RunLock.acquire(lake.toString(), HADOOP, "run-b", "2026-11-24", Optional.empty(), Optional.empty(), "ingest").close();
  }

  @Test
  void aLakeWhereNoFolderCanBeCreatedIsRefusedSayingSo(@TempDir Path work) throws IOException {
    // A file where the lake's folder should be. (A folder made immutable, where mkdirs fails without
    // a reason, is the crash harness's read-only fault: chattr needs root.)
    java.nio.file.Files.writeString(work.resolve("not-a-folder"), "x");
    String lake = work.resolve("not-a-folder").resolve("lake").toString();
    assertThatThrownBy(() -> RunLock.acquire(lake, HADOOP, "run-a", "2026-11-24", Optional.empty(), Optional.empty(), "ingest"))
        .isInstanceOf(CareLakeException.class)
        .hasMessageContaining("cannot take the run lock").hasMessageContaining("not a directory").hasMessageNotContaining("\n");
  }

  @Test
  void differentBoroughsOrFeedsRunSideBySideButNotBesideAWholeNight(@TempDir Path lake) {
    RunLock bolton = RunLock.acquire(lake.toString(), HADOOP, "run-1", "2026-11-24", Optional.of("E08000001"), Optional.empty(), "ingest");
    RunLock bury = RunLock.acquire(lake.toString(), HADOOP, "run-2", "2026-11-24", Optional.of("E08000002"), Optional.empty(), "ingest");
    RunLock oneFeed = RunLock.acquire(lake.toString(), HADOOP, "run-3", "2026-11-24", Optional.of("E08000003"), Optional.of("acute_apc"), "ingest");
    RunLock otherFeed = RunLock.acquire(lake.toString(), HADOOP, "run-4", "2026-11-24", Optional.of("E08000003"), Optional.of("acute_op"), "ingest");
    assertThatThrownBy(() -> RunLock.acquire(lake.toString(), HADOOP, "run-5", "2026-11-24", Optional.of("E08000001"), Optional.of("acute_apc"), "ingest"))
        .hasMessageContaining("run-1");
    assertThatThrownBy(() -> RunLock.acquire(lake.toString(), HADOOP, "run-6", "2026-11-24", Optional.empty(), Optional.empty(), "link"))
        .isInstanceOf(CareLakeException.class);
    bolton.close();
    bury.close();
    oneFeed.close();
    otherFeed.close();
    RunLock.acquire(lake.toString(), HADOOP, "run-6", "2026-11-24", Optional.empty(), Optional.empty(), "link").close();
  }

  @Test
  void aLockNotRenewedWithinTheLeaseIsTakenOver(@TempDir Path lake) throws IOException {
    Instant now = Instant.parse("2026-11-27T03:00:00Z");
    Instant longAgo = now.minus(RunLock.LEASE).minusSeconds(1);
    // Held by a run on another machine that stopped renewing it.
    writeLock(lake, "run__all__all.lock", "run-old", "other-host", 1, longAgo);
    RunLock lock = RunLock.acquire(lake.toString(), HADOOP, "run-new", "2026-11-24", Optional.empty(), Optional.empty(), "ingest",
        Clock.fixed(now, ZoneOffset.UTC));
    lock.close();
    // Renewed just now: still held.
    writeLock(lake, "run__all__all.lock", "run-live", "other-host", 1, now.minusSeconds(30));
    assertThatThrownBy(() -> RunLock.acquire(lake.toString(), HADOOP, "run-new", "2026-11-24", Optional.empty(), Optional.empty(), "ingest",
        Clock.fixed(now, ZoneOffset.UTC))).hasMessageContaining("run-live");
  }

  @Test
  void aLockWhoseProcessOnThisHostIsGoneIsTakenOverAtOnce(@TempDir Path lake) throws Exception {
    Process gone = new ProcessBuilder("true").start();
    gone.waitFor();
    RunLock holder = RunLock.acquire(lake.toString(), HADOOP, "run-live", "2026-11-24", Optional.empty(), Optional.empty(), "ingest");
    String host = RunLock.read(org.apache.hadoop.fs.FileSystem.getLocal(HADOOP),
        new org.apache.hadoop.fs.Path(lake.resolve("_carelake/locks/run__all__all.lock").toString())).orElseThrow().host();
    holder.close();
    writeLock(lake, "run__all__all.lock", "run-killed", host, gone.pid(), Instant.now());
    RunLock rerun = RunLock.acquire(lake.toString(), HADOOP, "run-rerun", "2026-11-24", Optional.empty(), Optional.empty(), "ingest");
    assertThat(rerun.tookOver()).extracting(RunLock.Holder::runId).as("to be recorded as interrupted").containsExactly("run-killed");
    rerun.close();
    assertThat(lake.resolve("_carelake/locks")).isEmptyDirectory();
  }

  @Test
  void aHalfWrittenLockCountsByItsAge(@TempDir Path lake) throws IOException {
    Path locks = Files.createDirectories(lake.resolve("_carelake/locks"));
    Files.writeString(locks.resolve("run__all__all.lock"), "run_id=run-x\nacquired=not-a-ti");
    assertThatThrownBy(() -> RunLock.acquire(lake.toString(), HADOOP, "run-y", "2026-11-24", Optional.empty(), Optional.empty(), "ingest"))
        .hasMessageContaining("unreadable lock");
    Instant later = Instant.now().plus(RunLock.LEASE).plusSeconds(5);
    RunLock.acquire(lake.toString(), HADOOP, "run-y", "2026-11-24", Optional.empty(), Optional.empty(), "ingest", Clock.fixed(later, ZoneOffset.UTC))
        .close();
  }

  static void writeLock(Path lake, String name, String runId, String host, long pid, Instant renewed) throws IOException {
    Path locks = Files.createDirectories(lake.resolve("_carelake/locks"));
    Files.writeString(locks.resolve(name), "run_id=" + runId + "\nnight=2026-11-24\nborough=all\nfeed=all\nstages=ingest\nhost=" + host
        + "\npid=" + pid + "\nacquired=" + renewed + "\nrenewed=" + renewed + "\n");
  }
}
