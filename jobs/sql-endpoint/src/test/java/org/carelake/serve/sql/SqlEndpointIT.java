package org.carelake.serve.sql;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.carelake.access.ProjectTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SQL endpoint over a tiny lake of its own (two projects' cohort tables, a reference table, a
 * silver table, an expired project's table), driven by the real Spark Connect client from PyPI
 * (install-connect-client.sh's venv) on loopback: a project reads its own table (now and at an older
 * version) and the reference table, and nothing else; bad, expired and revoked tokens and a user_id
 * that is not the token's project are refused; CareLake's SQL functions (disclosure, table_version) answer, and
 * table_version refuses another project's table; ops.audit holds every query's outcome.
 */
class SqlEndpointIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final StructType COHORT = new StructType()
      .add("patient_id", DataTypes.StringType, false)
      .add("age_band", DataTypes.StringType, false)
      .add("hba1c_tests", DataTypes.LongType, false);

  @TempDir static Path work;
  private static SparkSession spark;
  private static SqlEndpoint endpoint;
  private static String lake;
  private static String alpha;

  @BeforeAll
  static void startEndpoint() throws Exception {
    long started = System.nanoTime();
    lake = work.resolve("lake").toAbsolutePath().toString();
    Path policy = work.resolve("access-policy.yaml");
    Files.writeString(policy, """
        apiVersion: carelake/v1
        kind: AccessPolicy
        version: 1
        roles:
          researcher:
            description: A researcher on an approved project.
            project: required
            grants:
              - {zone: gold, tables: [project, measures], actions: [read]}
              - {zone: reference, tables: ["*"], actions: [read]}
        projects:
          alpha:
            title: Project A
            purpose: cohort study a
            expires: 2099-12-31
            datasets: [cohort_t2dm]
            key: derived
          beta:
            title: Project B
            purpose: cohort study b
            expires: 2099-12-31
            datasets: [cohort_t2dm]
            key: derived
          gamma:
            title: Project C, approval ended
            purpose: cohort study c
            expires: 2020-01-31
            datasets: [cohort_t2dm]
            key: derived
        """, StandardCharsets.UTF_8);
    SqlEndpointSettings settings = new SqlEndpointSettings(lake, Path.of("../../sql"), work.resolve("tokens.txt"), policy, "127.0.0.1", 0);
    spark = SqlEndpoint.createSession(settings, Map.of("spark.master", "local[2]", "spark.ui.enabled", "false",
        "spark.driver.host", "127.0.0.1", "spark.driver.bindAddress", "127.0.0.1", "spark.sql.shuffle.partitions", "2",
        "spark.default.parallelism", "2", "spark.databricks.delta.snapshotPartitions", "2"));

    write("gold/cohort_t2dm__alpha", SaveMode.ErrorIfExists, row("pa-1", "40-59", 2), row("pa-2", "60-79", 1));
    write("gold/cohort_t2dm__alpha", SaveMode.Append, row("pa-3", "18-39", 0)); // version 1
    write("gold/cohort_t2dm__beta", SaveMode.ErrorIfExists, row("pb-1", "40-59", 4), row("pb-2", "80+", 3));
    write("gold/cohort_t2dm__gamma", SaveMode.ErrorIfExists, row("pc-1", "40-59", 1));
    write("silver/person", SaveMode.ErrorIfExists, row("s-1", "40-59", 0));
    write("reference/age_band", SaveMode.ErrorIfExists, row("r-1", "18-39", 0), row("r-2", "40-59", 0));
    spark.sql("SELECT * FROM VALUES ('m-1', DATE'2026-10-31'), ('m-1', DATE'2026-11-30') AS t(measure_id, period_end)")
        .write().format("delta").save(lake + "/gold/measures");

    alpha = ProjectTokens.issue(settings.tokens(), "alpha", Instant.now(), Instant.now().plus(Duration.ofDays(1))).token();
    long written = System.nanoTime();
    endpoint = SqlEndpoint.start(spark, settings, Clock.systemUTC());
    System.err.printf("SqlEndpointIT: Spark and the lake in %.1f s, endpoint started in %.1f s%n", (written - started) / 1e9,
        (System.nanoTime() - written) / 1e9);
  }

  @AfterAll
  static void stop() {
    if (endpoint != null) {
      endpoint.close();
    }
    if (spark != null) {
      spark.stop();
    }
  }

  @Test
  void aProjectReadsOnlyItsOwnAndTheSharedTablesAndEveryQueryIsAudited() throws Exception {
    Path tokens = work.resolve("tokens.txt");
    Instant now = Instant.now();
    String beta = ProjectTokens.issue(tokens, "beta", now, now.plus(Duration.ofDays(1))).token();
    String gamma = ProjectTokens.issue(tokens, "gamma", now, now.plus(Duration.ofDays(1))).token();
    String expired = ProjectTokens.issue(tokens, "alpha", now.minus(Duration.ofDays(2)), now.minus(Duration.ofDays(1))).token();
    ProjectTokens.Issued revoked = ProjectTokens.issue(tokens, "alpha", now, now.plus(Duration.ofDays(1)));
    ProjectTokens.revokeId(tokens, revoked.entry().id(), now); // read by the running endpoint without a restart

    ArrayNode cases = JSON.createArrayNode();
    add(cases, "own", remote(alpha, "alpha"), "sql", "SELECT patient_id, age_band, hba1c_tests FROM gold.cohort_t2dm__alpha ORDER BY patient_id");
    add(cases, "own_version_0", remote(alpha, "alpha"), "sql", "SELECT count(*) FROM gold.cohort_t2dm__alpha VERSION AS OF 0");
    add(cases, "reference", remote(alpha, "alpha"), "sql", "SELECT count(*) FROM reference.age_band");
    cases.addObject().put("name", "own_version_0_option").put("remote", remote(alpha, "alpha"))
        .put("table_version", "gold.cohort_t2dm__alpha").put("version", 0);
    add(cases, "show_tables", remote(alpha, "alpha"), "sql", "SHOW TABLES IN gold");
    // Delta answers a whole table's min/max from its file statistics with java.sql.Date values, which
    // a session with Java 8 date types rejected (ClassCastException): the endpoint turns that off.
    add(cases, "latest_date", remote(alpha, "alpha"), "sql", "SELECT max(period_end) FROM gold.measures");
    cases.addObject().put("name", "temporary_view").put("remote", remote(alpha, "alpha")).putArray("sql")
        .add("CREATE OR REPLACE TEMPORARY VIEW mine AS SELECT * FROM gold.cohort_t2dm__alpha").add("SELECT count(*) FROM mine");
    add(cases, "view_over_other", remote(alpha, "alpha"), "sql",
        "CREATE OR REPLACE TEMPORARY VIEW theirs AS SELECT * FROM gold.cohort_t2dm__beta");
    add(cases, "describe_history", remote(alpha, "alpha"), "sql", "DESCRIBE HISTORY gold.cohort_t2dm__alpha");
    add(cases, "other_project", remote(alpha, "alpha"), "sql", "SELECT * FROM gold.cohort_t2dm__beta");
    add(cases, "other_in_subquery", remote(alpha, "alpha"), "sql",
        "SELECT count(*) FROM gold.cohort_t2dm__alpha WHERE patient_id IN (SELECT patient_id FROM gold.cohort_t2dm__beta)");
    add(cases, "silver_by_path", remote(alpha, "alpha"), "sql", "SELECT * FROM delta.`" + lake + "/silver/person`");
    add(cases, "own_by_path", remote(alpha, "alpha"), "read_path", lake + "/gold/cohort_t2dm__alpha");
    add(cases, "parquet_files", remote(alpha, "alpha"), "sql", "SELECT * FROM parquet.`" + lake + "/gold/cohort_t2dm__beta`");
    add(cases, "drop_table", remote(alpha, "alpha"), "sql", "DROP TABLE gold.cohort_t2dm__alpha");
    add(cases, "write_table", remote(alpha, "alpha"), "write_table", "gold.mine");
    add(cases, "reflect", remote(alpha, "alpha"), "sql", "SELECT reflect('java.lang.System', 'getProperty', 'user.home')");
    add(cases, "python_udf", remote(alpha, "alpha"), "python_udf", "yes");
    add(cases, "set_catalog", remote(alpha, "alpha"), "sql", "SET spark.sql.catalog.spark_catalog=org.apache.spark.sql.internal.CatalogImpl");
    cases.addObject().put("name", "conf_extensions").put("remote", remote(alpha, "alpha"))
        .putArray("conf_set").add("spark.sql.extensions").add("x");
    add(cases, "beta_own", remote(beta, "beta"), "sql", "SELECT count(*) FROM gold.cohort_t2dm__beta");
    add(cases, "disclosure_functions", remote(alpha, "alpha"), "sql",
        "SELECT disclose(count(*)), disclosure_status(count(*)), disclose(12), disclose_rate(12, 98, 1000) FROM gold.cohort_t2dm__alpha");
    add(cases, "table_version", remote(alpha, "alpha"), "sql", "SELECT table_version('gold.cohort_t2dm__alpha')");
    add(cases, "table_version_other", remote(alpha, "alpha"), "sql", "SELECT table_version('gold.cohort_t2dm__beta')");
    add(cases, "wrong_token", remote(alpha.substring(0, alpha.length() - 4) + "AAAA", "alpha"), "sql", "SELECT 1");
    add(cases, "expired_token", remote(expired, "alpha"), "sql", "SELECT 1");
    add(cases, "revoked_token", remote(revoked.token(), "alpha"), "sql", "SELECT 1");
    add(cases, "user_not_project", remote(alpha, "beta"), "sql", "SELECT * FROM gold.cohort_t2dm__beta");
    add(cases, "expired_project", remote(gamma, "gamma"), "sql", "SELECT * FROM gold.cohort_t2dm__gamma");

    long started = System.nanoTime();
    JsonNode result = run(cases);
    System.err.printf("SqlEndpointIT: the client's %d cases in %.1f s%n", cases.size(), (System.nanoTime() - started) / 1e9);
    Files.createDirectories(Path.of("target"));
    Files.writeString(Path.of("target/connect-client-result.json"), result.toPrettyString()); // what the researcher saw, for a failed build

    assertThat(result.get("own").get("rows")).isEqualTo(JSON.readTree(
        "[[\"pa-1\",\"40-59\",\"2\"],[\"pa-2\",\"60-79\",\"1\"],[\"pa-3\",\"18-39\",\"0\"]]"));
    assertThat(result.at("/own_version_0/rows/0/0").asText()).isEqualTo("2");
    assertThat(result.at("/reference/rows/0/0").asText()).isEqualTo("2");
    assertThat(result.at("/own_version_0_option/rows/0/0").asText()).isEqualTo("2");
    assertThat(result.at("/show_tables/rows").toString()).contains("cohort_t2dm__alpha");
    assertThat(result.at("/latest_date/rows/0/0").asText()).as(result.get("latest_date").toString()).isEqualTo("2026-11-30");
    assertThat(result.at("/temporary_view/rows/0/0").asText()).isEqualTo("3");
    assertRefused(result, "view_over_other", "gold.cohort_t2dm__beta");
    assertRefused(result, "describe_history", "not allowed");
    assertThat(result.at("/beta_own/rows/0/0").asText()).isEqualTo("2");
    assertThat(result.get("disclosure_functions").get("rows")).isEqualTo(JSON.readTree("[[null,\"suppressed\",\"10\",\"100.0\"]]"));
    assertThat(result.at("/table_version/rows/0/0").asText()).isEqualTo("1");
    assertRefused(result, "table_version_other", "gold.cohort_t2dm__beta");
    assertRefused(result, "other_project", "gold.cohort_t2dm__beta");
    assertRefused(result, "other_in_subquery", "gold.cohort_t2dm__beta");
    assertRefused(result, "silver_by_path", "may not read silver.person");
    assertRefused(result, "own_by_path", "by its name");
    assertRefused(result, "parquet_files", "reading files by path");
    assertRefused(result, "drop_table", "not allowed");
    assertRefused(result, "write_table", "not allowed");
    assertRefused(result, "reflect", "reflect");
    assertRefused(result, "python_udf", "PythonUDF");
    assertRefused(result, "set_catalog", "spark.sql.catalog.spark_catalog");
    assertRefused(result, "conf_extensions", "spark.sql.extensions");
    assertRefused(result, "wrong_token", "bearer token");
    assertRefused(result, "expired_token", "expired");
    assertRefused(result, "revoked_token", "revoked");
    assertRefused(result, "user_not_project", "user_id must be the token's project");
    assertRefused(result, "expired_project", "approval has expired");
    assertThat(result.toString()).doesNotContain("pb-1").doesNotContain("s-1").doesNotContain("pc-1")
        .doesNotContain(alpha).doesNotContain(ProjectTokens.PREFIX + ".").doesNotContain("JVM stacktrace");

    started = System.nanoTime();
    endpoint.flushAudit();
    System.err.printf("SqlEndpointIT: audit written %.1f s later%n", (System.nanoTime() - started) / 1e9);
    List<Row> audit = spark.read().format("delta").load(lake + "/ops/audit")
        .select("actor", "role", "project", "action", "target", "outcome", "rows_returned").collectAsList();
    assertThat(audit).anySatisfy(row -> {
      assertThat(row.getString(2)).isEqualTo("alpha");
      assertThat(row.getString(1)).isEqualTo("researcher");
      assertThat(row.getString(0)).startsWith("tok-");
      assertThat(row.getString(4)).isEqualTo("gold.cohort_t2dm__alpha");
      assertThat(row.getString(5)).isEqualTo("ALLOWED");
      assertThat(row.getLong(6)).isEqualTo(3L);
    });
    assertThat(audit).anySatisfy(row -> {
      assertThat(row.getString(2)).isEqualTo("alpha");
      assertThat(row.getString(4)).contains("gold.cohort_t2dm__beta");
      assertThat(row.getString(5)).isEqualTo("REFUSED");
    });
    assertThat(audit).anySatisfy(row -> {
      assertThat(row.getString(2)).isEqualTo("alpha");
      assertThat(row.getString(0)).isEqualTo(revoked.entry().id());
      assertThat(row.getString(4)).contains("token revoked");
      assertThat(row.getString(5)).isEqualTo("REFUSED");
    });
    assertThat(audit).anySatisfy(row -> {
      assertThat(row.getString(2)).isEqualTo("beta");
      assertThat(row.getString(5)).isEqualTo("ALLOWED");
      assertThat(row.getString(4)).isEqualTo("gold.cohort_t2dm__beta");
    });
    assertThat(audit.toString()).doesNotContain(alpha).doesNotContain(ProjectTokens.PREFIX + ".").doesNotContain("pa-1");
  }

  private static void assertRefused(JsonNode result, String name, String says) {
    JsonNode outcome = result.get(name);
    assertThat(outcome.has("error")).as(name + " refused, got " + outcome).isTrue();
    assertThat(outcome.get("message").asText()).as(name).contains(says);
  }

  private static void add(ArrayNode cases, String name, String remote, String kind, String what) {
    ObjectNode node = cases.addObject();
    node.put("name", name).put("remote", remote).put(kind, what);
  }

  private static String remote(String token, String userId) {
    return "sc://localhost:" + endpoint.port() + "/;token=" + token + ";user_id=" + userId;
  }

  private static Row row(String id, String band, long tests) {
    return RowFactory.create(id, band, tests);
  }

  private static void write(String table, SaveMode mode, Row... rows) {
    spark.createDataFrame(List.of(rows), COHORT).write().format("delta").mode(mode).save(lake + "/" + table);
  }

  private static JsonNode run(ArrayNode cases) throws Exception {
    String venv = System.getenv("CARELAKE_CONNECT_CLIENT_VENV");
    String python = venv != null ? venv + "/bin/python" : System.getProperty("carelake.test.connect-python", ".connect-client-venv/bin/python");
    Process process = new ProcessBuilder(python, Path.of("src/test/python/connect_client_check.py").toAbsolutePath().toString()).start();
    try (var stdin = process.getOutputStream()) {
      stdin.write(JSON.writeValueAsBytes(cases));
    }
    var stderr = new java.io.ByteArrayOutputStream();
    Thread drain = new Thread(() -> {
      try {
        process.getErrorStream().transferTo(stderr);
      } catch (java.io.IOException ignored) {
        // the process ended
      }
    });
    drain.start();
    byte[] out = process.getInputStream().readAllBytes();
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("the client finished").isTrue();
    drain.join();
    assertThat(process.exitValue()).as("client stderr: " + stderr.toString(StandardCharsets.UTF_8)).isZero();
    System.err.print(stderr.toString(StandardCharsets.UTF_8).lines().filter(l -> l.matches("[a-z_0-9]+: [0-9.]+ s"))
        .map(l -> "SqlEndpointIT:   " + l + "\n").reduce("", String::concat));
    return JSON.readTree(out);
  }
}
