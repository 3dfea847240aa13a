package org.carelake.quality;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.carelake.contract.PrivacyClasses;
import org.carelake.ingest.IngestSchemas;
import org.carelake.lake.DeltaIo;
import org.carelake.lake.Lake;
import org.carelake.lake.LakeTables;
import org.carelake.lake.TableRef;
import org.carelake.lake.Zone;

/**
 * Quality gates before publication: (1) the ledger reconciles for the night, checked against what
 * is in the raw and quarantine tables; (2) the identifier-leak gate: no string column of any
 * silver or gold table holds a value of a column any contract classifies as a direct identifier
 * (compared with whitespace removed and case folded), and no column is mostly names from them.
 */
public final class CheckStage {
  /** A normalised value that is a single word of letters: judged column by column, as names. */
  private static final String NAME_SHAPE = "^[A-Z][A-Z'-]{1,40}$";
  /** Shorter hunted values (a house number, an initial) would match codes by chance; a postcode
   * normalised is five to seven characters. */
  static final int MIN_EXACT = 5;

  private final SparkSession spark;
  private final DeltaIo io;
  private final Lake lake;
  private final LocalDate night;
  private final List<org.carelake.contract.Contract> contracts;

  public CheckStage(DeltaIo io, Lake lake, LocalDate night, List<org.carelake.contract.Contract> contracts) {
    this.contracts = List.copyOf(contracts);
    this.io = requireNonNull(io, "io is null");
    this.spark = io.spark();
    this.lake = requireNonNull(lake, "lake is null");
    this.night = requireNonNull(night, "night is null");
  }

  public CheckResult run() {
    Instant begin = Instant.now();
    List<String> failures = new ArrayList<>();
    long files = reconcileLedger(failures);
    long[] scanned = scanForIdentifiers(failures);
    return new CheckResult(files, scanned[0], scanned[1], failures, Duration.between(begin, Instant.now()));
  }

  private long reconcileLedger(List<String> failures) {
    if (!io.exists(lake.ledger())) {
      return 0;
    }
    spark.sparkContext().setJobDescription("check: ledger reconciliation");
    List<Row> entries =
        io.read(lake.ledger())
            .filter(col("night").equalTo(lit(java.sql.Date.valueOf(night))))
            .filter(col("status").isin("LOADED", "REJECTED"))
            .select("feed", "file_name", "borough", "sha256", "rows_read", "rows_loaded", "rows_quarantined")
            .collectAsList();
    Map<String, Long> loaded = new HashMap<>();
    Map<String, Long> quarantined = new HashMap<>();
    for (String feed : entries.stream().map(r -> r.getString(0)).distinct().toList()) {
      if (io.exists(lake.raw(feed))) {
        count(io.read(lake.raw(feed)), loaded);
      }
    }
    if (io.exists(lake.quarantine())) {
      count(io.read(lake.quarantine()), quarantined);
    }
    for (Row entry : entries) {
      String file = entry.getString(2) + "/" + entry.getString(1);
      long read = entry.getLong(4);
      String key = entry.getString(2) + "/" + entry.getString(3);
      long inRaw = loaded.getOrDefault(key, 0L);
      long inQuarantine = quarantined.getOrDefault(key, 0L);
      if (read != entry.getLong(5) + entry.getLong(6)) {
        failures.add("ledger: " + file + " read " + read + " != loaded + quarantined");
      }
      if (inRaw != entry.getLong(5) || inQuarantine != entry.getLong(6)) {
        failures.add("ledger: " + file + " tables hold " + inRaw + " loaded and " + inQuarantine + " quarantined rows, ledger says "
            + entry.getLong(5) + " and " + entry.getLong(6));
      }
    }
    return entries.size();
  }

  private void count(Dataset<Row> table, Map<String, Long> into) {
    for (Row row :
        table.filter(col(IngestSchemas.NIGHT).equalTo(lit(java.sql.Date.valueOf(night))))
            .groupBy(IngestSchemas.BOROUGH, IngestSchemas.SOURCE_SHA256).count().collectAsList()) {
      into.merge(row.getString(0) + "/" + row.getString(1), row.getLong(2), Long::sum);
    }
  }

