package org.carelake.keys;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.callUDF;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.when;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.storage.StorageLevel;
import org.carelake.error.CareLakeErrors;
import org.carelake.gold.GoldResult;
import org.carelake.gold.GoldStep;
import org.carelake.contract.ContractLoader;
import org.carelake.nightly.StageContext;
import org.carelake.run.Settings;
import java.util.Optional;
import org.carelake.ingest.IngestSchemas;
import org.carelake.lake.DeltaIo;
import org.carelake.lake.Lake;
import org.carelake.lake.LakeTables;
import org.carelake.lake.TableRef;
import org.carelake.lake.Zone;
import org.carelake.pseudonym.PseudonymKey;
import org.carelake.spark.CareLakeFunctions;

/**
 * Rotates the pseudonymisation key in one run, without re-ingesting: every pseudonym in the
 * pseudonymised zone (every silver table, whatever its name) and in {@code
 * restricted.duplicate_event} is replaced by the new key's pseudonym of the same input, and the
 * published zone is rebuilt from the re-keyed silver under the new key.
 *
 * <p>How: a map from each old pseudonym to its new one is built from the inputs pseudonyms are
 * derived from, which the restricted zone holds: every person of {@code restricted.person_link}
 * (person keys), and every source record id of the raw tables named by the {@code record_key} calls
 * of the silver mappings (record keys). A column is a pseudonym column when every value in it is
 * 64 lower-case hex characters. A pseudonym the map does not know (its raw rows purged) gets the
 * new key's {@code rekeyed} pseudonym of it, so the old key reproduces nothing. Each table is
 * replaced in one commit and recorded in {@code ops.pseudonym_key}; a rotation that stops part way
 * is finished by running it again (tables already re-keyed are skipped), and until then every run
 * refuses to start.
 */
public final class KeyRotation {
  private static final String HEX64 = "^[0-9a-f]{64}$";
  private static final Pattern RECORD_KEY =
      Pattern.compile("record_key\\(\\s*'([a-z0-9_]+)'\\s*,\\s*s\\._borough\\s*,\\s*s\\.([a-z0-9_]+)\\s*\\)");
  /** Restricted tables that carry silver's pseudonyms. */
  static final List<String> RESTRICTED_WITH_PSEUDONYMS = List.of("duplicate_event");

  /** What a rotation did: tables re-keyed with their rows and pseudonyms the map did not know, and the gold rebuild. */
  public record Result(Map<String, Long> rowsByTable, long unknownPseudonyms, List<String> goldTables) {
    public Result {
      rowsByTable = Map.copyOf(rowsByTable);
      goldTables = List.copyOf(goldTables);
    }
  }

  private final DeltaIo io;
  private final Lake lake;
  private final Settings settings;
  private final Path sqlDir;
  private final Clock clock;

  public KeyRotation(DeltaIo io, Lake lake, Settings settings, Clock clock) {
    this.io = requireNonNull(io, "io is null");
    this.lake = requireNonNull(lake, "lake is null");
    this.settings = requireNonNull(settings, "settings is null");
    this.sqlDir = settings.sqlDir();
    this.clock = requireNonNull(clock, "clock is null");
  }

