package org.carelake.silver;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sha2;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.storage.StorageLevel;
import org.carelake.contract.Contract;
import org.carelake.error.CareLakeErrors;
import org.carelake.ingest.IngestSchemas;
import org.carelake.lake.DeltaIo;
import org.carelake.lake.Lake;
import org.carelake.lake.StageState;
import org.carelake.lake.TableDefinitions;
import org.carelake.lake.TableRef;
import org.carelake.lake.Zone;
import org.carelake.transform.SqlScript;

/**
 * Standardise and pseudonymise: each feed's loaded rows of the night run through the feed's mapping
 * SQL ({@code sql/silver/<feed>.sql}) into its conformed silver table, keyed by the pseudonymous
 * person key. Exact duplicate rows are dropped, one row per business key is kept, and the result is
 * MERGEd so a repeated night changes nothing. Identifiers go only to the restricted identity vault;
 * rows without a usable NHS number wait in the restricted pending-linkage table.
 *
 * <p>No feed or table is named in Java: contracts say which silver table a feed feeds, DDL headers
 * say a table's keys.
 */
public final class SilverStage {
  /** Canonical identity columns; contracts name identifiers this way whatever the source calls them. */
  static final List<String> IDENTITY_COLUMNS =
      List.of("nhs_number", "given_name", "family_name", "date_of_birth", "sex", "postcode", "address_line", "telephone");

  private static final String PERSON_KEY = "_person_key";

  private final SparkSession spark;
  private final DeltaIo io;
  private final Lake lake;
  private final List<Contract> contracts;
  private final Path sqlDir;
  private final LocalDate night;
  private final String runId;
  private final Instant startedAt;
  private final Optional<String> feedFilter;

  public SilverStage(
      DeltaIo io, Lake lake, List<Contract> contracts, Path sqlDir, LocalDate night, String runId, Instant startedAt,
      Optional<String> feedFilter) {
    this.io = requireNonNull(io, "io is null");
    this.spark = io.spark();
    this.lake = requireNonNull(lake, "lake is null");
    this.contracts = List.copyOf(contracts);
    this.sqlDir = requireNonNull(sqlDir, "sqlDir is null");
    this.night = requireNonNull(night, "night is null");
    this.runId = requireNonNull(runId, "runId is null");
    this.startedAt = requireNonNull(startedAt, "startedAt is null");
    this.feedFilter = requireNonNull(feedFilter, "feedFilter is null");
  }