  /**
   * The values the gate hunts: every column any contract classifies as a direct identifier
   * ({@link PrivacyClasses}), not a list in Java. A column the identity vault also holds (its
   * record uses the contracts' column names) is read once from the vault; any other (a telephone,
   * an address line, a newly classified column) from the raw tables of the feeds that carry it.
   * Values are normalised: whitespace removed, upper case.
   */
  private Dataset<Row> huntedValues() {
    Dataset<Row> vault = io.exists(lake.identity()) ? io.read(lake.identity()) : null;
    java.util.Set<String> inVault = new java.util.TreeSet<>();
    List<Dataset<Row>> parts = new ArrayList<>();
    for (Map.Entry<String, List<String>> feed : PrivacyClasses.of(contracts).directIdentifiersByFeed().entrySet()) {
      Dataset<Row> raw = io.exists(lake.raw(feed.getKey())) ? io.read(lake.raw(feed.getKey())) : null;
      for (String column : feed.getValue()) {
        if (vault != null && List.of(vault.columns()).contains(column)) {
          if (inVault.add(column)) {
            parts.add(vault.select(normalised(col(column)).as("v")));
          }
        } else if (raw != null && List.of(raw.columns()).contains(column)) {
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
   * Every string column of every de-identified table becomes (column, value) pairs in one dataset,
   * so the whole scan is two joins, not a job per column. A hunted value that is a word of letters
   * (a name) counts only when a column is mostly such values, so a surname that is also a town or
   * a term does not stop the night; every other hunted value of at least {@value #MIN_EXACT}
   * characters (an NHS number, a postcode, a date of birth, a telephone number, an address, an
   * identifier of any format) counts wherever it appears.
   */
  private long[] scanForIdentifiers(List<String> failures) {
    spark.sparkContext().setJobDescription("check: identifier-leak gate");
    Dataset<Row> hunted = huntedValues();
    if (hunted == null) {
      return new long[] {0, 0};
    }
    Dataset<Row> exact = hunted.filter(functions.not(col("v").rlike(NAME_SHAPE)).and(functions.length(col("v")).geq(MIN_EXACT)));
    Dataset<Row> names = hunted.filter(col("v").rlike(NAME_SHAPE)).withColumn("is_name", lit(true));
    List<Dataset<Row>> values = new ArrayList<>();
    long tables = 0;
    long columns = 0;
    for (TableRef table : deIdentifiedTables()) {
      tables++;
      Dataset<Row> data = io.read(table);
      List<Column> pairs = new ArrayList<>();
      for (StructField field : data.schema().fields()) {
        if (field.dataType().equals(DataTypes.StringType)) {
          columns++;
          pairs.add(functions.struct(lit(table.qualifiedName() + "." + field.name()).as("c"), col(field.name()).as("v")));
        }
      }
      if (!pairs.isEmpty()) {
        // One scan per table: every string cell becomes a (column, value) pair.
        values.add(data.select(functions.explode(functions.array(pairs.toArray(new Column[0]))).as("p")).select("p.c", "p.v"));
      }
    }
    if (values.isEmpty()) {
      return new long[] {tables, columns};
    }
    Dataset<Row> all = values.stream().reduce(Dataset::union).orElseThrow().filter(col("v").isNotNull())
        .select(col("c"), normalised(col("v")).as("v")).distinct().cache();
    for (Row row :
        all.filter(functions.length(col("v")).geq(MIN_EXACT).and(functions.not(col("v").rlike(NAME_SHAPE))))
            .join(exact, all.col("v").equalTo(exact.col("v")), "left_semi")
            .groupBy("c").count().orderBy("c").collectAsList()) {
      failures.add("identifier leak: " + row.getString(0) + " holds " + row.getLong(1)
          + " values of columns the contracts classify as direct identifiers (NHS numbers, postcodes, dates of birth,"
          + " telephone numbers and the like)");
    }
    for (Row row :
        all.filter(col("v").rlike(NAME_SHAPE))
            .join(names, all.col("v").equalTo(names.col("v")), "left")
            .groupBy("c")
            .agg(functions.count(lit(1)).as("candidates"), functions.count(col("is_name")).as("matching"))
            .filter(col("candidates").geq(20).and(col("matching").multiply(2).gt(col("candidates"))))
            .orderBy("c").collectAsList()) {
      failures.add("identifier leak: " + row.getString(0) + " is mostly names from the restricted zone");
    }
    all.unpersist();
    return new long[] {tables, columns};
  }

  /** Every Delta table in the de-identified zones, found on storage rather than from a list. */
  public List<TableRef> deIdentifiedTables() {
    List<TableRef> tables = new ArrayList<>();
    for (Zone zone : Zone.values()) {
      if (zone.isDeIdentified()) {
        tables.addAll(LakeTables.inZone(io, lake, zone));
      }
    }
    return tables;
  }
}
