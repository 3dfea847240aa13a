package org.carelake.ingest;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;

import java.nio.charset.Charset;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.carelake.contract.Contract;
import org.carelake.error.CareLakeErrors;
import org.carelake.nightly.StepListener;
import org.carelake.lake.DeltaIo;
import org.carelake.lake.Lake;
import org.carelake.lake.TableRef;

/**
 * Ingest: every landed file of a night is inspected, checked against its feed's contract and
 * loaded row by row into the feed's restricted raw table; rows that break a rule go to quarantine
 * with their raw text and every rule broken; the ledger records each file with rows read, loaded
 * and quarantined, and the stage proves read = loaded + quarantined from the written tables.
 *
 * <p>Writes replace exactly the files being loaded ({@code replaceWhere} on night and checksum), so
 * a retried or repeated run changes nothing.
 */
public final class IngestStage {
  private static final Logger LOG = Logger.getLogger(IngestStage.class.getName());

  private final SparkSession spark;
  private final DeltaIo io;
  private final Lake lake;
  private final LandingZone landing;
  private final Map<String, Contract> contracts;
  private final LocalDate night;
  private final String runId;
  private final Instant startedAt;
  private final Optional<String> borough;
  private final Optional<String> feed;
  private final List<QuarantineBatch> pendingQuarantine = new ArrayList<>();
  private final List<Dataset<Row>> cached = new ArrayList<>();
  private StepListener steps = StepListener.NONE;

  public IngestStage(
      DeltaIo io,
      Lake lake,
      LandingZone landing,
      List<Contract> contracts,
      LocalDate night,
      String runId,
      Instant startedAt,
      Optional<String> borough,
      Optional<String> feed) {
    this.io = requireNonNull(io, "io is null");
    this.spark = io.spark();
    this.lake = requireNonNull(lake, "lake is null");
    this.landing = requireNonNull(landing, "landing is null");
    this.contracts = new LinkedHashMap<>();
    contracts.forEach(contract -> this.contracts.put(contract.id(), contract));
    this.night = requireNonNull(night, "night is null");
    this.runId = requireNonNull(runId, "runId is null");
    this.startedAt = requireNonNull(startedAt, "startedAt is null");
    this.borough = requireNonNull(borough, "borough is null");
    this.feed = requireNonNull(feed, "feed is null");
    feed.ifPresent(
        id -> {
          if (!this.contracts.containsKey(id)) {
            throw CareLakeErrors.configuration("--feed " + id + " has no data contract; known feeds: " + this.contracts.keySet());
          }
        });
  }

  /** Reports each feed loaded to {@code listener}. */
  public IngestStage reportingTo(StepListener listener) {
    this.steps = requireNonNull(listener, "listener is null");
    return this;
  }

  public IngestResult run() {
    Instant begin = Instant.now();
    List<LandedFile> files = landing.discover(night, contracts.values(), borough, feed);
    Ledger ledger = new Ledger(io, lake.ledger());
    Ledger.Known known = ledger.known();
    Map<String, FileInspection> inspections = inspect(files);
    List<FilePlan> plans = plan(files, inspections, known);

    List<FileOutcome> outcomes = new ArrayList<>();
    Map<String, Long> versions = new TreeMap<>();
    Map<String, List<FilePlan>> toRead = new TreeMap<>();
    for (FilePlan plan : plans) {
      if (plan.action() == FilePlan.Action.LOAD || plan.action() == FilePlan.Action.REJECT) {
        toRead.computeIfAbsent(plan.file().feed().orElseThrow(), k -> new ArrayList<>()).add(plan);
      } else {
        outcomes.add(notRead(plan, known));
      }
    }
    try {
      int done = 0;
      for (Map.Entry<String, List<FilePlan>> entry : toRead.entrySet()) {
        steps.step("load " + entry.getKey() + " (" + entry.getValue().size() + " files)", done++, toRead.size());
        outcomes.addAll(loadFeed(contracts.get(entry.getKey()), entry.getValue()));
        io.version(lake.raw(entry.getKey())).ifPresent(v -> versions.put(lake.raw(entry.getKey()).qualifiedName(), v));
      }
      writeQuarantine();
    } finally {
      cached.forEach(Dataset::unpersist);
      cached.clear();
      pendingQuarantine.clear();
    }
    if (!toRead.isEmpty()) {
      io.version(lake.quarantine()).ifPresent(v -> versions.put(lake.quarantine().qualifiedName(), v));
    }
    spark.sparkContext().setJobDescription("ingest: record ledger");
    ledger.record(night, runId, startedAt, outcomes);
    io.version(lake.ledger()).ifPresent(v -> versions.put(lake.ledger().qualifiedName(), v));
    outcomes.sort(
        java.util.Comparator.comparing(FileOutcome::borough).thenComparing(FileOutcome::feed).thenComparing(FileOutcome::fileName));
    return new IngestResult(outcomes, versions, Duration.between(begin, Instant.now()));
  }

