package org.carelake.gold;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.carelake.access.ProjectOutputs;
import org.carelake.contract.Contract;
import org.carelake.disclosure.DisclosureSpec;
import org.carelake.error.CareLakeErrors;
import org.carelake.governance.OptOuts;
import org.carelake.lake.DeltaIo;
import org.carelake.lake.Lake;
import org.carelake.lake.TableRef;
import org.carelake.spark.CareLakeFunctions;
import org.carelake.transform.SqlScript;

/**
 * Rebuilds a published gold table version from what its build recorded, and compares. Every gold
 * commit carries its run, night, code version, the Delta version of every input and the versions of
 * the opt-out lists and the identity tables they were resolved through ({@link GoldStage}). A
 * rebuild reads each input at its recorded version, applies the opt-outs as they stood then, runs
 * today's definition through the same disclosure control, and compares the rows with the published
 * version, both ways.
 *
 * <p>A definition or codelist changed since the build makes its definition version differ; that is
 * reported and the rows are not compared (the rebuild would measure the change, not the build). A
 * codelist edited without its manifest is refused by the codelist library before anything runs.
 * A per-project table is rebuilt under that project's key; an expired project's cannot be.
 */
public final class GoldRebuild {
  /**
   * What a rebuild found.
   *
   * @param builtWith the code version the build recorded (release and definition version)
   * @param definitionNow the definition version of today's script and codelists
   * @param onlyRebuilt rows the rebuild gives that the published version lacks (-1 when not compared)
   * @param onlyPublished rows the published version holds that the rebuild does not give (-1 when not compared)
   */
  public record Outcome(String table, long version, String runId, LocalDate night, String builtWith, String definitionNow,
      Map<String, Long> inputs, long publishedRows, long onlyRebuilt, long onlyPublished) {
    /** True when today's script and codelists are those the build used. */
    public boolean sameDefinition() {
      return builtWith.endsWith(" " + definitionNow);
    }

    public boolean identical() {
      return sameDefinition() && onlyRebuilt == 0 && onlyPublished == 0;
    }
  }

  private final DeltaIo io;
  private final SparkSession spark;
  private final Lake lake;
  private final Path sqlDir;
  private final List<Contract> contracts;
  private final ProjectOutputs projects;

  /** @param projects the research projects and their keys, for a per-project table */
  public GoldRebuild(DeltaIo io, Lake lake, Path sqlDir, List<Contract> contracts, ProjectOutputs projects) {
    this.io = requireNonNull(io, "io is null");
    this.spark = io.spark();
    this.lake = requireNonNull(lake, "lake is null");
    this.sqlDir = requireNonNull(sqlDir, "sqlDir is null");
    this.contracts = List.copyOf(contracts);
    this.projects = requireNonNull(projects, "projects is null");
  }

  /**
   * @param name the table, {@code gold.<name>} or {@code <name>}
   * @param version the published version to rebuild; empty for the current one
   */
  public Outcome rebuild(String name, Optional<Long> version) {
    TableRef table = lake.gold(name.startsWith("gold.") ? name.substring("gold.".length()) : name);
    long current = io.version(table).orElseThrow(() -> CareLakeErrors.missingInput(table.qualifiedName() + " does not exist"));
    long at = version.orElse(current);
    if (at < 0 || at > current) {
      throw CareLakeErrors.configuration(table.qualifiedName() + " has versions 0 to " + current + ", not " + at);
    }
    BuildNote build = buildRecord(table, at);
    LocalDate night = build.night();
    Map<String, Long> inputs = build.inputs();
    Target target = target(table);
    DisclosureSpec disclosure = DisclosureSpec.of(target.script());
    String builtWith = build.codeVersion();
    String definitionNow = GoldStage.definitionVersion(spark, sqlDir, target.script(), disclosure);
    String runId = build.runId();
    // A build commit records the rows it wrote: no scan of the published version just to count it.
    long published = io.rowsWrittenBy(table, at);
    if (!builtWith.endsWith(" " + definitionNow)) {
      return new Outcome(table.qualifiedName(), at, runId, night, builtWith, definitionNow, inputs, published, -1, -1);
    }
    OptOuts optOuts = OptOuts.resolveAt(io, lake, contracts, night, build.optOuts());
    try {
      target.project().ifPresent(active -> {
        CareLakeFunctions.registerProjectPseudonym(spark, active.key());
        GoldStage.bindProject(spark, active.project().id());
      });
      for (Map.Entry<String, Long> input : inputs.entrySet()) {
        TableRef source = GoldStage.resolve(lake, input.getKey(), target.script().origin());
        optOuts.apply(source, io.readAt(source, input.getValue())).createOrReplaceTempView(input.getKey().replace('.', '_'));
      }
      GoldStage.bindNight(spark, night);
      spark.sparkContext().setJobDescription("rebuild " + table.qualifiedName() + " version " + at);
      Dataset<Row> rebuilt = GoldStage.rows(spark, target.script(), disclosure).localCheckpoint();
      Dataset<Row> publishedRows = io.readAt(table, at).select(rebuilt.columns()[0],
          java.util.Arrays.copyOfRange(rebuilt.columns(), 1, rebuilt.columns().length));
      long onlyRebuilt = rebuilt.exceptAll(publishedRows).count();
      long onlyPublished = publishedRows.exceptAll(rebuilt).count();
      return new Outcome(table.qualifiedName(), at, runId, night, builtWith, definitionNow, inputs, published, onlyRebuilt,
          onlyPublished);
    } finally {
      CareLakeFunctions.registerProjectPseudonym(spark, projects.lakeKey());
      optOuts.release();
    }
  }

  /** The script that builds the table, and for a research dataset the project it is built for. */
  private record Target(SqlScript script, Optional<ProjectOutputs.Active> project) {}

  private Target target(TableRef table) {
    for (SqlScript script : GoldStage.scripts(sqlDir)) {
      String dataset = ProjectDatasets.dataset(script);
      if (!ProjectDatasets.perProject(script)) {
        if (dataset.equals(table.name())) {
          return new Target(script, Optional.empty());
        }
        continue;
      }
      for (ProjectOutputs.Active active : projects.receiving(dataset)) {
        if (active.project().table(dataset).equals(table.name())) {
          return new Target(script, Optional.of(active));
        }
      }
    }
    throw CareLakeErrors.configuration("no definition in " + sqlDir + " builds " + table.qualifiedName()
        + " (a per-project table is rebuilt only while its project is active)");
  }

  private BuildNote buildRecord(TableRef table, long version) {
    String note = io.commitNote(table, version).orElseThrow(() -> CareLakeErrors.configuration(
        table.qualifiedName() + " version " + version + " was not written by a gold build (its commit records none)"));
    return BuildNote.parse(note).orElseThrow(() -> CareLakeErrors.configuration(
        table.qualifiedName() + " version " + version + " records no build (night, code, inputs)"));
  }
}
