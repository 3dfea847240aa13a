package org.carelake.quality;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.carelake.contract.Contract;
import org.carelake.ingest.IngestSchemas;
import org.carelake.lake.DeltaIo;
import org.carelake.lake.Lake;
import org.carelake.lake.TableRef;
import org.carelake.link.BirthDates;
import org.carelake.link.IdentityColumns;

/**
 * The views the checks in {@code sql/checks/} read, each holding only the night's rows (raw and
 * quarantine are read by their {@code night} partition, never their history) and no identifier
 * value: keys are hashed, quarantined rows lose their raw text, links keep only how and how well.
 * The loaded rows are computed once (with their links) and kept for the checks that read them.
 *
 * <ul>
 *   <li>{@code ledger}: the night's ledger rows of files of known feeds;
 *   <li>{@code quarantine}: the night's quarantined rows and the rules each broke;
 *   <li>{@code loaded}: one row per loaded row, with its primary key hashed ({@code row_key}) and
 *       its content hashed ({@code row_content}), its linked person's known birth date
 *       ({@code birth_date}, see {@link BirthDates}), its
 *       main care date ({@link FeedProfile#careDate()}) and the warning-severity rules it broke;
 *   <li>{@code links}: one row per loaded row of a feed carrying identity, with whether its
 *       identity record has a person in {@code restricted.person_link} and how it was linked;
 *   <li>{@code column_fill}: per borough, feed and contract column, rows loaded and rows with a value.
 * </ul>
 */
public final class QualityViews {
  static final Map<String, StructType> SCHEMAS = schemas();
  public static final List<String> NAMES = List.copyOf(SCHEMAS.keySet());

  private static final UserDefinedFunction BREAKS =
      functions.udf((UDF2<String, String, Boolean>) WarningChecks::breaks, DataTypes.BooleanType);

  private final SparkSession spark;
  private final DeltaIo io;
  private final Lake lake;
  private final List<Contract> contracts;
  private final LocalDate night;

  public QualityViews(DeltaIo io, Lake lake, List<Contract> contracts, LocalDate night) {
    this.io = requireNonNull(io, "io is null");
    this.spark = io.spark();
    this.lake = requireNonNull(lake, "lake is null");
    this.contracts = List.copyOf(contracts);
    this.night = requireNonNull(night, "night is null");
  }

  private static Map<String, StructType> schemas() {
    Map<String, StructType> schemas = new LinkedHashMap<>();
    schemas.put("ledger", StructType.fromDDL("night DATE, borough STRING, feed STRING, file_name STRING, sha256 STRING, "
        + "status STRING, rows_read BIGINT, rows_loaded BIGINT, rows_quarantined BIGINT"));
    schemas.put("quarantine", StructType.fromDDL("night DATE, borough STRING, feed STRING, violations ARRAY<STRING>"));
    schemas.put("loaded", StructType.fromDDL(
        "night DATE, borough STRING, feed STRING, row_key BIGINT, row_content BIGINT, care_date DATE, warnings ARRAY<STRING>, "
            + "birth_date DATE"));
    schemas.put("links", StructType.fromDDL(
        "night DATE, borough STRING, feed STRING, linked BOOLEAN, method STRING, match_probability DOUBLE"));
    schemas.put("column_fill", StructType.fromDDL("night DATE, borough STRING, feed STRING, column_name STRING, "
        + "required BOOLEAN, classification STRING, rows BIGINT, filled BIGINT"));
    return schemas;
  }

  /** The view's columns, for checks and for tests that build a view by hand. */
  public static StructType schema(String view) {
    StructType schema = SCHEMAS.get(view);
    if (schema == null) {
      throw new IllegalArgumentException("no quality view " + view + "; views are " + NAMES);
    }
    return schema;
  }

