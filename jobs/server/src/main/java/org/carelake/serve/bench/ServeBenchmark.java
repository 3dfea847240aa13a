package org.carelake.serve.bench;

import io.delta.kernel.defaults.engine.DefaultEngine;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.conf.Configuration;
import org.carelake.serve.DashboardServer;
import org.carelake.serve.ServerSettings;
import org.carelake.serve.lake.DeltaAppend;
import org.carelake.serve.lake.PublishedTable;
import org.carelake.serve.signin.UserFile;

/**
 * The serving benchmark (a command, not a test): p50/p95/p99 latency of each page's data endpoint
 * at 1, 10 and 50 concurrent clients on loopback, beside a static file of the same size served by
 * the same server; the server's start time, its first request (the tables decoded) and the heap
 * used. Clients and server share the machine (and, here, the JVM), so the numbers are for
 * comparison with each other, not capacity planning.
 */
public final class ServeBenchmark {
  private static final List<String> ENDPOINTS = List.of("/data/overview.json", "/data/borough.json?borough=E08000003",
      "/data/prevalence.json?condition=type-2-diabetes", "/data/prevalence.json?condition=type-2-diabetes&borough=E08000003",
      "/data/demand.json", "/data/deprivation.json",
      "/data/measures.json?measure=emergency_readmissions_30d", "/data/overview.csv");

  private ServeBenchmark() {}

  public static void run(Path work, Path policy, long people, int requestsPerClient, int[] clients) throws Exception {
    Files.createDirectories(work);
    Path lake = work.resolve("lake");
    if (!Files.exists(lake.resolve("gold/monthly_activity/_delta_log"))) {
      long started = System.nanoTime();
      Map<String, Integer> rows = SyntheticPublishedZone.write(new DeltaAppend(DefaultEngine.create(new Configuration()), "carelake-benchmark"),
          lake, people, LocalDate.now(Clock.systemUTC()).withDayOfMonth(1), 42);
      System.out.printf("wrote planning tables for %,d people in %d ms: %s%n", people, (System.nanoTime() - started) / 1_000_000, rows);
    }
    Path users = work.resolve("users.txt");
    String password = "benchmark-password-" + Long.toHexString(new java.security.SecureRandom().nextLong());
    UserFile.add(users, "bench", "commissioner", "service planning", password.toCharArray());
    Path statics = Files.createDirectories(work.resolve("static"));

    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER).build();
    // The static baseline serves a file of each endpoint's size, measured first on a separate server over the same lake.
    Map<String, Integer> sizes = sizes(lake, users, policy, password, http);
    for (int i = 0; i < ENDPOINTS.size(); i++) {
      byte[] bytes = new byte[sizes.get(ENDPOINTS.get(i))];
      Arrays.fill(bytes, (byte) 'x');
      Files.write(statics.resolve("endpoint-" + i + ".bin"), bytes);
    }
    long constructStart = System.nanoTime();
    DashboardServer server = new DashboardServer(ServerSettings.defaults(lake, users, policy).withPort(0), Clock.systemUTC());
    long constructed = System.nanoTime();
    server.serveStaticBaseline(statics);
    int port = server.start();
    long listening = System.nanoTime();
    String base = "http://127.0.0.1:" + port;
    String cookie = signIn(http, base, password);
    long firstStart = System.nanoTime();
    get(http, base + ENDPOINTS.get(0), cookie);
    long first = System.nanoTime();
    System.gc();
    long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    System.out.printf("%nserver (in this JVM, after a first server measured the sizes): constructed in %d ms, listening after %d ms; first data request (tables decoded) %d ms;"
        + " heap used after GC with the planning tables in memory %d MB (max %d MB)%n",
        (constructed - constructStart) / 1_000_000, (listening - constructStart) / 1_000_000, (first - firstStart) / 1_000_000, heap >> 20,
        Runtime.getRuntime().maxMemory() >> 20);

