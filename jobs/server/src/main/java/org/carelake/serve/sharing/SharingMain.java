package org.carelake.serve.sharing;

import java.time.Clock;
import java.util.concurrent.CountDownLatch;

/** Runs the sharing server until the process is stopped (Ctrl-C or SIGTERM), then flushes the audit trail; {@code carelake share} calls it. */
public final class SharingMain {
  private SharingMain() {}

  public static void serve(SharingSettings settings) throws InterruptedException {
    SharingServer server = new SharingServer(settings, Clock.systemUTC());
    int port = server.start();
    System.out.printf("CareLake Delta Sharing server on http://%s:%d%s (lake %s)%n", settings.host(), port, SharingServer.PREFIX,
        settings.lake().toAbsolutePath());
    System.out.println("  profiles from `carelake share-token add`; Ctrl-C stops it (the audit trail is flushed first).");
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      server.close();
      stopped.countDown();
    }, "sharing-shutdown"));
    stopped.await();
  }
}
