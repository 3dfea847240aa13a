package org.carelake.trace;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.carelake.contract.Contract;
import org.carelake.error.CareLakeErrors;
import org.carelake.ingest.IngestSchemas;
import org.carelake.lake.DeltaIo;
import org.carelake.lake.Lake;
import org.carelake.lake.TableDefinitions;
import org.carelake.lake.TableRef;
import org.carelake.lake.Zone;
import org.carelake.silver.FeedMapping;
import org.carelake.transform.SqlScript;

/**
 * "What happened to this record?": follows one landed row (night, borough, file name, row number)
 * through the ledger, the raw table or the quarantine, the identity vault and its person link, any
 * merge, split or review involving it, de-duplication, and the silver row it became. Identifier
 * values are shown only when asked for. The pseudonym functions must be registered (the silver
 * row's key is recomputed exactly as silver computes it).
 */
public final class RecordTrace {
  private final DeltaIo io;
  private final Lake lake;
  private final List<Contract> contracts;
  private final Path sqlDir;

  public RecordTrace(DeltaIo io, Lake lake, List<Contract> contracts, Path sqlDir) {
    this.io = requireNonNull(io, "io is null");
    this.lake = requireNonNull(lake, "lake is null");
    this.contracts = List.copyOf(contracts);
    this.sqlDir = requireNonNull(sqlDir, "sqlDir is null");
  }

  public TraceReport trace(Optional<LocalDate> night, String borough, String fileName, long rowNumber, boolean showIdentifiers) {
    TraceReport report = new TraceReport("Record " + borough + "/" + fileName + " row " + rowNumber);
    if (!io.exists(lake.ledger())) {
      throw CareLakeErrors.missingInput("ingest ledger (no night has been ingested into this lake)", Path.of(lake.ledger().path()));
    }
    Column which = col("borough").equalTo(borough).and(col("file_name").equalTo(fileName));
    if (night.isPresent()) {
      which = which.and(col("night").equalTo(lit(java.sql.Date.valueOf(night.get()))));
    }
    List<Row> files = io.read(lake.ledger()).filter(which).orderBy(col("night").desc(), col("recorded_at").desc())
        .select("night", "feed", "sha256", "status", "reason", "rows_read", "rows_loaded", "rows_quarantined").collectAsList();
    if (files.isEmpty()) {
      throw CareLakeErrors.configuration("no landed file " + borough + "/" + fileName + night.map(n -> " on " + n).orElse("")
          + " in the ledger; check the name with: carelake status, or the ledger table restricted.ingest_ledger");
    }
    Row file = files.get(0);
    String feed = file.getString(1);
    String sha = file.getString(2);
    report.add("night", String.valueOf(file.get(0)) + (files.size() > 1 && night.isEmpty() ? " (latest of " + files.size() + "; use --night)" : ""));
    report.add("file", file.getString(3) + " " + feed + ", sha256 " + TraceReport.shortId(sha) + ", " + file.getLong(5)
        + " rows read, " + file.getLong(6) + " loaded, " + file.getLong(7) + " quarantined"
        + (file.getString(4) == null ? "" : "; " + file.getString(4)));
    if (rowNumber < 1 || rowNumber > Math.max(file.getLong(5), 0)) {
      report.add("row", "the file has no data row " + rowNumber + " (rows are numbered from 1 after the header)");
      return report;
    }
    Contract contract = contracts.stream().filter(c -> c.id().equals(feed)).findFirst()
        .orElseThrow(() -> CareLakeErrors.configuration("no contract " + feed + " in the contracts folder"));
    Dataset<Row> raw = io.exists(lake.raw(feed))
        ? io.read(lake.raw(feed)).filter(col(IngestSchemas.SOURCE_SHA256).equalTo(sha).and(col(IngestSchemas.SOURCE_ROW).equalTo(rowNumber)))
        : null;
    if (raw == null || raw.isEmpty()) {
      quarantined(report, sha, rowNumber, showIdentifiers);
      return report;
    }
    report.countRows(1);
    report.add("row", "loaded into " + lake.raw(feed).qualifiedName());
    if (!contract.reachesSilver()) {
      report.add("opt-out", "a row of an opt-out list: the gold stage excludes its person from research and planning"
          + " outputs while the list holds it; never linked or mapped to silver");
      return report;
    }
    FeedMapping mapping = new FeedMapping(io, lake, sqlDir);
    Row keyed = mapping.keyed(contract, raw, mapping.links()).select(FeedMapping.IDENTITY_ID, FeedMapping.PERSON_KEY).head();
    String identityId = keyed.getString(0);
    new LinkTrace(io, lake).identity(report, identityId, showIdentifiers);
    duplicates(report, contract, raw);
    silver(report, contract, raw, mapping);
    pending(report, sha, rowNumber);
    return report;
  }

