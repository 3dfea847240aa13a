package org.carelake.gold;

import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.carelake.error.CareLakeErrors;
import org.carelake.lake.DeltaIo;
import org.carelake.lake.Lake;
import org.carelake.lake.TableDefinitions;
import org.carelake.lake.TableRef;
import org.carelake.lake.Zone;
import org.carelake.transform.SqlScript;

/**
 * Registers: silver tables the gold stage derives from one month-partitioned silver table and keeps
 * up to date month by month ({@code sql/gold/registers/*.sql}), so that a gold table reads a small
 * summary instead of every row the lake holds (the long-term condition register behind
 * {@code gold.ltc_prevalence}, whose prevalence counts a condition coded at any time before).
 *
 * <p>A register file names its table ({@code table: silver.<name>}, with DDL in {@code
 * sql/ddl/silver}), exactly one silver input partitioned by month (one not so partitioned, as a
 * copy of the lake may be, is read whole every time), and {@code register: <column>}, its own month
 * column, which must carry the input's partition value: the statement gives a month's rows
 * from that month's input rows alone. A night then recomputes only the months whose input files
 * changed since the register last ran (read from the Delta log) and replaces those months of the
 * register in one commit, which records the input version and the definition's checksum. It builds
 * in full the first time, after its definition or a codelist changed, and when the log no longer
 * holds every commit since (or another writer, an erasure or a key rotation, wrote the register
 * last). Opt-outs are not applied here: the gold stage applies them when a table reads the register,
 * as for any silver table.
 */
public final class Registers {
  private static final Logger LOG = Logger.getLogger(Registers.class.getName());
  private static final ObjectMapper JSON = new ObjectMapper();

  private final DeltaIo io;
  private final SparkSession spark;
  private final Lake lake;
  private final Path sqlDir;

  Registers(DeltaIo io, Lake lake, Path sqlDir) {
    this.io = io;
    this.spark = io.spark();
    this.lake = lake;
    this.sqlDir = sqlDir;
  }

