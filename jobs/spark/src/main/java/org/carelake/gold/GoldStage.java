package org.carelake.gold;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.carelake.access.ProjectOutputs;
import org.carelake.audit.AuditEntry;
import org.carelake.audit.AuditLog;
import org.carelake.contract.Contract;
import org.carelake.digest.Sha256;
import org.carelake.governance.IdentifierLeakGate;
import org.carelake.governance.OptOuts;
import org.carelake.optout.OptOutList;
import org.carelake.disclosure.DisclosureRule;
import org.carelake.disclosure.DisclosureSpec;
import org.carelake.error.CareLakeErrors;
import org.carelake.lake.DeltaIo;
import org.carelake.lake.Lake;
import org.carelake.lake.StageState;
import org.carelake.lake.TableRef;
import org.carelake.lake.Zone;
import org.carelake.spark.OneStepPlans;
import org.carelake.spark.CareLakeFunctions;
import org.carelake.transform.SqlScript;

/**
 * Publishes gold tables: each {@code sql/gold/<table>.sql} is run over its declared inputs read at
 * pinned Delta versions, its raw counts go through disclosure control ({@link DisclosureControl},
 * as its header declares), and the result replaces the table in one commit whose metadata, like the
 * {@code ops.builds} table, records the run, the code version and every input version. Rebuilding
 * from those versions (and the opt-out lists at the versions the metadata's {@code opt_outs} records)
 * gives the same rows. A table whose inputs, SQL and disclosure declaration are
 * unchanged is skipped. A table whose thresholds are weaker than the defaults (an explicit override)
 * is logged and audited in {@code ops.audit}.
 *
 * <p>Publication is write–audit–publish: each table is built into Spark's cache, where no reader
 * sees it; the night's built tables are scanned there together, in one pass of the identifier-leak
 * gate ({@link IdentifierLeakGate}), and only then written to the gold zone. A table the gate stops is not written (its previous version stays the
 * published one, the refusal is audited) and the night fails naming table and column; the night's
 * other tables publish.
 *
 * <p>Opt-outs are applied here, by construction: every input a gold file reads goes through
 * {@link OptOuts} before the SQL sees it, so no SQL file can forget them. The exclusion follows
 * the night's lists, and the build's fingerprint includes them, so someone who opts out is gone
 * from the night's tables and someone who withdraws is back in them. The night's counts per list
 * go to {@code ops.opt_out}. Each input is read once for the stage and, when small, cached for it
 * ({@link GoldInputs}).
 *
 * <p>Cohort definitions ({@code sql/cohorts/*.yaml}, {@link CohortLibrary}) are compiled to scripts
 * of the same kind and built exactly like the files.
 *
 * <p>A gold file declaring {@code per-project: yes} is a research dataset: it is built once for each
 * active project that lists it ({@link ProjectOutputs}), as {@code gold.<dataset>__<project>}, with
 * {@code project_pseudonym} derived under that project's own key; its tables are no one else's. The
 * tables of an expired project are not built, and those already published are removed ({@link
 * ExpiredProjects}). Only a per-project file may call {@code project_pseudonym}.
 */
public final class GoldStage {
  private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(GoldStage.class.getName());

  static final StructType BUILDS =
      DataTypes.createStructType(
          List.of(
              DataTypes.createStructField("table_name", DataTypes.StringType, false),
              DataTypes.createStructField("table_version", DataTypes.LongType, false),
              DataTypes.createStructField("run_id", DataTypes.StringType, false),
              DataTypes.createStructField("night", DataTypes.DateType, false),
              DataTypes.createStructField("code_version", DataTypes.StringType, false),
              DataTypes.createStructField(
                  "input_versions", DataTypes.createMapType(DataTypes.StringType, DataTypes.LongType), false),
              DataTypes.createStructField("rows", DataTypes.LongType, false),
              DataTypes.createStructField("built_at", DataTypes.TimestampType, false)));

  private final SparkSession spark;
  private final DeltaIo io;
  private final Lake lake;
  private final Path sqlDir;
  private final LocalDate night;
  private final String runId;
  private final Instant startedAt;
  private final ProjectOutputs projects;
  private final String releaseVersion;
  private final List<Contract> contracts;
  private final IncrementalBuild incremental;
  /** Time the night's gold spent in the identifier-leak gate, for the summary. */
  private Duration gateTime = Duration.ZERO;