  /** Registers every view as a temporary view; closing drops them and frees the cached rows. */
  public Registered register() {
    // The raw tables, the quarantine and the ledger all call the load night "night".
    Column tonight = col(IngestSchemas.NIGHT).equalTo(lit(java.sql.Date.valueOf(night)));
    Object[] feeds = contracts.stream().map(Contract::id).toArray();
    Dataset<Row> ledger = io.exists(lake.ledger())
        ? io.read(lake.ledger()).filter(tonight.and(col("feed").isin(feeds)))
        : empty("ledger");
    Dataset<Row> quarantine = io.exists(lake.quarantine())
        ? io.read(lake.quarantine()).filter(tonight.and(col(IngestSchemas.FEED).isin(feeds)))
            .select(col(IngestSchemas.NIGHT), col(IngestSchemas.BOROUGH).as("borough"), col(IngestSchemas.FEED).as("feed"),
                col(IngestSchemas.VIOLATIONS).as("violations"))
        : empty("quarantine");
    List<Dataset<Row>> rows = new ArrayList<>();
    List<Dataset<Row>> fills = new ArrayList<>();
    for (Contract contract : contracts) {
      TableRef table = lake.raw(contract.id());
      if (io.exists(table)) {
        Dataset<Row> raw = io.read(table).filter(tonight);
        rows.add(loadedRows(contract, raw));
        fills.add(columnFill(FeedProfile.of(contract), raw));
      }
    }
    Dataset<Row> loaded = rows.stream().reduce(Dataset::unionByName)
        .map(this::withLinks)
        .orElseGet(() -> unlinked(empty("loaded")))
        .persist(StorageLevel.MEMORY_AND_DISK());
    Map<String, Dataset<Row>> views = new LinkedHashMap<>();
    views.put("ledger", ledger);
    views.put("quarantine", quarantine);
    views.put("loaded", loaded);
    views.put("links", loaded.filter(col("carries_identity")));
    // Per borough, feed and column: a few thousand rows, computed once from the raw tables' wide rows
    // rather than inside every check that reads it (which also keeps each check's task small).
    Dataset<Row> fill = fills.stream().reduce(Dataset::unionByName).orElseGet(() -> empty("column_fill"))
        .persist(StorageLevel.MEMORY_AND_DISK());
    views.put("column_fill", fill);
    views.forEach((name, rowsOfView) -> conform(rowsOfView, name).createOrReplaceTempView(name));
    return new Registered(spark, List.of(loaded, fill));
  }

  /** The registered views; closing drops them and unpersists the night's loaded rows. */
  public static final class Registered implements AutoCloseable {
    private final SparkSession spark;
    private final List<Dataset<Row>> cached;

    Registered(SparkSession spark, List<Dataset<Row>> cached) {
      this.spark = spark;
      this.cached = List.copyOf(cached);
    }

    @Override
    public void close() {
      NAMES.forEach(name -> spark.catalog().dropTempView(name));
      cached.forEach(Dataset::unpersist);
    }
  }

  private Dataset<Row> loadedRows(Contract contract, Dataset<Row> raw) {
    FeedProfile profile = FeedProfile.of(contract);
    Optional<IdentityColumns> identity = IdentityColumns.of(contract);
    Dataset<Row> withId = identity.isPresent()
        ? identity.get().withIdentityId(raw)
        : raw.withColumn("_identity_id", lit(null).cast("string"));
    return withId.select(col(IngestSchemas.NIGHT), col(IngestSchemas.BOROUGH).as("borough"), col(IngestSchemas.FEED).as("feed"),
        rowKey(profile).as("row_key"), rowContent(contract).as("row_content"), careDate(profile).as("care_date"), warnings(profile).as("warnings"),
        col("_identity_id").as("identity_id"), lit(identity.isPresent()).as("carries_identity"));
  }

  /**
   * A 64-bit hash of the primary key's values: enough to count repeated keys in a borough's night
   * (a chance collision among a million keys is about one in 30 million), eight bytes to keep, and
   * no key value in the view.
   */
  private static Column rowKey(FeedProfile profile) {
    if (profile.primaryKey().isEmpty()) {
      return lit(null).cast("bigint");
    }
    Column[] parts = profile.primaryKey().stream()
        .map(name -> coalesce(col(name).cast("string"), lit("\u0001"))).toArray(Column[]::new);
    return functions.xxhash64(parts);
  }

