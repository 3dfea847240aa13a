package org.carelake.governance;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.storage.StorageLevel;
import org.carelake.contract.Contract;
import org.carelake.contract.PrivacyClasses;
import org.carelake.lake.DeltaIo;
import org.carelake.lake.Lake;

/**
 * The identifier-leak gate, one component for every path that publishes: the gold stage runs it on
 * each table it has built before the table becomes visible (write–audit–publish), and the check
 * stage on every de-identified table after the night.
 *
 * <p>The values it hunts are those of every column any contract classifies as a direct identifier
 * ({@link PrivacyClasses}), not a list in Java. A column the identity vault also holds (its record
 * uses the contracts' column names) is read once from the vault; any other (a telephone, an
 * address line, a newly classified column) from the raw tables of the feeds that carry it. Values
 * and the cells scanned are normalised alike: whitespace removed, upper case.
 *
 * <p>A hunted value that is a single word of letters (a name) counts only when a column is mostly
 * such values, so a surname that is also a town or a term does not stop the night; every other
 * hunted value of at least {@value #MIN_EXACT} characters (an NHS number, a postcode, a date of
 * birth, a telephone number, an address, an identifier of any format) counts wherever it appears.
 * A failure names the table and column and how many values, never a value.
 *
 * <p>The hunted values are gathered once and cached for the gate's life; {@link #close} releases them.
 */
public final class IdentifierLeakGate implements AutoCloseable {
  /** A normalised value that is a single word of letters: judged column by column, as names. */
  private static final String NAME_SHAPE = "^[A-Z][A-Z'-]{1,40}$";
  /** Shorter hunted values (a house number, an initial) would match codes by chance; a postcode
   * normalised is five to seven characters. */
  public static final int MIN_EXACT = 5;
  /** A column is "mostly names" when over half of at least this many distinct name-shaped values are hunted names. */
  private static final int MIN_NAME_CANDIDATES = 20;

  private final Dataset<Row> hunted;
  private final Dataset<Row> exact;
  private final Dataset<Row> names;
  /** The lake-wide person keys, hunted only in what is published; null in the check stage (silver holds them by design). */
  private final Dataset<Row> lakeKeys;

  private IdentifierLeakGate(Dataset<Row> hunted, Dataset<Row> lakeKeys) {
    this.hunted = hunted;
    this.lakeKeys = lakeKeys;
    this.exact = hunted == null ? null
        : hunted.filter(functions.not(col("v").rlike(NAME_SHAPE)).and(functions.length(col("v")).geq(MIN_EXACT)));
    this.names = hunted == null ? null : hunted.filter(col("v").rlike(NAME_SHAPE)).withColumn("is_name", lit(true));
  }

  /**
   * What one scan looked at and found.
   *
   * @param failures each table's failures (qualified name to messages naming its columns), only tables that failed
   */
  public record Scan(long tables, long columns, Map<String, List<String>> failuresByTable) {
    public Scan {
      Map<String, List<String>> copy = new java.util.TreeMap<>();
      failuresByTable.forEach((table, messages) -> copy.put(table, List.copyOf(messages)));
      failuresByTable = java.util.Collections.unmodifiableMap(copy);
    }

    /** Every failure, table by table. */
    public List<String> failures() {
      return failuresByTable.values().stream().flatMap(List::stream).toList();
    }
  }

  /** Gathers the hunted values from the identity vault and the raw tables; nothing is read until the first scan. */
  public static IdentifierLeakGate prepare(DeltaIo io, Lake lake, List<Contract> contracts) {
    requireNonNull(io, "io is null");
    requireNonNull(lake, "lake is null");
    Dataset<Row> hunted = hunted(io, lake, contracts);
    return new IdentifierLeakGate(hunted == null ? null : hunted.persist(StorageLevel.MEMORY_AND_DISK()), null);
  }

  /**
   * The gate for what is about to be published: it also hunts the lake-wide person keys of
   * {@code silver.person}. Silver is keyed by them; a published table must carry none — a research
   * dataset carries its project's own pseudonym ({@code project_pseudonym}), so two projects' tables
   * cannot be joined to each other or to silver.
   */
  public static IdentifierLeakGate forPublication(DeltaIo io, Lake lake, List<Contract> contracts) {
    Dataset<Row> hunted = hunted(io, lake, contracts);
    Dataset<Row> keys = io.exists(lake.silver("person"))
        ? io.read(lake.silver("person")).select(normalised(col("person_key")).as("v")).filter(col("v").isNotNull()).distinct()
            .persist(StorageLevel.MEMORY_AND_DISK())
        : null;
    return new IdentifierLeakGate(hunted == null ? null : hunted.persist(StorageLevel.MEMORY_AND_DISK()), keys);
  }