  public Result rotate(PseudonymKey from, PseudonymKey to, String runId) {
    KeyRegister register = new KeyRegister(io, lake, sqlDir);
    boolean resuming = register.rotationUnfinishedTo(to);
    if (!resuming) {
      register.verify(from, runId, clock.instant());
      if (from.equals(to) || from.fingerprint().equals(to.fingerprint())) {
        throw CareLakeErrors.configuration("the new pseudonymisation key is the current key; make a new one");
      }
      if (register.everUsed(to)) {
        throw CareLakeErrors.configuration("pseudonymisation key " + to.label()
            + " (or its id and version) was used by this lake before; a rotation needs a new key with a new version");
      }
      register.rotationStarted(to, from, runId, clock.instant());
    }
    Set<String> done = register.rekeyedTables(to);
    var spark = io.spark();
    CareLakeFunctions.registerKeyed(spark, "old_", from);
    CareLakeFunctions.registerKeyed(spark, "new_", to);
    Dataset<Row> map = pseudonymMap().persist(StorageLevel.MEMORY_AND_DISK());
    Map<String, Long> rows = new LinkedHashMap<>();
    long unknown = 0;
    try {
      for (TableRef table : tablesToRekey()) {
        if (done.contains(table.qualifiedName())) {
          continue;
        }
        spark.sparkContext().setJobDescription("rekey: " + table.qualifiedName());
        long[] counts = rekey(table, map, runId, to);
        rows.put(table.qualifiedName(), counts[0]);
        unknown += counts[1];
        register.tableRekeyed(to, table.qualifiedName(), runId, clock.instant());
      }
    } finally {
      map.unpersist();
    }
    CareLakeFunctions.register(spark, to);
    List<String> gold = rebuildGold(runId, to);
    register.rotationFinished(to, from, runId, clock.instant());
    return new Result(rows, unknown, gold);
  }

  /** Every silver table found in the lake, and the restricted tables that hold silver's pseudonyms. */
  List<TableRef> tablesToRekey() {
    List<TableRef> tables = new ArrayList<>(LakeTables.inZone(io, lake, Zone.SILVER));
    for (String name : RESTRICTED_WITH_PSEUDONYMS) {
      TableRef table = lake.restricted(name);
      if (io.exists(table)) {
        tables.add(table);
      }
    }
    return tables;
  }

  /** {@code old, new}: each pseudonym under the old key beside the same input's under the new key, and each new one beside itself. */
  Dataset<Row> pseudonymMap() {
    List<Dataset<Row>> parts = new ArrayList<>();
    TableRef links = lake.restricted("person_link");
    if (io.exists(links)) {
      Dataset<Row> link = io.read(links);
      Dataset<Row> persons = link.select(col("identity_id").as("id")).union(link.select(col("person_id").as("id"))).distinct();
      parts.add(persons.select(callUDF("old_person_key", col("id")).as("old"), callUDF("new_person_key", col("id")).as("new")));
    }
    for (Map.Entry<Path, List<String[]>> mapping : recordKeyCalls().entrySet()) {
      String feed = mapping.getKey().getFileName().toString().replaceFirst("\\.sql$", "");
      TableRef raw = lake.raw(feed);
      if (!io.exists(raw)) {
        continue;
      }
      for (String[] call : mapping.getValue()) {
        Dataset<Row> sources = io.read(raw).select(col(IngestSchemas.BOROUGH).as("b"), col(call[1]).cast("string").as("id"))
            .where(col("id").isNotNull()).distinct();
        parts.add(sources.select(
            callUDF("old_record_key", lit(call[0]), col("b"), col("id")).as("old"),
            callUDF("new_record_key", lit(call[0]), col("b"), col("id")).as("new")));
      }
    }
    if (parts.isEmpty()) {
      return io.spark().createDataFrame(List.of(), DataTypes.createStructType(List.of(
          DataTypes.createStructField("old", DataTypes.StringType, true), DataTypes.createStructField("new", DataTypes.StringType, true))));
    }
    Dataset<Row> pairs = parts.stream().reduce(Dataset::union).orElseThrow();
    // A value already under the new key maps to itself, so finishing an interrupted rotation is harmless.
    return pairs.union(pairs.select(col("new").as("old"), col("new"))).dropDuplicates("old");
  }

