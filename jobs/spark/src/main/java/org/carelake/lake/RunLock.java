package org.carelake.lake;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.carelake.error.CareLakeErrors;

/**
 * Keeps two runs that would write the same tables off the lake at once. A run holds a lock file in
 * {@code <lake>/_carelake/locks/} for its scope (a borough and a feed, either may be "all"); two
 * scopes overlap unless they name different boroughs or different feeds, so the Airflow DAG's
 * ingest tasks for different boroughs run side by side while a second whole night is refused at
 * once, naming the run that holds the lake.
 *
 * <p>The lock survives a crash and expires safely: the holder renews it every {@link #RENEW_EVERY}
 * while it runs, and a lock not renewed for {@link #LEASE} is stale. A lock left by a process of
 * this host that is no longer alive is stale at once, so a run killed with {@code kill -9} does not
 * block the re-run. A stale lock is deleted, with a log line naming its run.
 *
 * <p>Acquiring is create-if-absent, which is atomic on a local disk, HDFS and ABFS, and on S3 with
 * conditional writes (see docs/data-engineer.md, "Object storage"). Two runs racing for overlapping
 * scopes under different file names both see both files; the earlier (then the smaller run id)
 * keeps its lock and the other is refused.
 */
public final class RunLock implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(RunLock.class.getName());
  public static final Duration LEASE = Duration.ofMinutes(10);
  public static final Duration RENEW_EVERY = Duration.ofMinutes(1);
  static final String ALL = "all";

  /** What a lock file says about its holder. */
  public record Holder(String runId, String night, String borough, String feed, String stages, String host, long pid, Instant acquired,
      Instant renewed) {
    boolean overlaps(String otherBorough, String otherFeed) {
      return overlap(borough, otherBorough) && overlap(feed, otherFeed);
    }

    private static boolean overlap(String a, String b) {
      return a.equals(ALL) || b.equals(ALL) || a.equals(b);
    }

    String describe() {
      String scope = (borough.equals(ALL) ? "" : " borough " + borough) + (feed.equals(ALL) ? "" : " feed " + feed);
      return "run " + runId + " (stages " + stages + scope + ") on " + host + " pid " + pid + ", since " + acquired;
    }
  }

  private final FileSystem fs;
  private final Path file;
  private final Holder holder;
  private final Clock clock;
  private final ScheduledExecutorService renewer;
  private final List<Holder> tookOver;

  private RunLock(FileSystem fs, Path file, Holder holder, Clock clock, List<Holder> tookOver) {
    this.fs = fs;
    this.file = file;
    this.holder = holder;
    this.clock = clock;
    this.tookOver = List.copyOf(tookOver);
    this.renewer = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "carelake-run-lock");
      thread.setDaemon(true);
      return thread;
    });
    long every = RENEW_EVERY.toMillis();
    renewer.scheduleAtFixedRate(this::renew, every, every, TimeUnit.MILLISECONDS);
  }

  /**
   * Takes the lock for a run's scope, or throws a one-line {@link org.carelake.error.CareLakeException}
   * naming the run that holds an overlapping one.
   */
  public static RunLock acquire(String lakeRoot, Configuration hadoop, String runId, String night, Optional<String> borough,
      Optional<String> feed, String stages) {
    return acquire(lakeRoot, hadoop, runId, night, borough, feed, stages, Clock.systemUTC());
  }

  /**
   * The whole lake's lock, for a command that rewrites tables across zones (erase, rekey,
   * retention, maintain): refused while any run holds part of the lake, and refusing them in turn.
   */
  public static RunLock wholeLake(DeltaIo io, String lakeRoot, String runId, String command) {
    return acquire(lakeRoot, io.spark().sparkContext().hadoopConfiguration(), runId,
        java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString(), Optional.empty(), Optional.empty(), command);
  }

  static RunLock acquire(String lakeRoot, Configuration hadoop, String runId, String night, Optional<String> borough,
      Optional<String> feed, String stages, Clock clock) {
    requireNonNull(runId, "runId is null");
    Path dir = new Path(lakeRoot, "_carelake/locks");
    String boroughScope = borough.orElse(ALL);
    String feedScope = feed.orElse(ALL);
    Instant now = clock.instant();
    Holder me = new Holder(runId, night, boroughScope, feedScope, stages, host(), ProcessHandle.current().pid(), now, now);
    List<Holder> stale = new ArrayList<>();
    try {
      FileSystem fs = dir.getFileSystem(hadoop);
      if (!fs.mkdirs(dir) && !fs.exists(dir)) {
        throw new IOException("cannot create the folder: the lake is not writable here (check its permissions and free space)");
      }
      refuseIfHeld(fs, dir, me, clock, null, stale);
      Path file = new Path(dir, "run__" + boroughScope + "__" + feedScope + ".lock");
      try (OutputStream out = fs.create(file, false)) {
        out.write(text(me));
      } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
        throw refused(read(fs, file).map(Holder::describe).orElse("another run"));
      } catch (IOException e) {
        if (fs.exists(file)) {
          throw refused(read(fs, file).map(Holder::describe).orElse("another run"));
        }
        throw e;
      }
      // A run that took an overlapping scope under another name at the same moment: the earlier keeps it.
      try {
        refuseIfHeld(fs, dir, me, clock, file, stale);
      } catch (RuntimeException e) {
        fs.delete(file, false);
        throw e;
      }
      return new RunLock(fs, file, me, clock, stale);
    } catch (IOException e) {
      throw CareLakeErrors.configuration("cannot take the run lock in " + dir + ": " + e.getMessage(), e);
    }
  }

  private static void refuseIfHeld(FileSystem fs, Path dir, Holder me, Clock clock, Path mine, List<Holder> stale)
      throws IOException {
    List<Holder> live = new ArrayList<>();
    for (FileStatus status : fs.listStatus(dir)) {
      Path path = status.getPath();
      if (!path.getName().endsWith(".lock") || path.getName().equals(mine == null ? "" : mine.getName())) {
        continue;
      }
      Optional<Holder> other = read(fs, path);
      if (other.isEmpty() || !other.get().overlaps(me.borough(), me.feed())) {
        continue;
      }
      if (isStale(other.get(), clock.instant())) {
        LOG.warning(() -> "taking over the stale run lock of " + other.get().describe());
        if (fs.delete(path, false)) {
          stale.add(other.get());
        }
        continue;
      }
      live.add(other.get());
    }
    Comparator<Holder> earlierFirst = Comparator.comparing(Holder::acquired).thenComparing(Holder::runId);
    Optional<Holder> winner = live.stream().filter(h -> mine == null || earlierFirst.compare(h, me) < 0).min(earlierFirst);
    if (winner.isPresent()) {
      throw refused(winner.get().describe());
    }
  }

  private static RuntimeException refused(String holder) {
    return CareLakeErrors.configuration("the lake is busy: " + holder + " holds it; this run is refused and wrote "
        + "nothing. Wait for it to finish (a lock whose run died expires after " + LEASE.toMinutes()
        + " minutes, at once if its process on this host is gone)");
  }

  static boolean isStale(Holder holder, Instant now) {
    if (holder.renewed().plus(LEASE).isBefore(now)) {
      return true;
    }
    return holder.host().equals(host()) && ProcessHandle.of(holder.pid()).map(p -> !p.isAlive()).orElse(true);
  }

  private void renew() {
    try (OutputStream out = fs.create(file, true)) {
      out.write(text(new Holder(holder.runId(), holder.night(), holder.borough(), holder.feed(), holder.stages(), holder.host(),
          holder.pid(), holder.acquired(), clock.instant())));
    } catch (IOException | RuntimeException e) {
      LOG.warning(() -> "could not renew the run lock " + file + ": " + e.getClass().getSimpleName());
    }
  }

  /**
   * Runs whose stale locks this one took over: they died without finishing (a kill, a crash), so
   * the caller records them as interrupted.
   */
  public List<Holder> tookOver() {
    return tookOver;
  }

  /** Gives the lock up; the run is over. */
  @Override
  public void close() {
    renewer.shutdownNow();
    try {
      fs.delete(file, false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot release the run lock " + file, e);
    }
  }

  static Optional<Holder> read(FileSystem fs, Path path) {
    Properties p = new Properties();
    try (InputStream in = fs.open(path)) {
      p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
      return Optional.of(new Holder(p.getProperty("run_id"), p.getProperty("night", ""), p.getProperty("borough", ALL), p.getProperty("feed", ALL),
          p.getProperty("stages", ""), p.getProperty("host", ""), Long.parseLong(p.getProperty("pid", "-1")),
          Instant.parse(p.getProperty("acquired")), Instant.parse(p.getProperty("renewed"))));
    } catch (java.io.FileNotFoundException e) {
      return Optional.empty(); // released while we looked
    } catch (IOException | RuntimeException e) {
      // Being written by a run taking it this moment, or half-written by one that died: its scope is
      // in its name, and its age decides, like any stale lock's.
      try {
        Instant modified = Instant.ofEpochMilli(fs.getFileStatus(path).getModificationTime());
        String[] scope = path.getName().replaceFirst("\\.lock$", "").split("__");
        return Optional.of(new Holder("(unreadable lock)", "", scope.length == 3 ? scope[1] : ALL, scope.length == 3 ? scope[2] : ALL,
            "", "", -1, modified, modified));
      } catch (IOException gone) {
        return Optional.empty();
      }
    }
  }

  private static byte[] text(Holder h) {
    String text = "run_id=" + h.runId() + "\nnight=" + h.night() + "\nborough=" + h.borough() + "\nfeed=" + h.feed() + "\nstages=" + h.stages()
        + "\nhost=" + h.host() + "\npid=" + h.pid() + "\nacquired=" + h.acquired() + "\nrenewed=" + h.renewed() + "\n";
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown-host";
    }
  }
}