  private Map<String, FileInspection> inspect(List<LandedFile> files) {
    Map<String, String[]> formats = new HashMap<>();
    for (LandedFile file : files) {
      if (file.feed().isPresent() && file.bytes() > 0) {
        Contract contract = contracts.get(file.feed().get());
        formats.put(file.path(), new String[] {contract.encoding(), Character.toString(contract.delimiter())});
      }
    }
    if (formats.isEmpty()) {
      return Map.of();
    }
    spark.sparkContext().setJobDescription("ingest: inspect " + formats.size() + " files");
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    Map<String, String[]> shipped = Map.copyOf(formats);
    List<FileInspection> found =
        jsc.binaryFiles(String.join(",", new java.util.TreeSet<>(shipped.keySet())), Math.min(shipped.size(), 64))
            .map(
                pair -> {
                  String[] format = shipped.get(pair._1());
                  if (format == null) {
                    throw new IllegalStateException("unexpected file " + pair._1());
                  }
                  return FileInspector.inspect(
                      pair._1(), pair._2().open(), Charset.forName(format[0]), format[1].charAt(0));
                })
            .collect();
    Map<String, FileInspection> byPath = new HashMap<>();
    for (FileInspection inspection : found) {
      byPath.put(inspection.path(), inspection);
    }
    for (LandedFile file : files) {
      if (formats.containsKey(file.path()) && !byPath.containsKey(file.path())) {
        // Hadoop may qualify the path differently (file:/ vs file:///); match by file name too.
        byPath.entrySet().stream()
            .filter(e -> e.getKey().endsWith("/" + file.borough() + "/" + file.fileName()))
            .findFirst()
            .ifPresent(e -> byPath.put(file.path(), e.getValue()));
      }
    }
    return byPath;
  }