  private static Dataset<Row> hunted(DeltaIo io, Lake lake, List<Contract> contracts) {
    Dataset<Row> vault = io.exists(lake.identity()) ? io.read(lake.identity()) : null;
    Set<String> inVault = new TreeSet<>();
    List<Dataset<Row>> parts = new ArrayList<>();
    List<String> vaultColumns = vault == null ? List.of() : List.of(vault.columns());
    for (Map.Entry<String, List<String>> feed : PrivacyClasses.of(contracts).directIdentifiersByFeed().entrySet()) {
      // A feed's raw table is opened only for a column the vault does not hold (most feeds have none).
      Dataset<Row> raw = null;
      for (String column : feed.getValue()) {
        if (vaultColumns.contains(column)) {
          if (inVault.add(column)) {
            parts.add(vault.select(normalised(col(column)).as("v")));
          }
          continue;
        }
        if (raw == null && io.exists(lake.raw(feed.getKey()))) {
          raw = io.read(lake.raw(feed.getKey()));
        }
        if (raw != null && List.of(raw.columns()).contains(column)) {
          parts.add(raw.select(normalised(col(column)).as("v")));
        }
      }
    }
    if (parts.isEmpty()) {
      return null;
    }
    return parts.stream().reduce(Dataset::union).orElseThrow().filter(col("v").isNotNull()).distinct();
  }

  private static Column normalised(Column value) {
    return functions.upper(functions.regexp_replace(value.cast("string"), "\\s+", ""));
  }

  /**
   * Scans every string column of the given tables (qualified name to rows): all their cells become
   * (column, value) pairs in one dataset, so the whole scan is two joins, not a job per column.
   */
  public Scan scan(Map<String, Dataset<Row>> tables) {
    List<Dataset<Row>> values = new ArrayList<>();
    long columns = 0;
    for (Map.Entry<String, Dataset<Row>> table : tables.entrySet()) {
      Dataset<Row> data = table.getValue();
      List<Column> pairs = new ArrayList<>();
      for (StructField field : data.schema().fields()) {
        if (field.dataType().equals(DataTypes.StringType)) {
          columns++;
          pairs.add(functions.struct(lit(table.getKey() + "." + field.name()).as("c"), col(field.name()).as("v")));
        }
      }
      if (!pairs.isEmpty()) {
        values.add(data.select(functions.explode(functions.array(pairs.toArray(new Column[0]))).as("p")).select("p.c", "p.v"));
      }
    }
    if ((exact == null && lakeKeys == null) || values.isEmpty()) {
      return new Scan(tables.size(), columns, Map.of());
    }
    Map<String, List<String>> failures = new java.util.TreeMap<>();
    Dataset<Row> all = values.stream().reduce(Dataset::union).orElseThrow().filter(col("v").isNotNull())
        .select(col("c"), normalised(col("v")).as("v")).distinct().cache();
    try {
      if (exact != null) {
        identifiers(all, failures);
      }
      if (lakeKeys != null) {
        for (Row row : all.join(lakeKeys, all.col("v").equalTo(lakeKeys.col("v")), "left_semi").groupBy("c").count().orderBy("c")
            .collectAsList()) {
          fail(failures, row.getString(0), "identifier leak: " + row.getString(0) + " holds " + row.getLong(1) + " lake-wide person keys (silver's"
              + " pseudonym); a published table may carry none — a research dataset uses project_pseudonym(project_id, person_key)");
        }
      }
    } finally {
      all.unpersist();
    }
    return new Scan(tables.size(), columns, failures);
  }

  /** A failure of the column {@code c} (qualified table name, a dot, the column) filed under its table. */
  private static void fail(Map<String, List<String>> failures, String c, String message) {
    failures.computeIfAbsent(c.substring(0, c.lastIndexOf('.')), table -> new ArrayList<>()).add(message);
  }

  private void identifiers(Dataset<Row> all, Map<String, List<String>> failures) {
    for (Row row :
        all.filter(functions.length(col("v")).geq(MIN_EXACT).and(functions.not(col("v").rlike(NAME_SHAPE))))
            .join(exact, all.col("v").equalTo(exact.col("v")), "left_semi")
            .groupBy("c").count().orderBy("c").collectAsList()) {
      fail(failures, row.getString(0), "identifier leak: " + row.getString(0) + " holds " + row.getLong(1)
          + " values of columns the contracts classify as direct identifiers (NHS numbers, postcodes, dates of birth,"
          + " telephone numbers and the like)");
    }
    for (Row row :
        all.filter(col("v").rlike(NAME_SHAPE))
            .join(names, all.col("v").equalTo(names.col("v")), "left")
            .groupBy("c")
            .agg(functions.count(lit(1)).as("candidates"), functions.count(col("is_name")).as("matching"))
            .filter(col("candidates").geq(MIN_NAME_CANDIDATES).and(col("matching").multiply(2).gt(col("candidates"))))
            .orderBy("c").collectAsList()) {
      fail(failures, row.getString(0), "identifier leak: " + row.getString(0) + " is mostly names from the restricted zone");
    }
  }

  @Override
  public void close() {
    if (hunted != null) {
      hunted.unpersist();
    }
    if (lakeKeys != null) {
      lakeKeys.unpersist();
    }
  }
}