  /**
   * @param contracts every feed's contract: they say which feeds are opt-out lists and which silver
   *     tables GP feeds fill
   */
  public GoldStage(
      DeltaIo io, Lake lake, Path sqlDir, LocalDate night, String runId, Instant startedAt, ProjectOutputs projects,
      String releaseVersion, List<Contract> contracts) {
    this.io = requireNonNull(io, "io is null");
    this.spark = io.spark();
    this.lake = requireNonNull(lake, "lake is null");
    this.sqlDir = requireNonNull(sqlDir, "sqlDir is null");
    this.night = requireNonNull(night, "night is null");
    this.runId = requireNonNull(runId, "runId is null");
    this.startedAt = requireNonNull(startedAt, "startedAt is null");
    this.projects = requireNonNull(projects, "projects is null");
    this.releaseVersion = requireNonNull(releaseVersion, "releaseVersion is null");
    this.contracts = List.copyOf(contracts);
    this.incremental = new IncrementalBuild(io, lake, this.contracts);
  }

  /**
   * Tables declared incremental are built incrementally only when their inputs hold at least this
   * many bytes on disk ({@code gold.incremental-min-input-mb}); 0 whenever they can.
   */
  public GoldStage incrementalFromInputBytes(long bytes) {
    incremental.minInputBytes(bytes);
    return this;
  }

  /** Whether a table declared incremental by person (the measures) is built so ({@code gold.incremental-by-person}); off by default. */
  public GoldStage incrementalByPerson(boolean on) {
    incremental.byPerson(on);
    return this;
  }

  public GoldResult run() {
    Instant begin = Instant.now();
    List<GoldTableOutcome> outcomes = new ArrayList<>();
    StageState state = new StageState(io, lake.stageState());
    Records records = new Records(state.all(), new TreeMap<>(), new ArrayList<>());
    // The gold SQL files, then the cohort definitions compiled to the same kind of script.
    List<SqlScript> scripts = scripts(sqlDir);
    ProjectDatasets.check(scripts, projects);
    // The registers first: the tables that read them then see tonight's version.
    new Registers(io, lake, sqlDir).update(night);
    spark.sparkContext().setJobDescription("gold: resolve opt-outs");
    OptOuts optOuts = OptOuts.resolve(io, lake, contracts, night);
    IdentifierLeakGate gate = IdentifierLeakGate.forPublication(io, lake, contracts);
    GoldInputs inputs = new GoldInputs(io, optOuts);
    gateTime = Duration.ZERO;
    List<Built> built = new ArrayList<>();
    try {
      for (SqlScript script : scripts) {
        if (!ProjectDatasets.perProject(script)) {
          built.add(build(script, ProjectDatasets.dataset(script), "none", records, optOuts, inputs));
          continue;
        }
        String dataset = ProjectDatasets.dataset(script);
        for (ProjectOutputs.Active active : projects.receiving(dataset)) {
          CareLakeFunctions.registerProjectPseudonym(spark, active.key());
          String project = active.project().id() + " key:" + active.key().fingerprint();
          bindProject(active.project().id());
          built.add(build(script, active.project().table(dataset), project, records, optOuts, inputs));
        }
      }
      // Write–audit–publish: every table built tonight is in Spark's cache, where no reader sees it;
      // one scan of the leak gate looks at all of them, and only the tables it passes are written.
      Map<String, Dataset<Row>> toGate = new TreeMap<>();
      built.stream().filter(b -> b.rows() != null).forEach(b -> toGate.put(b.table(), b.rows()));
      Instant gateStart = Instant.now();
      spark.sparkContext().setJobDescription("gold: identifier-leak gate on " + toGate.size() + " tables");
      Map<String, List<String>> leaks = gate.scan(toGate).failuresByTable();
      gateTime = Duration.between(gateStart, Instant.now());
      for (Built table : built) {
        outcomes.add(table.rows() == null ? table.skipped() : publish(table, leaks.getOrDefault(table.table(), List.of()), records, optOuts));
      }
      write(records, state);
      new ExpiredProjects(io, lake, sqlDir, runId, startedAt).remove(projects.expired());
      spark.sparkContext().setJobDescription("gold: record opt-out counts");
      Map<OptOutList, OptOuts.Counts> excluded = optOuts.record(sqlDir, runId, startedAt);
      Map<String, Long> persons = new TreeMap<>();
      excluded.forEach((list, counts) -> persons.put(list.id(), counts.personsExcluded()));
      return new GoldResult(outcomes, persons, Duration.between(begin, Instant.now()), gateTime);
    } catch (RuntimeException e) {
      // What was published before the failure is still recorded.
      try {
        write(records, state);
      } catch (RuntimeException secondary) {
        e.addSuppressed(secondary);
      }
      throw e;
    } finally {
      built.stream().filter(b -> b.held() != null).forEach(b -> b.held().unpersist());
      CareLakeFunctions.registerProjectPseudonym(spark, projects.lakeKey());
      inputs.close();
      optOuts.release();
      gate.close();
    }
  }

