package org.carelake.governance;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.carelake.contract.Contract;
import org.carelake.error.CareLakeErrors;
import org.carelake.ingest.IngestSchemas;
import org.carelake.lake.DeltaIo;
import org.carelake.lake.Lake;
import org.carelake.lake.TableDefinitions;
import org.carelake.lake.TableRef;
import org.carelake.lake.Zone;
import org.carelake.optout.OptOutList;

/**
 * The one place opt-outs are applied. Resolves the night's opt-out lists (each borough's latest
 * list on or before the night, from the restricted raw tables of the contracts that declare
 * {@code carelake.opt-out}) to linked persons — NHS number to identity record
 * ({@code restricted.identity}) to person ({@code restricted.person_link}) to pseudonymous person
 * key — and removes those persons' rows from any silver table read for publication: the National
 * Data Opt-out from every silver table, a Type 1 opt-out from the silver tables fed by GP feeds
 * ({@code carelake.source: gp}). Restricted and silver keep every row for direct care; only what
 * is built from them for research and planning loses them.
 *
 * <p>A person is excluded when any identity record linked to them carries a listed number, so a
 * doubtful link errs towards exclusion. Nothing here collects a number or a key to the driver: the
 * excluded keys stay a (small, broadcast) dataset, and only counts are recorded ({@code ops.opt_out}).
 */
public final class OptOuts {
  static final String KEY = "_opted_out_key";

  private final DeltaIo io;
  private final Lake lake;
  private final LocalDate night;
  /** list id, person key: every person excluded tonight, by list. */
  private final Dataset<Row> excluded;
  private final Map<String, Set<String>> sourcesByTable;
  private final Map<OptOutList, Dataset<Row>> listed;
  private final Map<String, Long> versions;

  private OptOuts(DeltaIo io, Lake lake, LocalDate night, Dataset<Row> excluded, Map<String, Set<String>> sourcesByTable,
      Map<OptOutList, Dataset<Row>> listed, Map<String, Long> versions) {
    this.io = io;
    this.lake = lake;
    this.night = night;
    this.excluded = excluded;
    this.sourcesByTable = sourcesByTable;
    this.listed = listed;
    this.versions = java.util.Collections.unmodifiableMap(versions);
  }

  /**
   * Resolves the lists that apply on {@code night}. Needs the {@code person_key} function of the
   * run's key (registered by the nightly run for stages that need the key).
   */
  public static OptOuts resolve(DeltaIo io, Lake lake, List<Contract> contracts, LocalDate night) {
    return resolve(io, lake, contracts, night, io::version);
  }

  /**
   * The lists as a past build saw them: every table (lists, ledger, identity, links) read at the
   * version {@code versions} records for it ({@link #versions()} of that build, kept in the gold
   * table's commit metadata); a table it does not name did not exist then.
   */
  public static OptOuts resolveAt(DeltaIo io, Lake lake, List<Contract> contracts, LocalDate night, Map<String, Long> versions) {
    Map<String, Long> recorded = Map.copyOf(versions);
    return resolve(io, lake, contracts, night, table -> recorded.containsKey(table.qualifiedName())
        ? java.util.OptionalLong.of(recorded.get(table.qualifiedName()))
        : java.util.OptionalLong.empty());
  }

