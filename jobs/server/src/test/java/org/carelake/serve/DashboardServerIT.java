package org.carelake.serve;

import static org.assertj.core.api.Assertions.assertThat;

import io.delta.kernel.Table;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.carelake.serve.lake.PublishedLake;
import org.carelake.serve.signin.UserFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard over HTTP on loopback, on a real server and a real (tiny) Delta lake: sign-in,
 * the access policy, refused tables, hostile parameters, CSV, suppressed cells, a new table
 * version picked up without a restart, and the audit rows those requests leave in ops.audit.
 */
class DashboardServerIT {
  static final String PASSWORD = "correct horse battery";
  @TempDir static Path folder;
  static FixtureLake lake;
  static DashboardServer server;
  static String base;
  static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  @BeforeAll
  static void start() {
    lake = new FixtureLake(folder.resolve("lake")).write();
    Path users = folder.resolve("users.txt");
    UserFile.add(users, "cara", "commissioner", "service planning", PASSWORD.toCharArray());
    UserFile.add(users, "dan", "data-engineer", "pipeline operation", PASSWORD.toCharArray());
    UserFile.add(users, "lena", "commissioner", "service planning", PASSWORD.toCharArray());
    ServerSettings settings = ServerSettings.defaults(lake.root, users, Path.of("../../governance/access-policy.yaml"))
        .withPort(0).withRecheck(Duration.ZERO);
    server = new DashboardServer(settings, Clock.systemUTC());
    base = "http://127.0.0.1:" + server.start();
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  static HttpResponse<String> get(String path, String cookie) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
    if (cookie != null) {
      request.header("Cookie", cookie);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The value of the page's hidden form token. */
  static String formToken(String html) {
    java.util.regex.Matcher token = java.util.regex.Pattern.compile("name=\"form_token\" value=\"([^\"]*)\"").matcher(html);
    assertThat(token.find()).as("a form token on the page").isTrue();
    return token.group(1);
  }

  /** Signs in as a browser does: the sign-in page first (its cookie and form token), then the form. */
  static HttpResponse<String> signIn(String name, String password) throws IOException, InterruptedException {
    HttpResponse<String> page = get("/sign-in", null);
    String cookie = page.headers().firstValue("Set-Cookie").orElseThrow();
    return post("/sign-in", cookie.substring(0, cookie.indexOf(';')), "name=" + URLEncoder.encode(name, StandardCharsets.UTF_8) + "&password="
        + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&form_token=" + formToken(page.body()));
  }

  static HttpResponse<String> post(String path, String cookie, String form) throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form));
    if (cookie != null) {
      request.header("Cookie", cookie);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  static String session(String name) throws IOException, InterruptedException {
    HttpResponse<String> response = signIn(name, PASSWORD);
    assertThat(response.statusCode()).isEqualTo(303);
    String cookie = response.headers().firstValue("Set-Cookie").orElseThrow();
    return cookie.substring(0, cookie.indexOf(';'));
  }

  @Test
  void signingInGivesAnHttpOnlyStrictCookieAndAWrongPasswordNone() throws Exception {
    HttpResponse<String> wrong = signIn("cara", "not the password");
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith(DashboardServer.SESSION_COOKIE));
    assertThat(signIn("nobody", PASSWORD).statusCode()).isEqualTo(401);

    HttpResponse<String> right = signIn("cara", PASSWORD);
    assertThat(right.statusCode()).isEqualTo(303);
    assertThat(right.headers().firstValue("Location")).hasValue("/overview");
    assertThat(right.headers().firstValue("Set-Cookie").orElseThrow()).contains("HttpOnly").contains("SameSite=Strict");
  }

  @Test
  void failedSignInsLockTheNameForMinutesEvenWithTheRightPasswordAndAreAudited() throws Exception {
    for (int i = 0; i < 5; i++) {
      assertThat(signIn("lena", "guess " + i).statusCode()).isEqualTo(401);
    }
    HttpResponse<String> locked = signIn("lena", PASSWORD);
    assertThat(locked.statusCode()).isEqualTo(429);
    assertThat(locked.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith(DashboardServer.SESSION_COOKIE));
    assertThat(locked.headers().firstValue("Retry-After").map(Long::parseLong).orElseThrow()).isBetween(240L, 301L);
    assertThat(locked.body()).contains("Too many failed sign-ins").contains("Try again in 5 minutes");
    assertThat(signIn("LENA ", PASSWORD).statusCode()).isEqualTo(429);
    // The lock is the name's: another user at the same address (well under its limit of 20) still signs in.
    assertThat(signIn("cara", PASSWORD).statusCode()).isEqualTo(303);

    server.audit().flush();
    List<Map<String, Object>> rows = PublishedLake.readAll(DefaultEngine.create(new Configuration()), lake.location("ops", "audit"));
    assertThat(rows).anySatisfy(r -> assertThat(r).containsEntry("actor", "lena").containsEntry("action", "sign-in")
        .containsEntry("target", "sign-in limit").containsEntry("outcome", "REFUSED"));
  }

  @Test
  void behindATrustedProxyTheAddressLimitCountsEachClientNotTheProxy() throws Exception {
    // A second server that trusts this machine as its proxy, with an address limit of 2 failures.
    ServerSettings settings = ServerSettings.defaults(lake.root, folder.resolve("users.txt"), Path.of("../../governance/access-policy.yaml"))
        .withPort(0).withRecheck(Duration.ZERO).withTrustedProxies(java.util.Set.of("127.0.0.1"));
    settings = new ServerSettings(settings.lake(), settings.users(), settings.policy(), settings.host(), settings.port(), settings.recheck(),
        settings.auditFlush(), settings.sessionIdle(), false, new org.carelake.serve.signin.SignInLimiter.Limits(5, 2, Duration.ofMinutes(5)),
        settings.trustedProxies());
    try (DashboardServer proxied = new DashboardServer(settings, Clock.systemUTC())) {
      String at = "http://127.0.0.1:" + proxied.start();
      assertThat(signInVia(at, "198.51.100.7", "cara", "guess 1").statusCode()).isEqualTo(401);
      assertThat(signInVia(at, "198.51.100.7", "dan", "guess 2").statusCode()).isEqualTo(401);
      // That client's address is locked, whoever it signs in as...
      assertThat(signInVia(at, "198.51.100.7", "cara", PASSWORD).statusCode()).isEqualTo(429);
      // ...but another client behind the same proxy is not, and neither is the first one's spoofed header.
      assertThat(signInVia(at, "198.51.100.8", "cara", PASSWORD).statusCode()).isEqualTo(303);
      assertThat(signInVia(at, "198.51.100.7, 198.51.100.9", "cara", PASSWORD).statusCode()).isEqualTo(303);
    }
  }

  /** Signs in through a proxy that says the client is {@code forwardedFor}. */
  static HttpResponse<String> signInVia(String at, String forwardedFor, String name, String password) throws IOException, InterruptedException {
    HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(URI.create(at + "/sign-in")).header("X-Forwarded-For", forwardedFor).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    String cookie = page.headers().firstValue("Set-Cookie").orElseThrow();
    return HTTP.send(HttpRequest.newBuilder(URI.create(at + "/sign-in")).header("Content-Type", "application/x-www-form-urlencoded")
        .header("X-Forwarded-For", forwardedFor).header("Cookie", cookie.substring(0, cookie.indexOf(';')))
        .POST(HttpRequest.BodyPublishers.ofString("name=" + URLEncoder.encode(name, StandardCharsets.UTF_8) + "&password="
            + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&form_token=" + formToken(page.body())))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void signInAndSignOutRefuseAFormWithoutThePagesToken() throws Exception {
    String form = "name=cara&password=" + URLEncoder.encode(PASSWORD, StandardCharsets.UTF_8);
    HttpResponse<String> noToken = post("/sign-in", null, form);
    assertThat(noToken.statusCode()).isEqualTo(403);
    assertThat(noToken.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith(DashboardServer.SESSION_COOKIE));
    HttpResponse<String> page = get("/sign-in", null);
    String signInCookie = page.headers().firstValue("Set-Cookie").orElseThrow();
    assertThat(signInCookie).contains("HttpOnly").contains("SameSite=Strict").contains("Path=/sign-in");
    String cookiePair = signInCookie.substring(0, signInCookie.indexOf(';'));
    assertThat(post("/sign-in", cookiePair, form + "&form_token=forged").statusCode()).isEqualTo(403);
    // A token from another sign-in page is no good either: the cookie and the form must be the same page's.
    assertThat(post("/sign-in", cookiePair, form + "&form_token=" + formToken(get("/sign-in", null).body())).statusCode()).isEqualTo(403);

    String session = session("cara");
    String token = formToken(get("/overview", session).body());
    assertThat(post("/sign-out", session, "").statusCode()).isEqualTo(403);
    assertThat(post("/sign-out", session, "form_token=" + formToken(get("/overview", session("cara")).body())).statusCode()).isEqualTo(403);
    assertThat(get("/overview", session).statusCode()).as("still signed in after the refused sign-outs").isEqualTo(200);
    HttpResponse<String> signOut = post("/sign-out", session, "form_token=" + token);
    assertThat(signOut.statusCode()).isEqualTo(303);
    assertThat(get("/overview", session).statusCode()).as("signed out").isEqualTo(303);
  }

  @Test
  void withoutSigningInPagesRedirectAndDataIsRefused() throws Exception {
    assertThat(get("/overview", null).statusCode()).isEqualTo(303);
    assertThat(get("/overview", null).headers().firstValue("Location")).hasValue("/sign-in");
    assertThat(get("/data/overview.csv", null).statusCode()).isEqualTo(401);
    assertThat(get("/tables/gold/monthly_activity", null).statusCode()).isEqualTo(401);
    assertThat(get("/overview", "carelake_session=forged-token").statusCode()).isEqualTo(303);
  }

  @Test
  void overviewCsvSumsTheBoroughTotalsBesideTheSameMonthLastYear() throws Exception {
    HttpResponse<String> csv = get("/data/overview.csv?setting=gp-event&from=2026-11", session("cara"));
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
    // Manchester 1000 + 13 * 5 and Bolton 400 + 13 * 5 this month; 1000 + 5 and 400 + 5 a year before.
    assertThat(csv.body()).isEqualTo("\"Month\",\"Setting\",\"Activity\",\"Same month last year\",\"Change\"\r\n"
        + "\"2026-11\",\"gp-event\",\"1530\",\"1410\",\"+8.5%\"\r\n");
  }

  @Test
  void bedDaysReadAsDaysAndStayOutOfTheChartsOfEvents() throws Exception {
    String cookie = session("cara");
    // Manchester's bed days are the fifth setting: 1000 * 5 + 13 * 5 in the latest month.
    String borough = get("/data/borough.json?borough=" + FixtureLake.MANCHESTER, cookie).body();
    assertThat(borough).contains("[\"bed-days (days)\",\"5065\",\"50000\",\"101.3\"");
    assertThat(borough.substring(borough.indexOf("\"chart\""))).contains("\"outpatient\"").doesNotContain("bed-days");
    String overview = get("/data/overview.json", cookie).body();
    assertThat(overview).contains("\"gp-event\"").doesNotContain("bed-days");
    String days = get("/data/overview.json?setting=bed-days&from=2026-11", cookie).body();
    assertThat(days).contains("\"axisLabel\":\"Days\"").contains("[\"2026-11\",\"bed-days (days)\",\"7130\",\"7010\"");
    assertThat(get("/overview", cookie).body()).contains("<option value=\"bed-days\">bed-days (days)</option>");
  }

  @Test
  void theLongTermConditionsPageRanksTheBoroughsLsoasWithSuppressedOnesLastNeverZero() throws Exception {
    String cookie = session("cara");
    String query = "?condition=hypertension&borough=" + FixtureLake.MANCHESTER;
    assertThat(get("/data/prevalence-lsoa.csv" + query, cookie).body()).isEqualTo(
        "\"Rank\",\"LSOA\",\"Deprivation quintile\",\"People with the condition\",\"Registered population\",\"Prevalence per 1,000\"\r\n"
            + "\"1\",\"E01005001\",\"1\",\"300\",\"1500\",\"200.0\"\r\n"
            + "\"2\",\"E01005004\",\"2\",\"200\",\"1600\",\"125.0\"\r\n"
            + "\"3\",\"E01005002\",\"5\",\"100\",\"1500\",\"66.7\"\r\n"
            + "\"unranked\",\"E01005003\",\"3\",\"suppressed\",\"1500\",\"suppressed\"\r\n"
            + "\"unranked\",\"unknown\",\"unknown\",\"50\",\"400\",\"125.0\"\r\n");
    assertThat(get("/data/prevalence-lsoa.json" + query, cookie).body())
        .contains("\"categories\":[\"E01005001\",\"E01005004\",\"E01005002\"]").contains("\"values\":[200.0,125.0,66.66");
    String html = get("/prevalence" + query, cookie).body();
    assertThat(html).contains("<section class=\"part\"").contains("id=\"chart-prevalence-lsoa\"")
        .contains("href=\"/data/prevalence-lsoa.csv?condition=hypertension&amp;borough=" + FixtureLake.MANCHESTER + "\"")
        .contains("<td>unranked</td><td>E01005003</td><td>3</td><td class=\"suppressed\">suppressed</td>")
        .contains("highest E01005001 at 200.0, lowest E01005002 at 66.7")
        .doesNotContain("href=\"/prevalence-lsoa\"");
    assertThat(get("/prevalence?condition=hypertension", cookie).body()).contains("Choose a borough to rank its LSOAs");
    assertThat(get("/tables/gold/ltc_prevalence_lsoa", cookie).statusCode()).isEqualTo(200);
  }

  @Test
  void csvDownloadHoldsExactlyTheTableOnScreen() throws Exception {
    String cookie = session("cara");
    String query = "?borough=" + FixtureLake.BOLTON + "&setting=emergency-care";
    String html = get("/demand" + query, cookie).body();
    List<String> csvRows = get("/data/demand.csv" + query, cookie).body().lines().toList();
    String tbody = html.substring(html.indexOf("<tbody>"), html.indexOf("</tbody>"));
    List<String> screenRows = tbody.lines().filter(l -> l.startsWith("<tr>"))
        .map(l -> l.replaceAll("</td><td[^>]*>", "\",\"").replaceAll("<tr><td[^>]*>", "\"").replace("</td></tr>", "\"")).toList();
    assertThat(csvRows.subList(1, csvRows.size())).containsExactlyElementsOf(screenRows);
    assertThat(screenRows).hasSize(3);
  }

  @Test
  void activityByDeprivationQuintileShowsABoroughsRowsAndSumsTheRegionSayingWhatWasSuppressed() throws Exception {
    String cookie = session("cara");
    String query = "?borough=" + FixtureLake.BOLTON + "&setting=emergency-care";
    String csv = get("/data/deprivation.csv" + query, cookie).body();
    assertThat(csv.lines().toList()).containsExactly("\"Deprivation quintile\",\"Activity\",\"Registered population\",\"Rate per 1,000\"",
        "\"1\",\"150\",\"8000\",\"18.8\"", "\"2\",\"100\",\"8000\",\"12.5\"", "\"3\",\"80\",\"8000\",\"10.0\"",
        "\"4\",\"60\",\"8000\",\"7.5\"", "\"5\",\"suppressed\",\"8000\",\"suppressed\"", "\"unknown\",\"0\",\"0\",\"suppressed\"",
        "\"all\",\"395\",\"40000\",\"9.9\"");
    // the screen's table is the CSV; the chart draws the quintiles (a gap where suppressed), not the total
    String html = get("/deprivation" + query, cookie).body();
    String tbody = html.substring(html.indexOf("<tbody>"), html.indexOf("</tbody>"));
    List<String> screenRows = tbody.lines().filter(l -> l.startsWith("<tr>"))
        .map(l -> l.replaceAll("</td><td[^>]*>", "\",\"").replaceAll("<tr><td[^>]*>", "\"").replace("</td></tr>", "\"")).toList();
    assertThat(screenRows).containsExactlyElementsOf(csv.lines().skip(1).toList());
    assertThat(html).contains("<td class=\"suppressed\">suppressed</td>").contains("href=\"/deprivation\"");
    assertThat(get("/data/deprivation.json" + query, cookie).body())
        .contains("\"categories\":[\"1\",\"2\",\"3\",\"4\",\"5\",\"unknown\"]").contains("\"values\":[18.8,12.5,10.0,7.5,null,null]");
    // the region: each quintile summed over the boroughs' published rows; a rate only where nothing was suppressed
    String region = get("/data/deprivation.csv?setting=emergency-care", cookie).body();
    assertThat(region).contains("\"1\",\"450\",\"18000\",\"25.0\"", "\"5\",\"100 (+1 suppressed)\",\"18000\",\"suppressed\"",
        "\"unknown\",\"0 (+1 suppressed)\",\"10\",\"suppressed\"", "\"all\",\"1400\",\"90010\",\"15.6\"");
    assertThat(get("/tables/gold/monthly_activity_deprivation", cookie).statusCode()).isEqualTo(200);
  }

  @Test
  void suppressedCellsReadSuppressedNeverZero() throws Exception {
    String cookie = session("cara");
    String demand = get("/data/demand.csv?borough=" + FixtureLake.BOLTON + "&setting=emergency-care", cookie).body();
    assertThat(demand).contains("\"80+\",\"F\",\"suppressed\",\"300\",\"suppressed\"");
    String region = get("/data/demand.csv?setting=emergency-care", cookie).body();
    assertThat(region).contains("\"80+\",\"F\",\"25 (+1 suppressed)\",\"1100\",\"suppressed\"");
    // The chart leaves the partial sum out (a gap), rather than draw 25 as if it were the region's figure.
    assertThat(get("/data/demand.json?setting=emergency-care", cookie).body()).contains("{\"name\":\"F\",\"values\":[80.0,null]}");
    String prevalence = get("/data/prevalence.json?condition=asthma&borough=" + FixtureLake.BOLTON, cookie).body();
    assertThat(prevalence).contains("[\"Bolton\",\"5\",\"suppressed\",\"40\",\"suppressed\"]");
    String html = get("/prevalence?condition=asthma&borough=" + FixtureLake.BOLTON, cookie).body();
    assertThat(html).contains("<td class=\"suppressed\">suppressed</td>").doesNotContain("<td>0</td>");
    String measures = get("/data/measures.json?measure=t2dm_hba1c_12m&borough=" + FixtureLake.BOLTON, cookie).body();
    assertThat(measures).contains("\"suppressed\",\"15\",\"suppressed\"]").contains("\"values\":[null]");
  }

  @Test
  void aCommissionerIsRefusedEveryTableButThePlanningTables() throws Exception {
    String cookie = session("cara");
    assertThat(get("/tables/gold/monthly_activity", cookie).statusCode()).isEqualTo(200);
    HttpResponse<String> cohort = get("/tables/gold/cohort_t2dm__demo", cookie);
    assertThat(cohort.statusCode()).isEqualTo(403);
    assertThat(cohort.body()).contains("may not read gold.cohort_t2dm__demo");
    assertThat(get("/tables/ops/audit", cookie).statusCode()).isEqualTo(403);
    assertThat(get("/tables/restricted/identity", cookie).statusCode()).isEqualTo(403);
    assertThat(get("/tables/silver/person", cookie).statusCode()).isEqualTo(403);
    assertThat(get("/tables/ops/data_quality", cookie).statusCode()).isEqualTo(403);
    assertThat(get("/quality", cookie).statusCode()).isEqualTo(403);
    assertThat(get("/data/quality.json", cookie).statusCode()).isEqualTo(403);
    // The policy grants commissioners ops.runs (when each night ran): the last successful night, and of the table only its declared columns.
    assertThat(get("/freshness", cookie).body()).contains("Last successful night: 2026-11-26").doesNotContain("may not read ops.runs");
    String runs = get("/tables/ops/runs", cookie).body();
    assertThat(runs.lines().findFirst().orElseThrow())
        .isEqualTo("\"run_id\",\"night\",\"stages\",\"outcome\",\"code_version\",\"started_at\",\"finished_at\"");
    assertThat(runs).contains("\"2026-11-26\"").doesNotContain(FixtureLake.RUN_MESSAGE).doesNotContain("fingerprint-1");
    assertThat(get("/overview", cookie).body()).contains("href=\"/prevalence\"").doesNotContain("href=\"/quality\"");

    String engineer = session("dan");
    assertThat(get("/quality", engineer).statusCode()).isEqualTo(200);
    assertThat(get("/overview", engineer).body()).contains("href=\"/quality\"");
    assertThat(get("/freshness", engineer).body()).contains("Last successful night: 2026-11-26");
    // A data engineer may read silver, but the dashboard serves only its own list of tables.
    assertThat(get("/tables/silver/person", engineer).statusCode()).isEqualTo(404);
  }

  @Test
  void pathTraversalReachesNothing() throws Exception {
    String cookie = session("dan");
    for (String path : List.of("/tables/gold/..%2F..%2Frestricted%2Fidentity", "/tables/..%2Frestricted/identity",
        "/tables/gold/../../restricted/identity", "/data/..%2F..%2F..%2Fpom.xml", "/data/../../pom.xml",
        "/assets/..%2F..%2F..%2Fpom.xml", "/assets/%2e%2e%2f%2e%2e%2fpom.xml", "/webjars/../../../../etc/passwd",
        "/webjars/%2e%2e/%2e%2e/%2e%2e/etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/tables/gold/monthly_activity%00.csv")) {
      HttpResponse<String> response = get(path, cookie);
      assertThat(response.statusCode()).as(path).isIn(400, 403, 404);
      assertThat(response.body()).as(path).doesNotContain("root:").doesNotContain("<modelVersion>");
    }
  }

  @Test
  void injectedParametersAreRefusedAndNeverEchoed() throws Exception {
    String cookie = session("cara");
    for (String query : List.of("borough=" + URLEncoder.encode("E08000003' OR '1'='1", StandardCharsets.UTF_8),
        "setting=" + URLEncoder.encode("<script>alert(1)</script>", StandardCharsets.UTF_8),
        "condition=" + URLEncoder.encode("asthma; DROP TABLE gold.measures", StandardCharsets.UTF_8),
        "measure=" + URLEncoder.encode("x' UNION SELECT * FROM restricted.identity --", StandardCharsets.UTF_8),
        "from=" + URLEncoder.encode("2026-01<img src=x onerror=alert(1)>", StandardCharsets.UTF_8),
        "table=restricted.identity")) {
      for (String path : List.of("/overview?", "/data/prevalence.json?", "/data/measures.csv?")) {
        HttpResponse<String> response = get(path + query, cookie);
        assertThat(response.statusCode()).as(path + query).isEqualTo(400);
        assertThat(response.body()).as(path + query).doesNotContain("<script>alert").doesNotContain("<img").doesNotContain("UNION")
            .doesNotContain("DROP");
      }
    }
  }

  @Test
  void textFromTheDataIsEscapedInHtmlAndNeutralisedInCsv() throws Exception {
    String cookie = session("cara");
    String html = get("/measures?measure=emergency_readmissions_30d", cookie).body();
    assertThat(html).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; readmissions").doesNotContain("<script>alert");
    String table = get("/tables/gold/measures", cookie).body();
    assertThat(table).contains("\"'=HYPERLINK(\"\"http://example.invalid\"\",\"\"click\"\")\"").doesNotContain(",\"=HYPERLINK");
    assertThat(table).contains("\"suppressed\"");
  }

  @Test
  void responsesCarryAContentSecurityPolicy() throws Exception {
    HttpResponse<String> page = get("/overview", session("cara"));
    assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).contains("script-src 'self'");
    assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(get("/webjars/echarts/5.3.1/dist/echarts.min.js", null).statusCode()).isEqualTo(200);
  }

  @Test
  void aNewTableVersionIsServedWithoutARestart() throws Exception {
    String cookie = session("cara");
    assertThat(get("/data/overview.csv?setting=community", cookie).body()).doesNotContain("2026-12");
    lake.append.append(lake.location("gold", "monthly_activity"), FixtureLake.MONTHLY_ACTIVITY, Map.of(), List.<Object[]>of(
        FixtureLake.activityRow(LocalDate.of(2026, 12, 1), FixtureLake.MANCHESTER, "community", "all", "all", 555, 50_000, 11.1)));
    // Requests never wait for the Delta log: the first after the commit starts a look in the background (recheck is 0 here),
    // and the new version is served as soon as it is read, within moments, without a restart.
    String body = "";
    for (int attempt = 0; attempt < 100 && !body.contains("2026-12"); attempt++) {
      body = get("/data/overview.csv?setting=community", cookie).body();
      Thread.sleep(50);
    }
    assertThat(body).contains("\"2026-12\",\"community\",\"555\"");
    assertThat(get("/freshness", cookie).body()).contains("<td>gold.monthly_activity</td><td>1</td>");
  }

  @Test
  void everyRequestIsAuditedInTheAppendOnlyAuditTable() throws Exception {
    String cookie = session("cara");
    get("/prevalence?condition=asthma", cookie);
    get("/tables/gold/cohort_t2dm__demo", cookie);
    get("/data/overview.json?borough=bad", cookie);
    get("/overview", null);
    server.audit().flush();

    Engine engine = DefaultEngine.create(new Configuration());
    String location = lake.location("ops", "audit");
    assertThat(Table.forPath(engine, location).getLatestSnapshot(engine).getTableProperties()).containsEntry("delta.appendOnly", "true");
    List<Map<String, Object>> rows = PublishedLake.readAll(engine, location);
    assertThat(rows).anySatisfy(r -> assertThat(r).containsEntry("actor", "cara").containsEntry("role", "commissioner")
        .containsEntry("action", "serve GET /{page}").containsEntry("target", "gold.ltc_prevalence").containsEntry("outcome", "ALLOWED")
        .containsEntry("purpose", "service planning").containsEntry("identifiers_shown", false));
    assertThat(rows).anySatisfy(r -> assertThat(r).containsEntry("actor", "cara").containsEntry("target", "gold.cohort_t2dm__demo")
        .containsEntry("outcome", "REFUSED").containsEntry("rows_returned", 0L));
    assertThat(rows).anySatisfy(r -> assertThat(r).containsEntry("actor", "cara").containsEntry("target", "filters").containsEntry("outcome", "REFUSED"));
    assertThat(rows).anySatisfy(r -> assertThat(r).containsEntry("actor", "anonymous").containsEntry("outcome", "REFUSED"));
    assertThat(rows).anySatisfy(r -> assertThat(r).containsEntry("action", "sign-in").containsEntry("outcome", "ALLOWED"));
    assertThat(rows).allSatisfy(r -> assertThat(r.get("audit_id")).isNotNull());
  }

  @Test
  void theAuditTableIsCheckpointedSoItsLogDoesNotGrowForEveryReader() throws Exception {
    String cookie = session("cara");
    for (int i = 0; i < 12; i++) {
      get("/data/borough.json", cookie);
      server.audit().flush();
    }
    Path log = Path.of(lake.location("ops", "audit")).resolve("_delta_log");
    try (var files = java.nio.file.Files.list(log)) {
      assertThat(files.map(f -> f.getFileName().toString())).anyMatch(name -> name.endsWith(".checkpoint.parquet"));
    }
    assertThat(log.resolve("_last_checkpoint")).exists();
  }
}