  /** The register definitions, in file-name order. */
  static List<SqlScript> scripts(Path sqlDir) {
    Path folder = sqlDir.resolve("gold").resolve("registers");
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(f -> f.toString().endsWith(".sql")).sorted().map(SqlScript::load).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + folder, e);
    }
  }

  /**
   * The register {@code silver.<name>} as a full build computes it from its input at tonight's
   * version: what the register kept month by month must equal.
   */
  public static Dataset<Row> inFull(DeltaIo io, Lake lake, Path sqlDir, String name, LocalDate night) {
    SqlScript script = scripts(sqlDir).stream().filter(s -> s.get("table").orElse("").equals("silver." + name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no register defines silver." + name));
    String input = script.list("inputs").get(0);
    TableRef table = GoldStage.resolve(lake, input, script.origin());
    GoldStage.definitionVersion(io.spark(), sqlDir, script, "register"); // registers the codelists it names
    GoldStage.bindNight(io.spark(), night);
    io.readAt(table, io.version(table).orElseThrow()).createOrReplaceTempView(IncrementalBuild.view(input));
    return io.spark().sql(script.statement());
  }

  /** Brings every register up to date with its input for {@code night}; one line per register saying what it did. */
  List<String> update(LocalDate night) {
    List<String> done = new ArrayList<>();
    for (SqlScript script : scripts(sqlDir)) {
      done.add(update(script, night));
    }
    return done;
  }

  private String update(SqlScript script, LocalDate night) {
    String target = script.get("table").orElseThrow(() -> CareLakeErrors.configuration(script.origin() + " names no table"));
    if (!target.startsWith("silver.")) {
      throw CareLakeErrors.configuration(script.origin() + ": a register is a silver table (table: silver.<name>), not " + target);
    }
    String month = script.get("register").orElseThrow(
        () -> CareLakeErrors.configuration(script.origin() + " has no 'register: <month column>' line"));
    List<String> inputs = script.list("inputs");
    if (inputs.size() != 1) {
      throw CareLakeErrors.configuration(script.origin() + ": a register reads exactly one silver table, not " + inputs);
    }
    TableRef input = GoldStage.resolve(lake, inputs.get(0), script.origin());
    List<String> partitions = io.partitionColumns(input);
    if (input.zone() != Zone.SILVER) {
      throw CareLakeErrors.configuration(script.origin() + ": its input " + inputs.get(0) + " must be a silver table");
    }
    TableRef table = lake.silver(target.substring("silver.".length()));
    new TableDefinitions(sqlDir, Zone.SILVER).create(spark, table);
    long inputVersion = io.version(input).orElseThrow();
    String definition = GoldStage.definitionVersion(spark, sqlDir, script, "register " + month);
    spark.sparkContext().setJobDescription("gold: register " + table.qualifiedName());
    GoldStage.bindNight(spark, night);
    Optional<State> last = io.version(table).stream().boxed().findFirst()
        .flatMap(v -> io.commitNote(table, v)).flatMap(State::parse);
    String fullBecause = null;
    Optional<Set<String>> touched = Optional.empty();
    if (last.isEmpty()) {
      fullBecause = "first build";
    } else if (!last.get().definition().equals(definition)) {
      fullBecause = "the definition or a codelist changed";
    } else if (partitions.size() != 1) {
      fullBecause = inputs.get(0) + " is not partitioned by month";
    } else if (last.get().inputVersion() > inputVersion) {
      fullBecause = "its input is older than at the last build";
    } else {
      touched = io.partitionsChanged(input, last.get().inputVersion(), inputVersion, partitions.get(0));
      if (touched.isEmpty()) {
        fullBecause = inputs.get(0) + "'s log no longer holds every commit since the last build";
      }
    }
    String note = new State(inputVersion, definition).json();
    Dataset<Row> rows;
    String did;
    String view = IncrementalBuild.view(inputs.get(0));
    if (fullBecause != null) {
      io.readAt(input, inputVersion).createOrReplaceTempView(view);
      rows = spark.sql(script.statement());
      // The DDL's schema and layout stay; a copy of the table laid out otherwise is laid out anew.
      boolean relayout = !io.partitionColumns(table).equals(List.of(month));
      rows.write().format("delta").mode("overwrite").option("overwriteSchema", Boolean.toString(relayout)).partitionBy(month)
          .option("userMetadata", note).save(table.path());
      did = table.qualifiedName() + ": full (" + fullBecause + ")";
    } else {
      List<Object> months = touched.get().stream().filter(java.util.Objects::nonNull).map(m -> (Object) Date.valueOf(m)).toList();
      if (months.isEmpty()) {
        return table.qualifiedName() + ": unchanged";
      }
      io.readAt(input, inputVersion).filter(col(partitions.get(0)).isin(months.toArray())).createOrReplaceTempView(view);
      rows = spark.sql(script.statement());
      List<String> literals = months.stream().map(m -> "DATE'" + m + "'").toList();
      io.replaceWhere(rows, table, month + " IN (" + String.join(", ", literals) + ")", List.of(month), note);
      did = table.qualifiedName() + ": " + months.size() + " month" + (months.size() == 1 ? "" : "s") + " recomputed";
    }
    spark.catalog().dropTempView(view);
    LOG.info(did);
    return did;
  }

  /** What a register's last commit records: the input version it reflects and the definition's checksum. */
  record State(long inputVersion, String definition) {
    String json() {
      ObjectNode node = JSON.createObjectNode();
      node.put("register_input_version", inputVersion);
      node.put("register_definition", definition);
      return node.toString();
    }

    static Optional<State> parse(String note) {
      try {
        var node = JSON.readTree(note);
        if (!node.has("register_input_version") || !node.has("register_definition")) {
          return Optional.empty();
        }
        return Optional.of(new State(node.get("register_input_version").asLong(), node.get("register_definition").asText()));
      } catch (IOException e) {
        return Optional.empty();
      }
    }
  }
}