  private List<FilePlan> plan(List<LandedFile> files, Map<String, FileInspection> inspections, Ledger.Known known) {
    List<FilePlan> plans = new ArrayList<>();
    Set<String> claimedThisRun = new HashSet<>();
    for (LandedFile file : files) {
      if (file.feed().isEmpty()) {
        plans.add(recordOnly(file, "", "file.no-contract",
            "no data contract matches this file name; expected <feed>.csv or <feed>__<suffix>.csv for one of " + contracts.keySet()
                + ", or a name a contract's carelake.file-patterns declares"));
        continue;
      }
      if (file.bytes() == 0) {
        plans.add(recordOnly(file, "", "file.empty", "file is empty (no header)"));
        continue;
      }
      FileInspection inspection = inspections.get(file.path());
      if (inspection == null) {
        throw CareLakeErrors.internal("file was listed but not inspected: " + file.fileName(), null);
      }
      String sha = inspection.sha256();
      if (known.recorded(file.path(), sha)) {
        // A file an earlier run of the night rejected is still rejected: the night's outcome (exit
        // status 3) must not depend on whether this is the first run or a re-run after a crash.
        boolean rejected = "REJECTED".equals(known.statusBySha().get(Ledger.copyKey(file.borough(), file.feed().orElse("(unknown)"), sha)));
        plans.add(rejected
            ? new FilePlan(file, sha, FilePlan.Action.ALREADY_REJECTED, Optional.empty(),
                Optional.of("rejected by an earlier run of this night; see the ledger"))
            : new FilePlan(file, sha, FilePlan.Action.ALREADY_RECORDED, Optional.empty(), Optional.empty()));
        continue;
      }
      boolean headerOnly = inspection.lineBreaks() <= 1 && inspection.decodes();
      String copyKey = Ledger.copyKey(file.borough(), file.feed().get(), sha);
      if (!headerOnly && (known.received(file.borough(), file.feed().get(), sha) || !claimedThisRun.add(copyKey))) {
        plans.add(
            new FilePlan(
                file, sha, FilePlan.Action.RECORD_ONLY, Optional.empty(),
                Optional.of("exact copy (same SHA-256) of a file already received; skipped")));
        continue;
      }
      Contract contract = contracts.get(file.feed().get());
      if (!inspection.decodes()) {
        plans.add(
            new FilePlan(
                file, sha, FilePlan.Action.REJECT, Optional.of("file.encoding"),
                Optional.of("not valid " + contract.encoding() + " (first bad byte at offset " + inspection.firstBadByte()
                    + "); ask the source to resend in " + contract.encoding())));
        continue;
      }
      List<String> expected = contract.physicalHeader();
      if (!contract.acceptsHeader(inspection.header())) {
        plans.add(
            new FilePlan(
                file, sha, FilePlan.Action.REJECT, Optional.of("file.header"),
                Optional.of(describeHeaderMismatch(expected, inspection.header(), contract))));
        continue;
      }
      Optional<String> warning =
          inspection.endsWithLineBreak()
              ? Optional.empty()
              : Optional.of("file does not end with a line break: last row is incomplete and quarantined (file.truncated)");
      plans.add(new FilePlan(file, sha, FilePlan.Action.LOAD, Optional.empty(), warning));
    }
    return plans;
  }

  private static String describeHeaderMismatch(List<String> expected, List<String> actual, Contract contract) {
    List<String> missing = expected.stream().filter(c -> !actual.contains(c)).toList();
    List<String> unexpected = actual.stream().filter(c -> !expected.contains(c)).toList();
    if (missing.isEmpty() && unexpected.isEmpty()) {
      return "header names a column more than once for contract " + contract.id() + " v" + contract.version();
    }
    return "header does not match contract " + contract.id() + " v" + contract.version()
        + ": missing " + missing + ", unexpected " + unexpected
        + "; if the source renamed a column, agree a new contract version";
  }

  private static FilePlan recordOnly(LandedFile file, String sha, String rule, String reason) {
    return new FilePlan(file, sha, FilePlan.Action.RECORD_ONLY, Optional.of(rule), Optional.of(reason));
  }

  private static FileOutcome notRead(FilePlan plan, Ledger.Known known) {
    LandedFile file = plan.file();
    FileOutcome.Status status;
    if (plan.action() == FilePlan.Action.ALREADY_RECORDED) {
      status = FileOutcome.Status.ALREADY_LOADED;
    } else if (plan.action() == FilePlan.Action.ALREADY_REJECTED) {
      status = FileOutcome.Status.ALREADY_REJECTED;
    } else if (plan.fileRule().isPresent()) {
      status = FileOutcome.Status.REJECTED;
    } else {
      status = FileOutcome.Status.DUPLICATE;
    }
    return new FileOutcome(
        file.borough(), file.feed().orElse("(unknown)"), file.fileName(), file.path(), plan.sha256(), file.bytes(),
        status, plan.reason(), 0, 0, 0, Map.of());
  }