  public SilverResult run() {
    Instant begin = Instant.now();
    TableDefinitions silver = new TableDefinitions(sqlDir, Zone.SILVER);
    ReferenceData.ensurePostcodeLookup(io, lake);
    StageState state = new StageState(io, lake.stageState());
    for (String table : silver.tables()) {
      silver.create(spark, lake.silver(table));
    }
    Map<String, String> recorded = state.all();
    Map<String, List<String>> loadedFiles = new TreeMap<>();
    Map<String, Long> loadedRows = new TreeMap<>();
    loadedFilesByFeed(loadedFiles, loadedRows);

    List<FeedSilverOutcome> outcomes = new ArrayList<>();
    Map<String, List<Dataset<Row>>> byTarget = new TreeMap<>();
    Map<String, String> fingerprints = new LinkedHashMap<>();
    List<Dataset<Row>> cached = new ArrayList<>();
    List<String> processedFeeds = new ArrayList<>();
    List<Dataset<Row>> identities = new ArrayList<>();
    List<Dataset<Row>> pending = new ArrayList<>();
    try {
      for (Contract contract : contracts) {
        if (feedFilter.isPresent() && !feedFilter.get().equals(contract.id())) {
          continue;
        }
        String target = contract.silverTarget();
        SqlScript mapping = mappingFor(contract);
        List<String> files = loadedFiles.getOrDefault(contract.id(), List.of());
        String scope = "silver:" + contract.id() + ":" + night;
        String fingerprint = fingerprint(files, mapping.statement(), silver.script(target).statement());
        if (files.isEmpty() || fingerprint.equals(recorded.get(scope))) {
          outcomes.add(new FeedSilverOutcome(contract.id(), target, 0, 0, 0, 0, true));
          continue;
        }
        spark.sparkContext().setJobDescription("silver: map " + contract.id());
        Dataset<Row> loaded =
            io.read(lake.raw(contract.id())).filter(col(IngestSchemas.NIGHT).equalTo(lit(java.sql.Date.valueOf(night))));
        List<String> contentColumns = new ArrayList<>();
        contract.columns().forEach(c -> contentColumns.add(c.name()));
        contentColumns.add(IngestSchemas.BOROUGH);
        // The person key is derived once per row here; the vault, pending linkage and counts reuse it.
        Column personKey =
            contract.column("nhs_number").isPresent()
                ? functions.callUDF("person_key", col("nhs_number"))
                : lit(null).cast("string");
        Dataset<Row> source = loaded.dropDuplicates(contentColumns.toArray(new String[0]))
            .withColumn(PERSON_KEY, personKey)
            .persist(StorageLevel.MEMORY_AND_DISK());
        cached.add(source);
        source.createOrReplaceTempView("source");
        Dataset<Row> mapped = conform(spark.sql(mapping.statement()), target, mapping.origin());
        Dataset<Row> keyed = mapped.filter(col("person_key").isNotNull());
        Column noPerson = col(PERSON_KEY).isNull();
        long rowsIn = loadedRows.getOrDefault(contract.id(), 0L);
        Row counts = source.agg(functions.count(lit(1)), functions.count(functions.when(noPerson, lit(1)))).head();
        long distinct = counts.getLong(0);
        long toSilver = distinct - counts.getLong(1);
        pending.add(pendingRows(contract, source.filter(noPerson)));
        if (contract.column("nhs_number").isPresent()) {
          identities.add(identityRows(contract, source.filter(noPerson.unary_$bang())));
        }
        byTarget.computeIfAbsent(target, k -> new ArrayList<>()).add(keyed);
        outcomes.add(
            new FeedSilverOutcome(contract.id(), target, rowsIn, rowsIn - distinct, toSilver, distinct - toSilver, false));
        fingerprints.put(scope, fingerprint);
        processedFeeds.add(contract.id());
      }

      Map<String, Long> versions = new TreeMap<>();
      for (Map.Entry<String, List<Dataset<Row>>> entry : byTarget.entrySet()) {
        String target = entry.getKey();
        TableRef table = lake.silver(target);
        Dataset<Row> batch = entry.getValue().stream().reduce(Dataset::unionByName).orElseThrow();
        spark.sparkContext().setJobDescription("silver: merge " + table.qualifiedName());
        merge(table, onePerKey(batch, silver.keys(target), silver.latestBy(target)), silver.keys(target), silver.latestBy(target));
        versions.put(table.qualifiedName(), io.version(table).orElseThrow());
      }
      if (!processedFeeds.isEmpty()) {
        spark.sparkContext().setJobDescription("silver: identity vault and pending linkage");
        writeIdentity(identities);
        writePending(pending, processedFeeds);
        io.version(lake.identity()).ifPresent(v -> versions.put(lake.identity().qualifiedName(), v));
        io.version(lake.pendingLinkage()).ifPresent(v -> versions.put(lake.pendingLinkage().qualifiedName(), v));
      }
      state.recordAll(fingerprints, runId, startedAt);
      return new SilverResult(outcomes, versions, Duration.between(begin, Instant.now()));
    } finally {
      cached.forEach(Dataset::unpersist);
    }
  }

