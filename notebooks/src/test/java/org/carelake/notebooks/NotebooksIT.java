package org.carelake.notebooks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.carelake.access.ProjectTokens;
import org.carelake.disclosure.DisclosureRule;
import org.carelake.disclosure.PublishedCell;
import org.carelake.lake.Zone;
import org.carelake.nightly.SmallNight;
import org.carelake.serve.sql.SqlEndpoint;
import org.carelake.serve.sql.SqlEndpointSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every researcher notebook, run end to end with papermill in the notebooks' venv (the real Spark
 * Connect client and a real Jupyter kernel) against the real SQL endpoint over a copy of the shared
 * small demo lake, as the {@code demo} project: each must finish without error (its own asserts
 * included), the figures it writes out must equal the gold tables read here directly, and ops.audit
 * must hold the project's queries. Between notebook 1 (which cites a table's version) and notebook 5
 * (which re-runs the cited result) the table gains a version, as a later night would give it.
 */
class NotebooksIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DisclosureRule RULE = DisclosureRule.defaults();
  private static final Path NOTEBOOKS = Path.of(System.getProperty("carelake.test.notebooks", ".")).toAbsolutePath().normalize();
  private static final Path HOME = NOTEBOOKS.getParent();

  @TempDir static Path work;
  private static SparkSession spark;
  private static SqlEndpoint endpoint;
  private static SmallNight.Copy night;
  private static String connection;

  @BeforeAll
  static void startEndpoint() throws Exception {
    long started = System.nanoTime();
    Path tokens = work.resolve("tokens.txt");
    Path policy = HOME.resolve("governance/access-policy.yaml");
    Path sql = HOME.resolve("sql");
    // The shared lake first: if this JVM builds it, it does so in the shared test session, which is
    // then stopped, as the endpoint needs a session with its own extensions (fixed when Spark starts),
    // whose query guard refuses every session it was not given.
    night = SmallNight.copy("notebooks-it");
    if (SparkSession.getDefaultSession().isDefined()) {
      SparkSession.getDefaultSession().get().stop();
    }
    spark = SqlEndpoint.createSession(new SqlEndpointSettings(night.settings().lakeRoot(), sql, tokens, policy, "127.0.0.1", 0),
        Map.of("spark.master", "local[2]", "spark.ui.enabled", "false", "spark.driver.host", "127.0.0.1",
            "spark.driver.bindAddress", "127.0.0.1", "spark.sql.shuffle.partitions", "2", "spark.default.parallelism", "2",
            "spark.databricks.delta.snapshotPartitions", "2"));
    long lakeReady = System.nanoTime();
    SqlEndpointSettings settings = new SqlEndpointSettings(night.settings().lakeRoot(), sql, tokens, policy, "127.0.0.1", 0);
    Instant now = Instant.now();
    String token = ProjectTokens.issue(tokens, "demo", now, now.plus(Duration.ofDays(1))).token();
    endpoint = SqlEndpoint.start(spark, settings, Clock.systemUTC());
    // localhost, not 127.0.0.1: only there does the client send a token over plain text (local channel credentials)
    connection = "sc://localhost:" + endpoint.port() + "/;token=" + token + ";user_id=demo";
    System.err.printf("NotebooksIT: lake in %.1f s, endpoint started in %.1f s%n", (lakeReady - started) / 1e9,
        (System.nanoTime() - lakeReady) / 1e9);
  }

  @AfterAll
  static void stop() {
    if (endpoint != null) {
      endpoint.close();
    }
  }

  @Test
  void everyNotebookRunsAndItsFiguresAreTheGoldTables() throws Exception {
    List<Path> notebooks = notebooks();
    assertThat(notebooks).extracting(n -> n.getFileName().toString()).containsExactly("01-getting-started.ipynb", "02-cohort.ipynb",
        "03-prevalence-by-deprivation.ipynb", "04-incidence-trend.ipynb", "05-rerun-a-build.ipynb");
    Path runs = Files.createDirectories(work.resolve("runs"));
    Map<String, JsonNode> figures = new HashMap<>();
    for (Path notebook : notebooks) {
      String name = notebook.getFileName().toString().replace(".ipynb", "");
      if (name.startsWith("05")) {
        laterNight("cohort_t2dm__demo");
      }
      figures.put(name.substring(0, 2), papermill(notebook, runs, name));
    }

    JsonNode cited = figures.get("01").get("citation");
    String citedTable = "cohort_t2dm__demo";
    assertThat(cited.get("table").asText()).isEqualTo("gold." + citedTable);
    long citedVersion = cited.get("version").asLong();
    long currentVersion = io.delta.tables.DeltaTable.forPath(spark, night.lake().table(Zone.GOLD, citedTable).path()).history(1)
        .first().<Long>getAs("version");
    assertThat(citedVersion).as("the version before the later night").isEqualTo(currentVersion - 1);
    assertPublished(cited.get("people"), cited.get("people_status"), gold(citedTable, citedVersion).count());
    assertThat(figures.get("01").get("own_tables").toString()).contains("cohort_t2dm__demo", "cohort_type_2_diabetes__demo",
        "cohort_type_2_diabetes_attrition__demo").doesNotContain("measures");

    List<Row> attrition = gold("cohort_type_2_diabetes_attrition__demo").orderBy("step").select("step", "people", "people_status")
        .collectAsList();
    JsonNode notebookAttrition = figures.get("02").get("attrition");
    assertThat(notebookAttrition.size()).isEqualTo(attrition.size()).isGreaterThan(1);
    for (int i = 0; i < attrition.size(); i++) {
      Row step = attrition.get(i);
      JsonNode shown = notebookAttrition.get(i);
      assertThat(shown.get("step").asInt()).isEqualTo(((Number) step.get(0)).intValue());
      assertThat(shown.get("people").isNull() ? null : shown.get("people").asLong()).isEqualTo(step.isNullAt(1) ? null : step.getLong(1));
      assertThat(shown.get("people_status").asText()).isEqualTo(step.getString(2));
    }
    Dataset<Row> cohort = gold("cohort_type_2_diabetes__demo");
    assertPublished(figures.get("02").at("/cohort/people"), figures.get("02").at("/cohort/people_status"), cohort.count());
    for (JsonNode cell : figures.get("02").get("baseline")) {
      if (cell.get("variable").asText().equals("sex")) {
        assertPublished(cell.get("people"), cell.get("people_status"), cohort.filter(col("sex").equalTo(cell.get("level").asText())).count());
      }
    }

    Dataset<Row> prevalence = gold("ltc_prevalence").filter(col("condition").equalTo("type-2-diabetes"));
    Object latest = prevalence.agg(org.apache.spark.sql.functions.max("month")).first().get(0);
    assertThat(figures.get("03").get("month").asText()).isEqualTo(latest.toString());
    Map<String, Row> byQuintile = new HashMap<>();
    // A borough cell counts only when both its counts are published (the rate compares like with like).
    org.apache.spark.sql.Column bothShown = col("people_with_condition_status").notEqual("suppressed")
        .and(col("registered_population_status").notEqual("suppressed"));
    prevalence.filter(col("month").equalTo(latest)).filter(col("deprivation_quintile").notEqual("all"))
        .groupBy("deprivation_quintile").agg(
            org.apache.spark.sql.functions.sum(org.apache.spark.sql.functions.when(bothShown, col("people_with_condition"))),
            org.apache.spark.sql.functions.sum(org.apache.spark.sql.functions.when(bothShown, col("registered_population"))))
        .collectAsList().forEach(row -> byQuintile.put(row.getString(0), row));
    assertThat(figures.get("03").get("by_quintile").size()).isEqualTo(byQuintile.size()).isPositive();
    for (JsonNode quintile : figures.get("03").get("by_quintile")) {
      Row gold = byQuintile.get(quintile.get("deprivation_quintile").asText());
      assertThat(value(quintile.get("people_with_condition"))).isEqualTo(gold.isNullAt(1) ? null : gold.getLong(1));
      assertThat(value(quintile.get("registered_population"))).isEqualTo(gold.isNullAt(2) ? null : gold.getLong(2));
    }

    JsonNode trend = figures.get("04").get("trend");
    assertThat(trend.get(0).get("year").asInt()).isEqualTo(2020);
    for (JsonNode year : trend) {
      long raw = cohort.filter(org.apache.spark.sql.functions.year(col("index_date")).equalTo(year.get("year").asInt())).count();
      assertPublished(year.get("new_cases"), year.get("new_cases_status"), raw);
    }
    assertThat(trend.findValues("registered_population")).as("the last years have their registered population")
        .anySatisfy(population -> assertThat(population.asLong()).isPositive());

    JsonNode rerun = figures.get("05").get("rerun");
    assertThat(rerun.get("version").asLong()).isEqualTo(cited.get("version").asLong());
    assertThat(rerun.get("people")).isEqualTo(cited.get("people"));
    assertThat(rerun.get("current_version").asLong()).isGreaterThan(cited.get("version").asLong());

    endpoint.flushAudit();
    List<Row> audit = spark.read().format("delta").load(night.lake().table(Zone.OPS, "audit").path())
        .filter(col("project").equalTo("demo")).select("role", "target", "outcome").collectAsList();
    assertThat(audit).allSatisfy(row -> assertThat(row.getString(0)).isEqualTo("researcher"));
    assertThat(audit).anySatisfy(row -> {
      assertThat(row.getString(1)).contains("gold.cohort_type_2_diabetes__demo");
      assertThat(row.getString(2)).isEqualTo("ALLOWED");
    });
    assertThat(audit).anySatisfy(row -> assertThat(row.getString(1)).contains("gold.ltc_prevalence"));
    // No table a notebook reads is refused. (The client's own clean-up of its ML cache when a session
    // ends is an ML command, which the endpoint refuses and audits; that is not a notebook's query.)
    assertThat(audit).noneSatisfy(row -> {
      assertThat(row.getString(2)).isEqualTo("REFUSED");
      assertThat(row.getString(1)).doesNotContain("ml_command");
    });
  }

  private static List<Path> notebooks() throws IOException {
    try (Stream<Path> files = Files.list(NOTEBOOKS)) {
      return files.filter(f -> f.getFileName().toString().matches("\\d\\d-.*\\.ipynb")).sorted().toList();
    }
  }

  /** Runs one notebook with papermill from the venv, in the folder all runs share (citation.json passes from 1 to 5). */
  private static JsonNode papermill(Path notebook, Path runs, String name) throws Exception {
    Path venv = Path.of(System.getProperty("carelake.test.notebooks-venv", NOTEBOOKS.resolve(".venv").toString()));
    Path figures = runs.resolve(name + ".json");
    Path log = runs.resolve(name + ".log");
    List<String> command = new ArrayList<>(List.of(venv.resolve("bin/papermill").toString(), notebook.toString(),
        runs.resolve(name + ".ipynb").toString(), "-k", "carelake", "--cwd", runs.toString(), "-p", "project", "demo",
        "-p", "figures_out", figures.toString()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("CARELAKE_CONNECT", connection); // not a parameter: papermill writes parameters into its output
    builder.environment().put("MPLBACKEND", "Agg");
    builder.environment().put("PATH", venv.resolve("bin") + ":" + System.getenv("PATH"));
    long started = System.nanoTime();
    Process process = builder.start();
    boolean finished = process.waitFor(3, TimeUnit.MINUTES);
    if (!finished) {
      process.destroyForcibly();
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(finished && process.exitValue() == 0).as(name + " failed; papermill said:\n" + output).isTrue();
    System.err.printf("NotebooksIT: %s in %.1f s%n", name, (System.nanoTime() - started) / 1e9);
    String executed = Files.readString(runs.resolve(name + ".ipynb"), StandardCharsets.UTF_8);
    assertThat(executed).as("the token stays out of the executed notebook").doesNotContain(ProjectTokens.PREFIX + ".");
    return JSON.readTree(figures.toFile());
  }

  /** A later night rebuilt the table: one more version with the same rows appended, so its figure now differs. */
  private static void laterNight(String table) {
    String path = night.lake().table(Zone.GOLD, table).path();
    spark.read().format("delta").load(path).write().format("delta").mode("append").save(path);
  }

  private static Dataset<Row> gold(String table) {
    return spark.read().format("delta").load(night.lake().table(Zone.GOLD, table).path());
  }

  private static Dataset<Row> gold(String table, long version) {
    return spark.read().format("delta").option("versionAsOf", version).load(night.lake().table(Zone.GOLD, table).path());
  }

  private static void assertPublished(JsonNode people, JsonNode status, long raw) {
    PublishedCell cell = RULE.count(raw);
    assertThat(value(people)).as("published count of %d", raw).isEqualTo(cell.value());
    assertThat(status.asText()).isEqualTo(cell.status().label());
  }

  private static Long value(JsonNode node) {
    return node == null || node.isNull() ? null : node.asLong();
  }
}
