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
import org.carelake.ingest.IngestSchemas;
import org.carelake.lake.DeltaIo;
import org.carelake.lake.Lake;
import org.carelake.lake.LakeTables;
import org.carelake.lake.TableRef;
import org.carelake.lake.Zone;

/**
 * Quality gates before publication: (1) the ledger reconciles for the night, checked against what
 * is in the raw and quarantine tables; (2) the identifier-leak gate: no string column of any
 * silver or gold table holds an NHS number, full postcode or telephone number from the identity
 * vault, and no column is mostly names from it.
 */
public final class CheckStage {
  private static final String NHS_SHAPE = "^[0-9]{10}$";
  private static final String POSTCODE_SHAPE = "^[A-Z]{1,2}[0-9][0-9A-Z]? ?[0-9][A-Z]{2}$";
  private static final String PHONE_SHAPE = "^[0-9 +()-]{10,16}$";
  private static final String NAME_SHAPE = "^[A-Za-z][A-Za-z' -]{1,40}$";

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
   * Every string column of every de-identified table becomes (column, value) pairs in one dataset,
   * so the whole scan is two joins, not a job per column.
   */
  private long[] scanForIdentifiers(List<String> failures) {
    if (!io.exists(lake.identity())) {
      return new long[] {0, 0};
    }
    spark.sparkContext().setJobDescription("check: identifier-leak gate");
    Dataset<Row> vault = io.read(lake.identity());
    // The vault holds standardised identifiers (names upper case, postcodes spaced); telephone
    // numbers are not linkage fields, so they come from the raw tables of feeds that carry them.
    Dataset<Row> exact = vault.select(col("nhs_number").as("v")).union(vault.select(col("postcode").as("v")));
    for (org.carelake.contract.Contract contract : contracts) {
      if (contract.column("telephone").isPresent() && io.exists(lake.raw(contract.id()))) {
        exact = exact.union(io.read(lake.raw(contract.id())).select(col("telephone").as("v")));
      }
    }
    exact = exact.filter(col("v").isNotNull()).distinct();
    Dataset<Row> names =
        vault.select(col("given_name").as("v")).union(vault.select(col("family_name").as("v")))
            .filter(col("v").isNotNull()).distinct().withColumn("is_name", lit(true));
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
    Dataset<Row> all = values.stream().reduce(Dataset::union).orElseThrow().filter(col("v").isNotNull()).distinct().cache();
    for (Row row :
        all.filter(col("v").rlike(NHS_SHAPE).or(col("v").rlike(POSTCODE_SHAPE)).or(col("v").rlike(PHONE_SHAPE)))
            .join(functions.broadcast(exact), functions.upper(all.col("v")).equalTo(exact.col("v")))
            .groupBy("c").count().orderBy("c").collectAsList()) {
      failures.add("identifier leak: " + row.getString(0) + " holds " + row.getLong(1)
          + " NHS numbers, postcodes or telephone numbers from the identity vault");
    }
    for (Row row :
        all.filter(col("v").rlike(NAME_SHAPE))
            .join(names, functions.upper(all.col("v")).equalTo(names.col("v")), "left")
            .groupBy("c")
            .agg(functions.count(lit(1)).as("candidates"), functions.count(col("is_name")).as("matching"))
            .filter(col("candidates").geq(20).and(col("matching").multiply(2).gt(col("candidates"))))
            .orderBy("c").collectAsList()) {
      failures.add("identifier leak: " + row.getString(0) + " is mostly names from the identity vault");
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