  private SqlScript mappingFor(Contract contract) {
    Path file = sqlDir.resolve("silver").resolve(contract.id() + ".sql");
    if (!Files.exists(file)) {
      throw CareLakeErrors.configuration(
          "feed " + contract.id() + " has no silver mapping: add " + file + " selecting the columns of silver." + contract.silverTarget());
    }
    SqlScript script = SqlScript.load(file);
    String declared = script.require("target");
    if (!declared.equals("silver." + contract.silverTarget())) {
      throw CareLakeErrors.configuration(
          file + " declares target " + declared + " but contract " + contract.id() + " feeds silver." + contract.silverTarget());
    }
    return script;
  }

  /** Selects the target table's columns, in order and type; a missing column is a mapping bug. */
  private Dataset<Row> conform(Dataset<Row> mapped, String target, String origin) {
    TableRef table = lake.silver(target);
    List<Column> columns = new ArrayList<>();
    List<String> produced = List.of(mapped.columns());
    for (StructField field : io.read(table).schema().fields()) {
      if (!produced.contains(field.name())) {
        throw CareLakeErrors.configuration(origin + " does not produce column " + field.name() + " of silver." + target);
      }
      columns.add(col(field.name()).cast(field.dataType()).as(field.name()));
    }
    return mapped.select(columns.toArray(new Column[0]));
  }

  /**
   * One row per key: the latest by the table's latest-by column, ties broken by every column. A
   * hash aggregate of the maximum struct, which avoids sorting the whole batch as a window would.
   */
  private static Dataset<Row> onePerKey(Dataset<Row> batch, List<String> keys, Optional<String> latestBy) {
    List<Column> ordered = new ArrayList<>();
    latestBy.ifPresent(column -> ordered.add(col(column).as("_latest")));
    for (String column : batch.columns()) {
      if (!keys.contains(column)) {
        ordered.add(col(column));
      }
    }
    Column[] keyColumns = keys.stream().map(functions::col).toArray(Column[]::new);
    List<Column> output = new ArrayList<>();
    for (String column : batch.columns()) {
      output.add(keys.contains(column) ? col(column) : col("_chosen." + column).as(column));
    }
    return batch
        .groupBy(keyColumns)
        .agg(functions.max(functions.struct(ordered.toArray(new Column[0]))).as("_chosen"))
        .select(output.toArray(new Column[0]));
  }

  private void merge(TableRef table, Dataset<Row> batch, List<String> keys, Optional<String> latestBy) {
    if (io.read(table).isEmpty()) {
      // Nothing to match against (the first night): a plain append costs far less than a MERGE.
      io.append(batch, table, List.of(), "silver first load " + night + " run " + runId);
      return;
    }
    String on = keys.stream().map(k -> "t." + k + " = s." + k).collect(Collectors.joining(" AND "));
    String changed =
        "NOT ("
            + java.util.Arrays.stream(batch.columns())
                .filter(c -> !keys.contains(c))
                .map(c -> "t." + c + " <=> s." + c)
                .collect(Collectors.joining(" AND "))
            + ")";
    String update = latestBy.map(c -> "(s." + c + " >= t." + c + " OR t." + c + " IS NULL) AND " + changed).orElse(changed);
    io.delta(table).as("t").merge(batch.as("s"), on).whenMatched(update).updateAll().whenNotMatched().insertAll().execute();
  }

  private Dataset<Row> identityRows(Contract contract, Dataset<Row> source) {
    List<Column> columns = new ArrayList<>();
    columns.add(col(PERSON_KEY).as("person_key"));
    for (String name : IDENTITY_COLUMNS) {
      columns.add(contract.column(name).isPresent() ? col(name).cast("string").as(name) : lit(null).cast("string").as(name));
    }
    columns.add(lit(contract.id()).as("feed"));
    columns.add(col(IngestSchemas.BOROUGH).as("borough"));
    columns.add(col(IngestSchemas.NIGHT).as("first_seen_night"));
    Dataset<Row> rows = source.select(columns.toArray(new Column[0]));
    Column[] hashed = IDENTITY_COLUMNS.stream().map(functions::col).toArray(Column[]::new);
    return rows.withColumn("identity_hash", sha2(concat_ws("\u001f", hashed), 256));
  }