  /** A 64-bit hash of every contract column's value: rows with one key and other content differ in it. */
  private static Column rowContent(Contract contract) {
    Column[] parts = contract.columns().stream()
        .map(c -> coalesce(col(c.name()).cast("string"), lit("\u0001"))).toArray(Column[]::new);
    return functions.xxhash64(parts);
  }

  private static Column careDate(FeedProfile profile) {
    return profile.careDate().map(name -> col(name).cast("date")).orElse(lit(null).cast("date"));
  }

  private static Column warnings(FeedProfile profile) {
    if (profile.warningRules().isEmpty()) {
      return functions.array().cast("array<string>");
    }
    Column[] broken = profile.warningRules().stream()
        .map(rule -> when(BREAKS.apply(lit(rule.kind().id()), col(rule.column()).cast("string")), lit(rule.id())))
        .toArray(Column[]::new);
    return functions.array_compact(functions.array(broken));
  }

  /**
   * Each loaded row with its identity record's person link, if any ({@code linked}, {@code method},
   * {@code match_probability}); the identity id itself is dropped before the rows are kept.
   */
  private Dataset<Row> withLinks(Dataset<Row> rows) {
    TableRef personLink = lake.restricted("person_link");
    if (!io.exists(personLink)) {
      // No link stage has run: nothing to measure linkage by, so no row counts as carrying identity.
      return unlinked(rows.drop("identity_id", "carries_identity"));
    }
    Dataset<Row> links = io.read(personLink)
        .select(col("identity_id").as("_link_identity"), col("method"), col("match_probability"));
    links = io.exists(lake.restricted("identity"))
        ? links.join(BirthDates.ofLinkedRecords(io, lake).select(col("identity_id").as("_born_identity"), col("birth_date")),
            col("_link_identity").equalTo(col("_born_identity")), "left").drop("_born_identity")
        : links.withColumn("birth_date", lit(null).cast("date"));
    return rows.join(links, col("identity_id").equalTo(col("_link_identity")), "left")
        .withColumn("linked", col("_link_identity").isNotNull())
        .drop("identity_id", "_link_identity");
  }

  private static Dataset<Row> unlinked(Dataset<Row> rows) {
    return rows.withColumn("carries_identity", lit(false)).withColumn("linked", lit(false))
        .withColumn("method", lit(null).cast("string")).withColumn("match_probability", lit(null).cast("double"))
        .withColumn("birth_date", lit(null).cast("date"));
  }

  /** Per borough: loaded rows and rows with a value in each contract column, one aggregate per feed. */
  private Dataset<Row> columnFill(FeedProfile profile, Dataset<Row> raw) {
    List<Column> counts = new ArrayList<>();
    List<Column> columns = new ArrayList<>();
    for (int i = 0; i < profile.columns().size(); i++) {
      org.carelake.contract.Column column = profile.columns().get(i);
      counts.add(count(col(column.name())).as("_filled_" + i));
      columns.add(struct(lit(column.name()).as("column_name"), lit(column.required()).as("required"),
          lit(column.classification().label()).as("classification"), col("_filled_" + i).as("filled")));
    }
    return raw.groupBy(col(IngestSchemas.BOROUGH).as("borough"))
        .agg(count(lit(1)).as("rows"), counts.toArray(new Column[0]))
        .select(col("borough"), col("rows"), functions.explode(functions.array(columns.toArray(new Column[0]))).as("c"))
        .select(lit(java.sql.Date.valueOf(night)).as("night"), col("borough"), lit(profile.feed()).as("feed"),
            col("c.column_name"), col("c.required"), col("c.classification"), col("rows"), col("c.filled"));
  }

  private Dataset<Row> empty(String view) {
    return spark.createDataFrame(List.of(), schema(view));
  }

  /** The view's columns in order and type, whatever extra columns the source carries. */
  private static Dataset<Row> conform(Dataset<Row> rows, String view) {
    List<Column> columns = new ArrayList<>();
    for (StructField field : schema(view).fields()) {
      columns.add(col(field.name()).cast(field.dataType()).as(field.name()));
    }
    return rows.select(columns.toArray(new Column[0]));
  }
}