  /** Each silver mapping's {@code record_key('<domain>', s._borough, s.<column>)} calls; any other form is refused. */
  Map<Path, List<String[]>> recordKeyCalls() {
    Map<Path, List<String[]>> calls = new LinkedHashMap<>();
    Path folder = sqlDir.resolve("silver");
    try (Stream<Path> files = Files.list(folder)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".sql")).sorted().toList()) {
        String text = Files.readString(file);
        List<String[]> found = new ArrayList<>();
        Matcher matcher = RECORD_KEY.matcher(text);
        while (matcher.find()) {
          found.add(new String[] {matcher.group(1), matcher.group(2)});
        }
        int written = text.split("record_key\\(", -1).length - 1;
        if (written != found.size()) {
          throw CareLakeErrors.configuration(file + " calls record_key in a form key rotation cannot re-derive;"
              + " write record_key('<feed>', s._borough, s.<source id column>)");
        }
        if (!found.isEmpty()) {
          calls.put(file, found);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + folder, e);
    }
    return calls;
  }

  /** Replaces the table's pseudonym columns through the map in one commit; returns rows and unknown pseudonyms. */
  private long[] rekey(TableRef table, Dataset<Row> map, String runId, PseudonymKey to) {
    Dataset<Row> rows = io.read(table);
    List<String> candidates = pseudonymColumns(rows);
    if (candidates.isEmpty()) {
      return new long[] {0, 0};
    }
    long unknown = 0;
    Dataset<Row> rekeyed = rows;
    for (String column : candidates) {
      Dataset<Row> known = map.select(col("old").as("_old_" + column), col("new").as("_new_" + column));
      unknown += rows.select(col(column)).where(col(column).isNotNull()).distinct()
          .join(known, col(column).equalTo(col("_old_" + column)), "left_anti").count();
      rekeyed = rekeyed.join(known, col(column).equalTo(col("_old_" + column)), "left")
          .withColumn(column, coalesce(col("_new_" + column), callUDF("new_rekeyed_pseudonym", col(column))))
          .drop("_old_" + column, "_new_" + column);
    }
    Column[] ordered = java.util.Arrays.stream(rows.columns()).map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
    rekeyed.select(ordered).write().format("delta").mode("overwrite")
        .option("userMetadata", "rekey run " + runId + " to " + to.label()).save(table.path());
    return new long[] {io.rowsWrittenBy(table, io.version(table).orElseThrow()), unknown};
  }

  /** String columns every value of which is 64 lower-case hex characters: pseudonyms. */
  static List<String> pseudonymColumns(Dataset<Row> rows) {
    List<String> strings = new ArrayList<>();
    for (StructField field : rows.schema().fields()) {
      if (field.dataType().equals(DataTypes.StringType)) {
        strings.add(field.name());
      }
    }
    if (strings.isEmpty()) {
      return List.of();
    }
    List<Column> aggregates = new ArrayList<>();
    for (String column : strings) {
      aggregates.add(max(when(col(column).isNotNull(), 1).otherwise(0)).as("any_" + column));
      aggregates.add(max(when(col(column).isNotNull().and(col(column).rlike(HEX64).unary_$bang()), 1).otherwise(0)).as("other_" + column));
    }
    Row found = rows.agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(new Column[0])).head();
    List<String> pseudonyms = new ArrayList<>();
    for (String column : strings) {
      if (!found.isNullAt(found.fieldIndex("any_" + column)) && found.<Integer>getAs("any_" + column) == 1
          && found.<Integer>getAs("other_" + column) == 0) {
        pseudonyms.add(column);
      }
    }
    return pseudonyms;
  }

  /** Rebuilds the published zone under the new key for the night it was last built for, as the night's gold stage does. */
  private List<String> rebuildGold(String runId, PseudonymKey to) {
    if (!io.exists(lake.builds())) {
      return List.of();
    }
    // Not max(night): Delta answers that from file statistics and fails on java.time dates.
    List<Row> last = io.read(lake.builds()).select("night").orderBy(col("night").desc()).limit(1).collectAsList();
    if (last.isEmpty()) {
      return List.of();
    }
    LocalDate night = last.get(0).getAs(0);
    StageContext context = new StageContext(io, lake, settings, ContractLoader.loadAll(settings.contractsDir()), night, runId,
        clock.instant(), Optional.empty(), Optional.empty(), Optional.of(to));
    GoldResult result = (GoldResult) new GoldStep().run(context);
    return result.tables().stream().map(t -> t.table()).toList();
  }
}