  private static OptOuts resolve(DeltaIo io, Lake lake, List<Contract> contracts, LocalDate night,
      java.util.function.Function<TableRef, java.util.OptionalLong> versionOf) {
    requireNonNull(io, "io is null");
    requireNonNull(lake, "lake is null");
    requireNonNull(night, "night is null");
    SparkSession spark = io.spark();
    Map<String, Set<String>> sourcesByTable = new TreeMap<>();
    Map<String, Long> versions = new TreeMap<>();
    Map<OptOutList, Dataset<Row>> listed = new EnumMap<>(OptOutList.class);
    TableRef ledger = lake.ledger();
    java.util.OptionalLong ledgerVersion = versionOf.apply(ledger);
    for (Contract contract : contracts) {
      if (contract.reachesSilver()) {
        sourcesByTable.computeIfAbsent(contract.silverTarget(), t -> new TreeSet<>()).add(contract.source());
        continue;
      }
      OptOutList list = contract.optOut().orElseThrow();
      TableRef raw = lake.raw(contract.id());
      java.util.OptionalLong version = versionOf.apply(raw);
      if (version.isPresent() && ledgerVersion.isPresent()) {
        versions.put(raw.qualifiedName(), version.getAsLong());
        versions.put(ledger.qualifiedName(), ledgerVersion.getAsLong());
        Dataset<Row> latest = latestLists(io.readAt(ledger, ledgerVersion.getAsLong()), contract.id(), night);
        listed.merge(list, listRows(io.readAt(raw, version.getAsLong()), latest).withColumn("list", lit(list.id())),
            Dataset::unionByName);
      }
    }
    StructType keys = new StructType().add("list", "string").add(KEY, "string");
    Dataset<Row> excluded = spark.createDataFrame(List.of(), keys);
    TableRef identity = lake.identity();
    TableRef links = lake.restricted("person_link");
    java.util.OptionalLong identityVersion = versionOf.apply(identity);
    java.util.OptionalLong linksVersion = versionOf.apply(links);
    if (!listed.isEmpty() && identityVersion.isPresent() && linksVersion.isPresent()) {
      versions.put(identity.qualifiedName(), identityVersion.getAsLong());
      versions.put(links.qualifiedName(), linksVersion.getAsLong());
      Dataset<Row> numbers = listed.values().stream().reduce(Dataset::unionByName).orElseThrow()
          .select(col("list"), col("nhs_number").as("_listed_number"));
      Dataset<Row> persons = io.readAt(identity, versions.get(identity.qualifiedName())).select("identity_id", "nhs_number")
          .join(io.readAt(links, versions.get(links.qualifiedName())).select("identity_id", "person_id"), "identity_id");
      excluded = persons.join(numbers, persons.col("nhs_number").equalTo(numbers.col("_listed_number")))
          .select(col("list"), functions.callUDF("person_key", col("person_id")).as(KEY))
          .distinct()
          .persist(StorageLevel.MEMORY_AND_DISK());
    }
    return new OptOuts(io, lake, night, excluded, sourcesByTable, listed, versions);
  }

  /**
   * The files (borough, checksum) of each borough's latest list on or before the night, from the
   * ingest ledger: a list is a full refresh, so an earlier list of the same borough no longer says
   * anything, and a borough that sent nothing tonight (or a file rejected as a whole) keeps its last.
   * A list byte-identical to one received before is recorded as a duplicate and not loaded again,
   * yet it is tonight's list: its rows are those loaded under the same checksum. An empty list
   * (a header only) is a list of nobody.
   */
  private static Dataset<Row> latestLists(Dataset<Row> ledger, String feed, LocalDate night) {
    Dataset<Row> received = ledger
        .filter(col("feed").equalTo(feed).and(col("night").leq(lit(Date.valueOf(night))))
            .and(col("status").isin("LOADED", "DUPLICATE")))
        .select("borough", "night", "sha256");
    return received
        .withColumn("_latest", max(col("night")).over(Window.partitionBy(col("borough"))))
        .filter(col("night").equalTo(col("_latest")))
        .select(col("borough").as("_list_borough"), col("sha256").as("_list_sha256"))
        .distinct();
  }

  /** The NHS numbers of those files, wherever (whichever night) their rows were loaded. */
  private static Dataset<Row> listRows(Dataset<Row> raw, Dataset<Row> latest) {
    return raw.join(latest, raw.col(IngestSchemas.BOROUGH).equalTo(latest.col("_list_borough"))
            .and(raw.col(IngestSchemas.SOURCE_SHA256).equalTo(latest.col("_list_sha256"))))
        .select(col("nhs_number"), col("_list_borough"));
  }

  /** The lists that withhold rows of this silver table: all of them unless no GP feed feeds it. */
  public Set<OptOutList> listsFor(String silverTable) {
    Set<String> sources = sourcesByTable.get(silverTable);
    Set<OptOutList> lists = EnumSet.noneOf(OptOutList.class);
    for (OptOutList list : OptOutList.values()) {
      // A table no contract feeds is treated as holding every source: excluding too much is safe.
      if (sources == null || sources.stream().anyMatch(list::withholds)) {
        lists.add(list);
      }
    }
    return lists;
  }

  /**
   * The rows of {@code input} that may be used for research and planning tonight. Only silver holds
   * person-level rows outside the restricted zone, so other zones pass unchanged; a silver table
   * without a {@code person_key} column is refused, since its opted-out rows could not be found.
   */
  public Dataset<Row> apply(TableRef input, Dataset<Row> rows) {
    if (input.zone() != Zone.SILVER) {
      return rows;
    }
    if (!Arrays.asList(rows.columns()).contains("person_key")) {
      throw CareLakeErrors.configuration(input.qualifiedName() + " has no person_key column, so opt-outs cannot be applied"
          + " to it; give the table a person_key or do not read it for publication");
    }
    Object[] lists = listsFor(input.name()).stream().map(OptOutList::id).toArray();
    Dataset<Row> keys = excluded.filter(col("list").isin(lists)).select(KEY).distinct();
    return rows.join(broadcast(keys), rows.col("person_key").equalTo(keys.col(KEY)), "left_anti");
  }