    System.out.printf("%n%-55s %9s %7s | %8s %8s %8s | %8s %8s %8s | %s%n", "endpoint", "bytes", "clients", "p50 ms", "p95 ms", "p99 ms",
        "static50", "static95", "static99", "p95/static p95");
    for (int i = 0; i < ENDPOINTS.size(); i++) {
      String endpoint = ENDPOINTS.get(i);
      String staticUrl = base + "/static-benchmark/endpoint-" + i + ".bin";
      load(http, base + endpoint, cookie, 1, 30);
      load(http, staticUrl, null, 1, 30);
      for (int c : clients) {
        double[] data = load(http, base + endpoint, cookie, c, requestsPerClient);
        double[] flat = load(http, staticUrl, null, c, requestsPerClient);
        System.out.printf(Locale.ROOT, "%-55s %9d %7d | %8.2f %8.2f %8.2f | %8.2f %8.2f %8.2f | %.2f%n", endpoint, sizes.get(endpoint), c,
            data[0], data[1], data[2], flat[0], flat[1], flat[2], data[1] / flat[1]);
      }
    }
    server.close();
  }

  private static Map<String, Integer> sizes(Path lake, Path users, Path policy, String password, HttpClient http) throws Exception {
    try (DashboardServer sizing = new DashboardServer(ServerSettings.defaults(lake, users, policy).withPort(0), Clock.systemUTC())) {
      String base = "http://127.0.0.1:" + sizing.start();
      sizing.warm(PublishedTable.MONTHLY_ACTIVITY, PublishedTable.MONTHLY_ACTIVITY_DEPRIVATION, PublishedTable.LTC_PREVALENCE, PublishedTable.LTC_PREVALENCE_LSOA, PublishedTable.MEASURES);
      String cookie = signIn(http, base, password);
      Map<String, Integer> sizes = new java.util.HashMap<>();
      for (String endpoint : ENDPOINTS) {
        sizes.put(endpoint, get(http, base + endpoint, cookie).length);
      }
      return sizes;
    }
  }

  /** Signs in as a browser does: the sign-in page (its cookie and form token), then the form. */
  private static String signIn(HttpClient http, String base, String password) throws IOException, InterruptedException {
    HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base + "/sign-in")).GET().build(), HttpResponse.BodyHandlers.ofString());
    String pageCookie = page.headers().firstValue("Set-Cookie").orElseThrow(() -> new IllegalStateException("the sign-in page set no cookie"));
    java.util.regex.Matcher token = java.util.regex.Pattern.compile("name=\"" + org.carelake.serve.web.HtmlPages.FORM_TOKEN + "\" value=\"([^\"]*)\"")
        .matcher(page.body());
    if (!token.find()) {
      throw new IllegalStateException("the sign-in page has no form token");
    }
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/sign-in"))
        .header("Content-Type", "application/x-www-form-urlencoded").header("Cookie", pageCookie.substring(0, pageCookie.indexOf(';')))
        .POST(HttpRequest.BodyPublishers.ofString("name=bench&password=" + password + "&" + org.carelake.serve.web.HtmlPages.FORM_TOKEN + "="
            + java.net.URLEncoder.encode(token.group(1), java.nio.charset.StandardCharsets.UTF_8)))
        .build(), HttpResponse.BodyHandlers.ofString());
    String cookie = response.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith(DashboardServer.SESSION_COOKIE + "="))
        .findFirst().orElseThrow(() -> new IllegalStateException("sign-in failed: " + response.statusCode()));
    return cookie.substring(0, cookie.indexOf(';'));
  }

  private static byte[] get(HttpClient http, String url, String cookie) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).GET();
    if (cookie != null) {
      request.header("Cookie", cookie);
    }
    HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      throw new IllegalStateException(url + " answered " + response.statusCode());
    }
    return response.body();
  }

  /** {@code clients} threads each sending {@code requests} requests one after another; returns p50, p95, p99 in ms. */
  private static double[] load(HttpClient http, String url, String cookie, int clients, int requests) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try {
      List<Future<long[]>> futures = new ArrayList<>();
      for (int c = 0; c < clients; c++) {
        futures.add(pool.submit(() -> {
          long[] times = new long[requests];
          for (int r = 0; r < requests; r++) {
            long start = System.nanoTime();
            get(http, url, cookie);
            times[r] = System.nanoTime() - start;
          }
          return times;
        }));
      }
      List<Long> all = new ArrayList<>();
      for (Future<long[]> future : futures) {
        for (long t : future.get()) {
          all.add(t);
        }
      }
      long[] sorted = all.stream().mapToLong(Long::longValue).sorted().toArray();
      return new double[] {percentile(sorted, 50), percentile(sorted, 95), percentile(sorted, 99)};
    } finally {
      pool.shutdown();
    }
  }

  private static double percentile(long[] sorted, int p) {
    int index = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1_000_000.0;
  }

  /** {@code ServeBenchmark WORK POLICY [PEOPLE] [REQUESTS_PER_CLIENT]}. */
  public static void main(String[] args) throws Exception {
    run(Path.of(args[0]), Path.of(args[1]), args.length > 2 ? Long.parseLong(args[2]) : 1_000_000,
        args.length > 3 ? Integer.parseInt(args[3]) : 40, new int[] {1, 10, 50});
  }
}