  private List<FileOutcome> loadFeed(Contract contract, List<FilePlan> plans) {
    Map<String, FeedParser.FileToRead> byPath = new HashMap<>();
    plans.forEach(plan -> byPath.put(plan.file().path(),
        new FeedParser.FileToRead(plan.file().borough(), plan.file().fileName(), plan.sha256(),
            plan.action() == FilePlan.Action.REJECT ? plan.fileRule().orElseThrow() : null)));
    FeedParser parser = new FeedParser(contract, night, runId, startedAt, byPath);
    spark.sparkContext().setJobDescription("ingest: parse and validate " + contract.id());
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    JavaRDD<Row> rows =
        jsc.binaryFiles(String.join(",", new java.util.TreeSet<>(byPath.keySet())), Math.min(byPath.size(), 64))
            .flatMap(pair -> parser.parse(pair._1(), pair._2().open()));
    Dataset<Row> parsed = spark.createDataFrame(rows, IngestSchemas.parsed(contract)).persist(StorageLevel.MEMORY_AND_DISK());
    boolean keepUntilQuarantined = false;
    try {
      spark.sparkContext().setJobDescription("ingest: parse, validate and count " + contract.id());
      // One pass counts rows, valid rows and each rule per file: "_row" and "_valid" are markers.
      Map<String, long[]> counts = new HashMap<>();
      Map<String, Map<String, Long>> rules = new HashMap<>();
      Column markers =
          functions.concat(
              functions.array(lit("_row")),
              functions.coalesce(col(IngestSchemas.VIOLATIONS), functions.array(lit("_valid"))));
      for (Row row :
          parsed.select(col(IngestSchemas.BOROUGH), col(IngestSchemas.SOURCE_SHA256), explode(markers).as("rule"))
              .groupBy(IngestSchemas.BOROUGH, IngestSchemas.SOURCE_SHA256, "rule")
              .count()
              .collectAsList()) {
        String sha = row.getString(0) + "/" + row.getString(1);
        String rule = row.getString(2);
        long n = row.getLong(3);
        long[] c = counts.computeIfAbsent(sha, k -> new long[2]);
        if (rule.equals("_row")) {
          c[0] = n;
        } else if (rule.equals("_valid")) {
          c[1] = n;
        } else {
          rules.computeIfAbsent(sha, k -> new TreeMap<>()).put(rule, n);
        }
      }
      long loadedRows = counts.values().stream().mapToLong(c -> c[1]).sum();
      long quarantinedRows = counts.values().stream().mapToLong(c -> c[0] - c[1]).sum();

      String replace = IngestSchemas.NIGHT + " = DATE'" + night + "' AND " + filesIn(plans.stream().map(p -> p.file().borough() + "/" + p.sha256()));
      String note = "ingest " + contract.id() + " night " + night + " run " + runId;
      TableRef raw = lake.raw(contract.id());
      if (loadedRows > 0 || io.exists(raw)) {
        spark.sparkContext().setJobDescription("ingest: load " + contract.id());
        Dataset<Row> loaded =
            parsed.filter(col(IngestSchemas.VIOLATIONS).isNull())
                .select(java.util.Arrays.stream(IngestSchemas.raw(contract).fieldNames()).map(c -> col(c)).toArray(Column[]::new));
        long before = io.version(raw).orElse(-1);
        io.replaceWhere(loaded, raw, replace, List.of(IngestSchemas.NIGHT), note);
        checkWritten(raw, before, note, loadedRows);
      }
      pendingQuarantine.add(
          new QuarantineBatch(
              contract.id(),
              plans.stream().map(p -> p.file().borough() + "/" + p.sha256()).toList(),
              parsed.filter(col(IngestSchemas.VIOLATIONS).isNotNull())
                  .select(java.util.Arrays.stream(IngestSchemas.quarantine().fieldNames()).map(c -> col(c)).toArray(Column[]::new)),
              quarantinedRows));
      keepUntilQuarantined = true;

      List<FileOutcome> outcomes = new ArrayList<>();
      for (FilePlan plan : plans) {
        LandedFile file = plan.file();
        String fileKey = file.borough() + "/" + plan.sha256();
        long[] c = counts.getOrDefault(fileKey, new long[] {0, 0});
        FileOutcome.Status status =
            plan.action() == FilePlan.Action.REJECT ? FileOutcome.Status.REJECTED : FileOutcome.Status.LOADED;
        outcomes.add(
            new FileOutcome(
                file.borough(), contract.id(), file.fileName(), file.path(), plan.sha256(), file.bytes(), status,
                plan.reason(), c[0], c[1], c[0] - c[1], rules.getOrDefault(fileKey, Map.of())));
        if (status == FileOutcome.Status.REJECTED) {
          LOG.warning(() -> "rejected file " + file.borough() + "/" + file.fileName() + " (" + plan.fileRule().orElse("") + "): " + plan.reason().orElse(""));
        }
      }
      return outcomes;
    } finally {
      if (keepUntilQuarantined) {
        cached.add(parsed);
      } else {
        parsed.unpersist();
      }
    }
  }