  /**
   * The persons whose exclusion differs between {@code earlier} and these lists (column {@code
   * person_key}): opted out since, or withdrawn since, from any list. An incremental gold build
   * recomputes what they contribute.
   */
  public Dataset<Row> personsChangedSince(OptOuts earlier) {
    Dataset<Row> now = excluded.select("list", KEY);
    Dataset<Row> then = earlier.excluded.select("list", KEY);
    return now.exceptAll(then).unionByName(then.exceptAll(now)).select(col(KEY).as("person_key")).distinct();
  }

  /**
   * The restricted tables the exclusion was resolved from and the Delta versions read (the lists,
   * identity and person_link; empty when no list has arrived): with the night, all it depends on.
   * A build records them so it can be rebuilt with the same exclusions.
   */
  public Map<String, Long> versions() {
    return versions;
  }

  /** What the exclusion depends on, for a build's fingerprint. */
  public String fingerprint() {
    return "opt-outs " + versions + " night:" + night;
  }

  /** Per list: boroughs, numbers listed, numbers matched, persons excluded. Counts only. */
  public Map<OptOutList, Counts> counts() {
    Map<OptOutList, Counts> counts = new EnumMap<>(OptOutList.class);
    for (OptOutList list : OptOutList.values()) {
      Dataset<Row> numbers = listed.get(list);
      if (numbers == null) {
        counts.put(list, new Counts(0, 0, 0, 0));
        continue;
      }
      Row listedCounts = numbers.agg(countDistinct(col("_list_borough")), countDistinct(col("nhs_number"))).head();
      TableRef identity = lake.identity();
      TableRef links = lake.restricted("person_link");
      long matched = 0;
      if (versions.containsKey(identity.qualifiedName())) {
        Dataset<Row> linkedNumbers = io.readAt(identity, versions.get(identity.qualifiedName()))
            .join(io.readAt(links, versions.get(links.qualifiedName())).select("identity_id"), "identity_id")
            .select("nhs_number").distinct();
        matched = numbers.select("nhs_number").distinct().join(linkedNumbers, "nhs_number").count();
      }
      long persons = excluded.filter(col("list").equalTo(list.id())).select(KEY).distinct().count();
      counts.put(list, new Counts(listedCounts.getLong(0), listedCounts.getLong(1), matched, persons));
    }
    return counts;
  }

  /**
   * Writes the night's counts to {@code ops.opt_out}, replacing an earlier attempt of the night;
   * when the night's recorded counts are already these, writes nothing (a re-run changes no table).
   *
   * @param sqlDir where {@code ddl/ops/opt_out.sql} is
   */
  public Map<OptOutList, Counts> record(java.nio.file.Path sqlDir, String runId, Instant at) {
    Map<OptOutList, Counts> counts = counts();
    TableRef table = lake.table(Zone.OPS, "opt_out");
    new TableDefinitions(sqlDir, Zone.OPS).create(io.spark(), table);
    List<Row> rows = new ArrayList<>();
    counts.forEach((list, c) -> rows.add(RowFactory.create(Date.valueOf(night), list.id(),
        list == OptOutList.NATIONAL_DATA_OPT_OUT ? "all sources" : OptOutList.GP_SOURCE, (int) c.boroughs(), c.numbersListed(),
        c.numbersMatched(), c.personsExcluded(), runId, Timestamp.from(at))));
    Set<String> recorded = new TreeSet<>();
    io.read(table).filter(col("night").equalTo(lit(Date.valueOf(night))))
        .select("list", "boroughs", "numbers_listed", "numbers_matched", "persons_excluded").collectAsList()
        .forEach(r -> recorded.add(r.mkString("|")));
    Set<String> tonight = new TreeSet<>();
    counts.forEach((list, c) -> tonight.add(
        list.id() + "|" + c.boroughs() + "|" + c.numbersListed() + "|" + c.numbersMatched() + "|" + c.personsExcluded()));
    if (recorded.equals(tonight)) {
      return counts;
    }
    Dataset<Row> batch = io.spark().createDataFrame(rows, io.read(table).schema());
    io.replaceWhere(batch, table, "night = DATE'" + night + "'", List.of(), "opt-out counts " + night + " run " + runId);
    return counts;
  }

  /** Releases the cached exclusion set. */
  public void release() {
    excluded.unpersist();
  }

  /**
   * @param boroughs boroughs whose latest list applies
   * @param numbersListed distinct NHS numbers on those lists
   * @param numbersMatched of those, numbers carried by an identity record with a linked person
   * @param personsExcluded distinct persons excluded
   */
  public record Counts(long boroughs, long numbersListed, long numbersMatched, long personsExcluded) {}
}
