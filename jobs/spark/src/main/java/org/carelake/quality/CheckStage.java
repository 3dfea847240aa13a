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
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.carelake.contract.Contract;
import org.carelake.contract.PrivacyClasses;
import org.carelake.governance.IdentifierLeakGate;
import org.carelake.ingest.IngestSchemas;
import org.carelake.lake.DeltaIo;
import org.carelake.lake.Lake;
import org.carelake.lake.LakeTables;
import org.carelake.lake.StageState;
import org.carelake.lake.TableRef;
import org.carelake.lake.Zone;

/**
 * The night's closing checks: (1) the ledger reconciles for the night, checked against what is in
 * the raw and quarantine tables; (2) the identifier-leak gate ({@link IdentifierLeakGate}) over
 * every silver and gold table: no string column holds a value of a column any contract classifies
 * as a direct identifier (compared with whitespace removed and case folded), and no column is
 * mostly names from them. Gold tables have already passed the same gate before they were
 * published (the gold stage's write–audit–publish).
 */
public final class CheckStage {
  private final SparkSession spark;
  private final DeltaIo io;
  private final Lake lake;
  private final LocalDate night;
  private final List<Contract> contracts;

  public CheckStage(DeltaIo io, Lake lake, LocalDate night, List<Contract> contracts) {
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
    // A file no contract matched is in the ledger under no feed's name and loaded nothing: there is
    // no raw table to count it in.
    Set<String> feeds = contracts.stream().map(Contract::id).collect(Collectors.toSet());
    for (String feed : entries.stream().map(r -> r.getString(0)).filter(feeds::contains).distinct().toList()) {
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
      // Two feeds' files can be byte for byte the same (two opt-out lists holding one person), so
      // a raw row counts for its feed's file only.
      String key = entry.getString(0) + "/" + entry.getString(2) + "/" + entry.getString(3);
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
            .groupBy(IngestSchemas.FEED, IngestSchemas.BOROUGH, IngestSchemas.SOURCE_SHA256).count().collectAsList()) {
      into.merge(row.getString(0) + "/" + row.getString(1) + "/" + row.getString(2), row.getLong(3), Long::sum);
    }
  }

  /**
   * The identifier-leak gate ({@link IdentifierLeakGate}) over every de-identified table: gold
   * tables were gated before they were published; this scan also covers silver and any table a
   * hand-run job left behind.
   *
   * <p>A night's cost follows the night: each table is scanned in full once, and after that only
   * in the data files added since the version that last passed (read from the Delta log, {@link
   * DeltaIo#filesAddedAfter}); the versions that passed are kept in {@code ops.stage_state}. A
   * table that failed is scanned in full again next time, and so is every table when the contracts'
   * direct-identifier columns change (the state records them), so a column newly classified as an
   * identifier is hunted through all the data already held. The names rule (a column mostly names
   * from the restricted zone) therefore judges a table's new rows, not its whole history.
   */
  private long[] scanForIdentifiers(List<String> failures) {
    spark.sparkContext().setJobDescription("check: identifier-leak gate");
    String hunted = "identifiers:"
        + Integer.toHexString(new java.util.TreeMap<>(PrivacyClasses.of(contracts).directIdentifiersByFeed()).toString().hashCode());
    StageState state = new StageState(io, lake.stageState());
    Map<String, String> known = state.all();
    Map<String, Dataset<Row>> tables = new java.util.LinkedHashMap<>();
    Map<String, String> versions = new java.util.TreeMap<>();
    for (TableRef table : deIdentifiedTables()) {
      long version = io.version(table).orElseThrow();
      String scope = "check:" + table.qualifiedName();
      versions.put(scope, version + " " + hunted);
      Optional<List<String>> added = Optional.empty();
      String previous = known.get(scope);
      if (previous != null && previous.endsWith(" " + hunted)) {
        long passed = Long.parseLong(previous.substring(0, previous.indexOf(' ')));
        // A version below the one that passed means the table was dropped and made again: read it all.
        added = passed <= version ? io.filesAddedAfter(table, passed, version) : Optional.empty();
      }
      if (added.isEmpty()) {
        tables.put(table.qualifiedName(), io.readAt(table, version));
      } else if (!added.get().isEmpty()) {
        tables.put(table.qualifiedName(), spark.read().parquet(added.get().toArray(String[]::new)));
      }
    }
    try (IdentifierLeakGate gate = IdentifierLeakGate.prepare(io, lake, contracts)) {
      IdentifierLeakGate.Scan scan = gate.scan(tables);
      failures.addAll(scan.failures());
      versions.keySet().removeIf(scope -> scan.failuresByTable().containsKey(scope.substring("check:".length())));
      // A night that changed nothing records nothing.
      versions.entrySet().removeIf(passed -> passed.getValue().equals(known.get(passed.getKey())));
      state.recordAll(versions, "check " + night, Instant.now());
      return new long[] {scan.tables(), scan.columns()};
    }
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