  private Dataset<Row> pendingRows(Contract contract, Dataset<Row> source) {
    List<Column> columns = new ArrayList<>();
    columns.add(col(IngestSchemas.NIGHT));
    columns.add(lit(contract.id()).as("feed"));
    columns.add(col(IngestSchemas.BOROUGH).as("borough"));
    columns.add(col(IngestSchemas.SOURCE_SHA256).as("source_sha256"));
    columns.add(col(IngestSchemas.SOURCE_ROW).as("source_row"));
    for (String name : IDENTITY_COLUMNS) {
      columns.add(contract.column(name).isPresent() ? col(name).cast("string").as(name) : lit(null).cast("string").as(name));
    }
    columns.add(lit("no usable NHS number").as("reason"));
    return source.select(columns.toArray(new Column[0]));
  }

  private void writeIdentity(List<Dataset<Row>> identities) {
    if (identities.isEmpty()) {
      return;
    }
    Dataset<Row> all = identities.stream().reduce(Dataset::unionByName).orElseThrow();
    // The first sighting of each identity: the smallest (night, feed, borough), by hash aggregate.
    List<Column> rest = new ArrayList<>();
    rest.add(col("first_seen_night"));
    rest.add(col("feed"));
    rest.add(col("borough"));
    IDENTITY_COLUMNS.forEach(c -> rest.add(col(c)));
    List<Column> output = new ArrayList<>(List.of(col("person_key"), col("identity_hash")));
    for (String column : all.columns()) {
      if (!column.equals("person_key") && !column.equals("identity_hash")) {
        output.add(col("_first." + column).as(column));
      }
    }
    Dataset<Row> batch = all.groupBy("person_key", "identity_hash")
        .agg(functions.min(functions.struct(rest.toArray(new Column[0]))).as("_first"))
        .select(output.toArray(new Column[0]));
    TableRef table = lake.identity();
    if (!io.exists(table)) {
      io.append(batch, table, List.of(), "identity vault");
      return;
    }
    io.delta(table)
        .as("t")
        .merge(batch.as("s"), "t.person_key = s.person_key AND t.identity_hash = s.identity_hash")
        .whenNotMatched()
        .insertAll()
        .execute();
  }

  private void writePending(List<Dataset<Row>> pending, List<String> feeds) {
    Dataset<Row> batch = pending.stream().reduce(Dataset::unionByName).orElseThrow();
    String feedList = feeds.stream().map(f -> "'" + f + "'").collect(Collectors.joining(","));
    io.replaceWhere(
        batch, lake.pendingLinkage(), "night = DATE'" + night + "' AND feed IN (" + feedList + ")", List.of("night"),
        "pending linkage " + night);
  }

  /** The files the ledger says were loaded for this night, by feed. */
  private void loadedFilesByFeed(Map<String, List<String>> byFeed, Map<String, Long> rows) {
    if (!io.exists(lake.ledger())) {
      return;
    }
    for (Row row :
        io.read(lake.ledger())
            .filter(col("night").equalTo(lit(java.sql.Date.valueOf(night))).and(col("status").equalTo("LOADED")))
            .filter(col("rows_loaded").gt(0))
            .select("feed", "sha256", "rows_loaded")
            .orderBy("feed", "sha256")
            .collectAsList()) {
      byFeed.computeIfAbsent(row.getString(0), k -> new ArrayList<>()).add(row.getString(1));
      rows.merge(row.getString(0), row.getLong(2), Long::sum);
    }
  }

  private static String fingerprint(List<String> files, String mapping, String ddl) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (String part : files) {
        digest.update(part.getBytes(StandardCharsets.UTF_8));
        digest.update((byte) 0);
      }
      digest.update(mapping.getBytes(StandardCharsets.UTF_8));
      digest.update((byte) 0);
      digest.update(ddl.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest.digest());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