  private void quarantined(TraceReport report, String sha, long rowNumber, boolean showIdentifiers) {
    if (!io.exists(lake.quarantine())) {
      report.add("row", "not loaded and not quarantined (the file was skipped as a duplicate of an earlier file?)");
      return;
    }
    List<Row> rows = io.read(lake.quarantine())
        .filter(col(IngestSchemas.SOURCE_SHA256).equalTo(sha).and(col(IngestSchemas.SOURCE_ROW).equalTo(rowNumber)))
        .select(IngestSchemas.VIOLATIONS, IngestSchemas.RAW).collectAsList();
    if (rows.isEmpty()) {
      report.add("row", "not loaded and not quarantined: the file was skipped as a duplicate of one already loaded");
      return;
    }
    report.countRows(1);
    report.add("row", "quarantined in " + lake.quarantine().qualifiedName() + ", broke " + String.join(", ", rows.get(0).getList(0)));
    if (showIdentifiers) {
      report.add("raw text", rows.get(0).getString(1));
    }
  }

  private void duplicates(TraceReport report, Contract contract, Dataset<Row> row) {
    Row first = row.head();
    Column same = col(IngestSchemas.NIGHT).equalTo(lit(first.getAs(IngestSchemas.NIGHT)))
        .and(col(IngestSchemas.BOROUGH).equalTo(first.<String>getAs(IngestSchemas.BOROUGH)));
    for (org.carelake.contract.Column column : contract.columns()) {
      Object value = first.getAs(column.name());
      same = same.and(value == null ? col(column.name()).isNull() : col(column.name()).equalTo(lit(value)));
    }
    List<Row> copies = io.read(lake.raw(contract.id())).filter(same).select(IngestSchemas.SOURCE_FILE, IngestSchemas.SOURCE_ROW)
        .orderBy(IngestSchemas.SOURCE_FILE, IngestSchemas.SOURCE_ROW).collectAsList();
    if (copies.size() > 1) {
      List<String> where = new ArrayList<>();
      copies.forEach(c -> where.add("row " + c.getLong(1)));
      report.add("duplicates", "one of " + copies.size() + " identical rows that night (" + String.join(", ", where)
          + "); silver keeps one");
    } else {
      report.add("duplicates", "none: no identical row that night");
    }
  }

  private void silver(TraceReport report, Contract contract, Dataset<Row> row, FeedMapping mapping) {
    SqlScript script = mapping.script(contract);
    String target = contract.silverTarget();
    TableRef table = lake.silver(target);
    if (!io.exists(table)) {
      report.add("silver", "silver." + target + " does not exist yet (silver has not run)");
      return;
    }
    // The mappings join the postcode lookup, which only the silver stage registers; this may be a
    // fresh process (carelake trace), so register it here, read-only.
    org.carelake.silver.ReferenceData.registerPostcodeLookup(io, lake);
    mapping.keyed(contract, row, mapping.links()).createOrReplaceTempView("source");
    Dataset<Row> mapped = mapping.conform(io.spark().sql(script.statement()), target, script.origin());
    List<String> keys = new TableDefinitions(sqlDir, Zone.SILVER).keys(target);
    Row expected = mapped.head();
    Column match = lit(true);
    List<String> shown = new ArrayList<>();
    for (String key : keys) {
      Object value = expected.getAs(key);
      match = match.and(value == null ? col(key).isNull() : col(key).equalTo(lit(value)));
      shown.add(key + " " + TraceReport.shortId(String.valueOf(value)));
    }
    if (expected.getAs("person_key") == null) {
      report.add("silver", "not in silver: the record has no person yet");
      return;
    }
    List<Row> found = io.read(table).filter(match).collectAsList();
    if (found.isEmpty()) {
      report.add("silver", "silver." + target + " has no row " + String.join(", ", shown) + " (held back by a quality gate,"
          + " or silver has not run since)");
      return;
    }
    report.countRows(found.size());
    boolean identical = found.get(0).equals(expected);
    report.add("silver", "silver." + target + " " + String.join(", ", shown) + ", person_key "
        + TraceReport.shortId(found.get(0).getAs("person_key"))
        + (identical ? "" : " (the row there came from a later record with the same key)"));
  }

  private void pending(TraceReport report, String sha, long rowNumber) {
    TableRef table = lake.pendingLinkage();
    if (!io.exists(table)) {
      return;
    }
    List<Row> rows = io.read(table).filter(col("source_sha256").equalTo(sha).and(col("source_row").equalTo(rowNumber)))
        .select("reason").collectAsList();
    if (!rows.isEmpty()) {
      report.add("pending", rows.get(0).getString(0).toLowerCase(Locale.ROOT));
    }
  }
}