  /** One feed's quarantined rows, written with every other feed's in one commit; files as borough/sha256. */
  private record QuarantineBatch(String feed, List<String> files, Dataset<Row> rows, long count) {}

  /**
   * The rows of exactly these files (borough/sha256): a file is its borough's, so two boroughs
   * sending byte-identical files (and loading at once) never replace each other's rows.
   */
  private static String filesIn(java.util.stream.Stream<String> boroughAndSha) {
    return "concat(" + IngestSchemas.BOROUGH + ", '/', " + IngestSchemas.SOURCE_SHA256 + ") IN ("
        + boroughAndSha.map(f -> "'" + f + "'").sorted().distinct().collect(Collectors.joining(",")) + ")";
  }

  private void writeQuarantine() {
    long rows = pendingQuarantine.stream().mapToLong(QuarantineBatch::count).sum();
    if (pendingQuarantine.isEmpty() || (rows == 0 && !io.exists(lake.quarantine()))) {
      return;
    }
    spark.sparkContext().setJobDescription("ingest: quarantine");
    String feeds = pendingQuarantine.stream().map(b -> "'" + b.feed() + "'").sorted().collect(Collectors.joining(","));
    String predicate = IngestSchemas.NIGHT + " = DATE'" + night + "' AND " + IngestSchemas.FEED + " IN (" + feeds + ") AND "
        + filesIn(pendingQuarantine.stream().flatMap(b -> b.files().stream()));
    Dataset<Row> all = pendingQuarantine.stream().map(QuarantineBatch::rows).reduce(Dataset::unionByName).orElseThrow();
    long before = io.version(lake.quarantine()).orElse(-1);
    String note = "ingest quarantine night " + night + " run " + runId;
    io.replaceWhere(all, lake.quarantine(), predicate, List.of(IngestSchemas.NIGHT), note);
    checkWritten(lake.quarantine(), before, note, rows);
  }

  /**
   * Invariant 1 at write time: the commit just made must hold exactly the rows counted. The check
   * stage later recounts every file from the tables themselves.
   */
  private void checkWritten(TableRef table, long versionBefore, String note, long expected) {
    // Another borough's ingest may have committed to the table since: find this write's own commit.
    java.util.OptionalLong ours = io.versionWritten(table, versionBefore, note);
    long written = ours.isEmpty() ? 0 : io.rowsWrittenBy(table, ours.getAsLong());
    if (written != expected) {
      throw CareLakeErrors.invariant(
          table.qualifiedName() + " received " + written + " rows but ingest counted " + expected + "; the run stops so nothing is lost");
    }
  }
}
