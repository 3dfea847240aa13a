package org.carelake.serve;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import org.carelake.serve.lake.PublishedTable;

/**
 * Runs the dashboard until the process is stopped (Ctrl-C or SIGTERM), then flushes the audit
 * trail. {@code carelake serve} calls {@link #serve}; {@link #main} runs it from the server module's
 * own class path (no Spark), which is how its start time and heap are measured.
 */
public final class ServeMain {
  private ServeMain() {}

  /** Starts, warms the planning tables into memory, prints where it listens, and blocks until shutdown. */
  public static void serve(ServerSettings settings) throws InterruptedException {
    long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
    DashboardServer server = new DashboardServer(settings, Clock.systemUTC());
    int port = server.start();
    long listening = System.currentTimeMillis();
    server.warm(PublishedTable.MONTHLY_ACTIVITY, PublishedTable.MONTHLY_ACTIVITY_DEPRIVATION, PublishedTable.LTC_PREVALENCE, PublishedTable.LTC_PREVALENCE_LSOA, PublishedTable.MEASURES);
    long warmed = System.currentTimeMillis();
    System.gc();
    MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
    System.out.printf("CareLake dashboard on http://%s:%d/ (lake %s)%n", settings.host(), port, settings.lake().toAbsolutePath());
    System.out.printf("  listening %d ms after the JVM started; planning tables in memory after %d ms; heap used %d MB of %d MB max%n",
        listening - jvmStart, warmed - jvmStart, heap.getUsed() >> 20, heap.getMax() >> 20);
    System.out.println("  Ctrl-C stops it (the audit trail is flushed first).");
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }, "dashboard-shutdown"));
    stopped.await();
  }

  /** {@code ServeMain LAKE USERS POLICY [PORT]}. */
  public static void main(String[] args) throws InterruptedException {
    if (args.length < 3) {
      System.err.println("usage: ServeMain LAKE USERS POLICY [PORT]");
      System.exit(2);
    }
    ServerSettings settings = ServerSettings.defaults(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]))
        .withPort(args.length > 3 ? Integer.parseInt(args[3]) : 8080).withRecheck(Duration.ofSeconds(5));
    serve(settings);
  }
}