  /**
   * Every script the stage builds: the files of {@code sql/gold/}, then the cohort definitions and
   * the measures, compiled.
   */
  static List<SqlScript> scripts(Path sqlDir) {
    return Stream.of(goldFiles(sqlDir).stream().map(SqlScript::load), CohortLibrary.scripts(sqlDir).stream(),
        MeasureLibrary.scripts(sqlDir).stream()).flatMap(s -> s).toList();
  }

  private static List<Path> goldFiles(Path sqlDir) {
    Path folder = sqlDir.resolve("gold");
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(f -> f.toString().endsWith(".sql")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + folder, e);
    }
  }

  /**
   * A table tonight's build: unchanged since it was last published ({@code rows} null, {@code skipped}
   * says so), or built into Spark's cache and waiting for the leak gate.
   *
   * @param rows the built rows, read from the cache through a plan of one step
   * @param held the cached rows with the whole plan that built them, released at the end of the stage
   */
  private record Built(
      String table, TableRef output, GoldTableOutcome skipped, Dataset<Row> rows, Dataset<Row> held, DisclosureSpec disclosure,
      Map<String, Long> inputVersions, String codeVersion, String scope, String fingerprint, String refresh) {}

  /**
   * Builds one table into Spark's cache, unless its code, inputs, night, project and opt-outs are
   * those it was last published from.
   *
   * @param name the table within the gold zone
   * @param project the project the table is built for and its key's fingerprint, or "none"
   */
  private Built build(SqlScript script, String name, String project, Records records, OptOuts optOuts, GoldInputs inputs) {
    TableRef output = lake.gold(name);
    String qualified = output.qualifiedName();
    DisclosureSpec disclosure = DisclosureSpec.of(script);
    Map<String, Long> inputVersions = new TreeMap<>();
    Map<String, Dataset<Row>> views = new TreeMap<>();
    for (String input : script.list("inputs")) {
      TableRef table = resolve(lake, input, script.origin());
      long version =
          io.version(table)
              .orElseThrow(() -> CareLakeErrors.missingInput(
                  "input table " + input + " of " + qualified + " does not exist yet; run the silver stage first"));
      inputVersions.put(input, version);
      views.put(input, inputs.at(table, version));
      views.get(input).createOrReplaceTempView(IncrementalBuild.view(input));
    }
    String codeVersion = releaseVersion + " " + definitionVersion(spark, sqlDir, script, disclosure);
    String fingerprint = codeVersion + " " + inputVersions + " night:" + night + " project:" + project + " " + optOuts.fingerprint();
    String scope = "gold:" + output.name();
    if (fingerprint.equals(records.known().get(scope)) && io.exists(output)) {
      GoldTableOutcome unchanged =
          new GoldTableOutcome(qualified, io.version(output).orElseThrow(), -1, inputVersions, codeVersion, true, List.of(), "unchanged");
      return new Built(qualified, output, unchanged, null, null, disclosure, inputVersions, codeVersion, scope, fingerprint, "unchanged");
    }
    spark.sparkContext().setJobDescription("gold: build " + qualified);
    bindNight(spark, night);
    List<String> keys = script.list("keys");
    Optional<IncrementalBuild.Declaration> declared = IncrementalBuild.Declaration.of(script);
    IncrementalBuild.Result raw = null;
    String refresh = "full";
    if (declared.isPresent()) {
      IncrementalBuild.check(script, declared.get(), disclosure);
      if (incremental.enabled(declared.get())) {
        raw = incremental.rows(script, declared.get(), output, inputVersions, views, optOuts, codeVersion, night);
      } else {
        // Built as an undeclared table is: no raw counts kept, nothing read twice.
        refresh = "full: it is incremental by person, which gold.incremental-by-person turns on";
      }
    }
    Dataset<Row> cached =
        (raw == null ? rows(spark, script, disclosure) : DisclosureControl.apply(raw.raw(), disclosure, keys, script.origin()))
            .orderBy(keys.stream().map(org.apache.spark.sql.functions::col).toArray(org.apache.spark.sql.Column[]::new))
            .coalesce(1)
            .persist(StorageLevel.MEMORY_AND_DISK());
    // Materialised now, while this table's project pseudonym and project variable are the bound ones.
    cached.count();
    if (raw != null) {
      // The raw counts are kept for tomorrow's incremental build, with what they were computed from.
      spark.sparkContext().setJobDescription("gold: keep the raw counts of " + qualified);
      io.overwrite(raw.raw(), incremental.state(output), new BuildNote(runId, night, codeVersion, inputVersions, optOuts.versions()).json());
      refresh = raw.refresh();
      LOG.info(qualified + " " + refresh);
    }
    // The gate, the publication and the counts read the cached rows through a one-step plan: on the
    // whole plan (a cohort's or an incremental build's is hundreds of nodes) Spark re-analyses and
    // matches every node against the cache for each query, which cost the gate most of its time.
    // (Not a local checkpoint, as for the raw counts: a built table can be large, and this cache is
    // released explicitly at the end of the stage rather than when the JVM next collects garbage.)
    Dataset<Row> rows = OneStepPlans.over(cached);
    return new Built(qualified, output, null, rows, cached, disclosure, inputVersions, codeVersion, scope, fingerprint, refresh);
  }

  /**
   * The definition's version, {@code sql:<12 hex>}: a checksum of the script, its disclosure
   * declaration and the text of every codelist it names (each registered for the SQL as a side
   * effect, after the library has checked it against its manifest). A changed definition or
   * codelist changes it; the release does not.
   */
  static String definitionVersion(SparkSession spark, Path sqlDir, SqlScript script, DisclosureSpec disclosure) {
    return definitionVersion(spark, sqlDir, script, String.valueOf(disclosure));
  }

  /** As above, with the script's own declaration (a register's) in place of a disclosure one. */
  static String definitionVersion(SparkSession spark, Path sqlDir, SqlScript script, String declaration) {
    StringBuilder codeText = new StringBuilder(script.statement()).append('\u0000').append(declaration);
    for (String codelist : script.list("codelists")) {
      Path file = Codelists.register(spark, sqlDir, codelist);
      codeText.append('\u0000').append(read(file));
    }
    return "sql:" + Sha256.hex(codeText.toString()).substring(0, 12);
  }

  /** The script's rows through disclosure control as its header declares; its inputs are the session's views. */
  static Dataset<Row> rows(SparkSession spark, SqlScript script, DisclosureSpec disclosure) {
    return DisclosureControl.apply(spark.sql(script.statement()), disclosure, script.list("keys"), script.origin());
  }

  /** Writes a built table to the gold zone, unless the leak gate found identifiers in it. */
  private GoldTableOutcome publish(Built table, List<String> leaks, Records records, OptOuts optOuts) {
    String qualified = table.table();
    if (!leaks.isEmpty()) {
      refusePublication(qualified, leaks);
      return new GoldTableOutcome(qualified, io.version(table.output()).orElse(-1L), -1, table.inputVersions(), table.codeVersion(),
          false, leaks, table.refresh());
    }
    String metadata = new BuildNote(runId, night, table.codeVersion(), table.inputVersions(), optOuts.versions()).json();
    // Audited before anything is published, so an override can never reach readers unrecorded.
    table.disclosure().rule().override().ifPresent(reason -> auditOverride(qualified, table.disclosure().rule(), reason));
    spark.sparkContext().setJobDescription("gold: publish " + qualified);
    io.overwrite(table.rows(), table.output(), metadata);
    long version = io.version(table.output()).orElseThrow();
    long count = io.rowsWrittenBy(table.output(), version);
    records.builds().add(RowFactory.create(qualified, version, runId, night, table.codeVersion(),
        scala.jdk.javaapi.CollectionConverters.asScala(table.inputVersions()), count, startedAt));
    records.done().put(table.scope(), table.fingerprint());
    return new GoldTableOutcome(qualified, version, count, table.inputVersions(), table.codeVersion(), false, List.of(), table.refresh());
  }

  /**
   * A table the leak gate stopped is not written: yesterday's version stays the published one, and
   * its fingerprint is not recorded, so the next night builds it again. The refusal is logged and
   * audited, naming table and columns, never a value.
   */
  private void refusePublication(String table, List<String> leaks) {
    LOG.warning(() -> "identifier-leak gate: " + table + " not published (run " + runId + "): " + String.join("; ", leaks));
    new AuditLog(io, lake, sqlDir).append(
        new AuditEntry("run " + runId, "data-engineer", null, "pipeline operation", "publish", table, "REFUSED", 0, false),
        startedAt);
  }

  /** A weaker-than-default threshold is never silent: a warning in the log and a record in ops.audit. */
  private void auditOverride(String table, DisclosureRule rule, String reason) {
    String what = table + " published with suppress-below " + rule.suppressBelow() + ", round-to " + rule.roundTo();
    LOG.warning(() -> "disclosure threshold override: " + what + " (run " + runId + ")");
    new AuditLog(io, lake, sqlDir).append(
        new AuditEntry("run " + runId, "data-engineer", null, "disclosure threshold override: " + reason,
            "disclosure override", what, "ALLOWED", 0, false),
        startedAt);
  }

  /**
   * Gold SQL reads the night from the session variable {@code run_night}, and a per-project file
   * its research project from {@code project_id} ({@link #bindProject}); {@code recompute_from}
   * (NULL here) is the first period an incremental build asks a compiled measure for.
   */
  static void bindNight(SparkSession spark, LocalDate night) {
    spark.sql("DECLARE OR REPLACE VARIABLE run_night DATE DEFAULT DATE'" + night + "'");
    // NULL: every period of the window. An incremental build sets it to recompute only the open periods.
    spark.sql("DECLARE OR REPLACE VARIABLE recompute_from DATE DEFAULT NULL");
  }

  private void bindProject(String projectId) {
    bindProject(spark, projectId);
  }

  /** The project id was validated by the policy (lower-case letters, digits, hyphens); checked again before it becomes a literal. */
  static void bindProject(SparkSession spark, String projectId) {
    if (!projectId.matches("[a-z0-9-]{1,40}")) {
      throw CareLakeErrors.configuration("research project id may hold lower-case letters, digits and hyphens only");
    }
    spark.sql("DECLARE OR REPLACE VARIABLE project_id STRING DEFAULT '" + projectId + "'");
  }

  static TableRef resolve(Lake lake, String input, String origin) {
    int dot = input.indexOf('.');
    if (dot < 0) {
      throw CareLakeErrors.configuration(origin + " input " + input + " must be zone.table");
    }
    Zone zone;
    try {
      zone = Zone.valueOf(input.substring(0, dot).toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw CareLakeErrors.configuration(origin + " input " + input + " names an unknown zone");
    }
    if (zone == Zone.RESTRICTED) {
      throw CareLakeErrors.configuration(origin + " may not read the restricted zone (" + input + ")");
    }
    return lake.table(zone, input.substring(dot + 1));
  }

  /**
   * The stage's bookkeeping, written once at the end of the stage (or at a failure, for what was
   * published before it) rather than two commits per table: one append to {@code ops.builds} and one
   * MERGE of the fingerprints into the stage state.
   *
   * @param known every scope's fingerprint as the stage found it
   * @param done fingerprints of the tables published tonight
   * @param builds their {@code ops.builds} rows
   */
  private record Records(Map<String, String> known, Map<String, String> done, List<Row> builds) {}

  private void write(Records records, StageState state) {
    if (!records.builds().isEmpty()) {
      io.append(spark.createDataFrame(records.builds(), BUILDS), lake.builds(), List.of(), "build " + records.builds().size() + " gold tables");
      records.builds().clear();
    }
    state.recordAll(records.done(), runId, startedAt);
    records.done().clear();
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
