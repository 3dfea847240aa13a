package org.carelake.link;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.carelake.contract.Contract;
import org.carelake.ingest.IngestSchemas;
import org.carelake.lake.DeltaIo;
import org.carelake.lake.Lake;
import org.carelake.lake.TableDefinitions;
import org.carelake.lake.Zone;
import org.carelake.linkage.FellegiSunterModel;
import org.carelake.linkage.MatchThresholds;
import org.carelake.run.LinkageSettings;

/**
 * Record linkage, between ingest and silver: reads the night's identity records from every feed
 * whose contract classifies identifier columns, adds the new ones to the identity vault, and gives
 * each new or still-waiting record a person in the master person index — deterministically (local
 * patient id, agreeing NHS number) first, then by Fellegi–Sunter scoring against the linked pool,
 * with uncertain pairs sent to clerical review. Persons found to be one are merged, records
 * found not to belong are split off, and every change is written to {@code restricted.link_change}
 * so silver follows it the same night.
 *
 * <p>Writes are safe to repeat: a re-run finds no new records and changes nothing.
 */
public final class LinkStage {
  static final List<String> TABLES =
      List.of("identity", "identity_sighting", "person_link", "link_change", "link_event", "clerical_review", "link_model");

  private final SparkSession spark;
  private final DeltaIo io;
  private final Lake lake;
  private final List<Contract> contracts;
  private final Path sqlDir;
  private final LinkageSettings settings;
  private final LocalDate night;
  private final String runId;
  private final Instant startedAt;

  public LinkStage(DeltaIo io, Lake lake, List<Contract> contracts, Path sqlDir, LinkageSettings settings, LocalDate night,
      String runId, Instant startedAt) {
    this.io = requireNonNull(io, "io is null");
    this.spark = io.spark();
    this.lake = requireNonNull(lake, "lake is null");
    this.contracts = List.copyOf(contracts);
    this.sqlDir = requireNonNull(sqlDir, "sqlDir is null");
    this.settings = requireNonNull(settings, "settings is null");
    this.night = requireNonNull(night, "night is null");
    this.runId = requireNonNull(runId, "runId is null");
    this.startedAt = requireNonNull(startedAt, "startedAt is null");
  }

  public LinkResult run() {
    Instant begin = Instant.now();
    TableDefinitions ddl = new TableDefinitions(sqlDir, Zone.RESTRICTED);
    TABLES.forEach(table -> ddl.create(spark, lake.restricted(table)));
    spark.sparkContext().setJobDescription("link: the night's identity records");
    Optional<Dataset<Row>> tonightRows = tonightRows();
    if (tonightRows.isEmpty()) {
      return LinkResult.nothingToDo(0, "-", Duration.between(begin, Instant.now()));
    }
    List<Dataset<Row>> cached = new ArrayList<>();
    Dataset<Row> rows = cache(cached, tonightRows.get());
    try {
      Dataset<Row> tonight = cache(cached, distinctRecords(rows));
      Dataset<Row> vault = io.read(lake.restricted("identity"));
      Dataset<Row> links = io.read(lake.restricted("person_link"));
      Dataset<Row> fresh = cache(cached, tonight.join(vault.select("identity_id"), "identity_id", "left_anti"));
      Dataset<Row> waiting = vault.join(links.select("identity_id"), "identity_id", "left_anti").select(record());
      Dataset<Row> candidates = cache(cached, fresh.select(record()).unionByName(waiting));
      ClericalDecisions clerical = new ClericalDecisions(io, lake.restricted("clerical_review"));
      List<ClericalDecisions.Decision> decisions = clerical.unapplied();
      long seen = tonight.count();
      long freshCount = fresh.count();
      long candidateCount = candidates.count();
      LinkWrites writes = new LinkWrites(io, lake, night, runId);
      writes.sightings(rows);
      if (candidateCount == 0 && decisions.isEmpty()) {
        return LinkResult.nothingToDo(seen, "-", Duration.between(begin, Instant.now()));
      }
      Dataset<Row> pool = cache(cached, links.join(vault, "identity_id").select(pooled()));
      LinkModels models = new LinkModels(io, lake.restricted("link_model"), new Blocking(settings.maxBlock()));
      FellegiSunterModel model = models.latest().orElseGet(() -> models.train(candidates, night, startedAt));
      MatchThresholds thresholds = new MatchThresholds(settings.linkThreshold(), settings.reviewThreshold());
      boolean smallNight = candidateCount <= settings.broadcastUpTo();
      Blocking blocking = smallNight ? new Blocking(settings.maxBlock()).smallProbe() : new Blocking(settings.maxBlock());
      Probabilistic probabilistic = new Probabilistic(blocking, model, thresholds,
          cache(cached, Probabilistic.frequencies(vault.select(record()).unionByName(fresh.select(record())))));

      Decided decided = decide(candidates, pool, probabilistic, clerical, cached, smallNight);
      spark.sparkContext().setJobDescription("link: merges - bridges between persons");
      Merges merges = new Merges(io, night);
      // Tonight's deterministic persons count too: two persons holding different usable numbers never merge.
      merges.proposeBridges(decided.bridges(), decided.poolNow());
      spark.sparkContext().setJobDescription("link: merges - new numbers one edit from a known person's");
      merges.proposeMistypedNumbers(decided.mistyped());
      spark.sparkContext().setJobDescription("link: merges and splits");
      List<String> decidedIds = decisions.stream().map(ClericalDecisions.Decision::identityId).toList();
      Map<String, String> before = currentPersons(decidedIds, decided.assigned(), pool, null);
      decisions.stream().filter(ClericalDecisions.Decision::link)
          .forEach(d -> merges.proposeClerical(d, before.get(d.identityId())));
      Dataset<Row> assigned = cache(cached, merges.applyTo(decided.assigned(), pool));
      Dataset<Row> moved = cache(cached, merges.movedIdentities(pool));
      Splits splits = new Splits(decisions.stream().filter(d -> !d.link()).toList());
      Dataset<Row> split = splits.apply(spark, currentPersons(decidedIds, assigned, pool, moved));

      spark.sparkContext().setJobDescription("link: write the master person index");
      writes.vault(fresh);
      Map<String, Long> methods = countByMethod(assigned);
      writes.changes(assigned, moved, split);
      writes.links(assigned, moved, split);
      writes.events(merges.events(runId), splits.events(night, runId));
      long review = writes.reviewPairs(decided.review(), model.version());
      clerical.markApplied(decisions, night);
      long unlinked = candidateCount - methods.values().stream().mapToLong(Long::longValue).sum();
      Map<String, Long> versions = new TreeMap<>();
      for (String table : TABLES) {
        io.version(lake.restricted(table)).ifPresent(v -> versions.put(lake.restricted(table).qualifiedName(), v));
      }
      return new LinkResult(seen, freshCount, methods, review, merges.count(), splits.count(), unlinked, model.version(),
          versions, Duration.between(begin, Instant.now()));
    } finally {
      // Checkpointed blocks are released with their datasets; unpersisting them would only warn.
      cached.clear();
    }
  }

  /** Assignments of the night's candidates, the bridges between persons, and the pairs to review. */
  record Decided(Dataset<Row> assigned, Dataset<Row> bridges, Dataset<Row> review, Dataset<Row> poolNow,
      Dataset<Row> mistyped) {}

  private Decided decide(Dataset<Row> candidates, Dataset<Row> pool, Probabilistic probabilistic,
      ClericalDecisions clerical, List<Dataset<Row>> cached, boolean smallNight) {
    spark.sparkContext().setJobDescription("link: deterministic passes");
    Dataset<Row> byLocal = Deterministic.byLocalId(candidates, pool, smallNight);
    Dataset<Row> rest = candidates.join(byLocal.select("identity_id"), "identity_id", "left_anti");
    Deterministic.NhsMatches nhs = Deterministic.byNhsNumber(rest, pool, smallNight);
    rest = rest.join(nhs.agreed().select("identity_id"), "identity_id", "left_anti");
    Deterministic.Founded founded = Deterministic.founders(rest.join(nhs.contradicted(), "identity_id", "left_anti"));
    Dataset<Row> founders = founded.assigned();
    rest = cache(cached, rest.join(founders.select("identity_id"), "identity_id", "left_anti"));
    Dataset<Row> deterministic = cache(cached, byLocal.unionByName(nhs.agreed()).unionByName(founders));

    spark.sparkContext().setJobDescription("link: Fellegi-Sunter scoring");
    Dataset<Row> poolNow = cache(cached, pool.select(pooledWithoutNight()).unionByName(
        deterministic.select("identity_id", "person_id").join(candidates, "identity_id").select(pooledWithoutNight())));
    // A number that contradicts the other identifiers is not evidence: it is scored as missing, or a
    // number keyed against the wrong person would outweigh every field that disagrees.
    Dataset<Row> suspect = nhs.contradicted().unionByName(founded.disagreeing()).distinct()
        .select(col("identity_id").as("suspect_id"), lit(true).as("suspect"));
    Dataset<Row> probe = rest.filter(col("date_of_birth").isNotNull().or(col("family_name").isNotNull())
            .or(col("given_name").isNotNull()))
        .join(suspect, col("identity_id").equalTo(col("suspect_id")), "left")
        .withColumn("nhs_number", org.apache.spark.sql.functions.when(col("suspect").isNull(), col("nhs_number")))
        .drop("suspect_id", "suspect");
    // Persons are compared through their records that carry demographics; a record with only a
    // number and a local id (a GP event) adds nothing but the number.
    Dataset<Row> comparable = poolNow.filter(col("date_of_birth").isNotNull().or(col("family_name").isNotNull())
        .or(col("given_name").isNotNull()));
    Dataset<Row> ranked = cache(cached, probabilistic.rankedCandidates(probe, comparable, clerical.refused()));
    Column links = probabilistic.links();
    Dataset<Row> top = ranked.filter(col("rank").equalTo(1));
    Dataset<Row> linkedTop = top.filter(links);
    Dataset<Row> review = top.filter(links.unary_$bang());
    Dataset<Row> bridges = ranked.filter(col("rank").equalTo(2).and(links))
        .select(col("identity_id"), col("person_id").as("other_person_id"), col("match_probability").as("other_probability"))
        .join(linkedTop.select("identity_id", "person_id"), "identity_id");
    // A new NHS number may belong to a person known so far only without one: score each founder
    // against the pool's persons that hold no usable number, and join them when it links.
    Dataset<Row> founderRecords = deterministic.filter(col("method").equalTo("founder")).select("identity_id")
        .join(candidates, "identity_id");
    Dataset<Row> withoutNumber = withoutNumberNear(founderRecords, pool, probabilistic.blocking(), smallNight);
    Dataset<Row> joining = probabilistic.rankedCandidates(founderRecords, withoutNumber, clerical.refused())
        .filter(col("rank").equalTo(1).and(links))
        .select(col("identity_id"), col("identity_id").as("person_id"), col("person_id").as("other_person_id"),
            col("match_probability").as("other_probability"));
    bridges = bridges.unionByName(joining);
    // A new number one edit from a number a known person's record carries, with demographics that
    // link: the same person, whose number was mistyped there. Only records whose numbers are within
    // one edit are compared (blocking every founder by every rule scored the whole night against
    // itself), and of the known records only those whose number fails the check: Modulus 11 catches
    // every single-digit typo and adjacent swap, so a valid neighbour is another person's number.
    Dataset<Row> mistyped = probabilistic.byNumberNeighbours()
        .rankedCandidates(founderRecords, comparable, clerical.refused())
        .filter(col("person_id").notEqual(col("identity_id")).and(links)
            .and(LinkFunctions.NHS_TRANSPOSED.apply(col("pattern"))))
        .select(col("identity_id"), col("identity_id").as("person_id"), col("person_id").as("other_person_id"),
            col("match_probability").as("other_probability"));
    Dataset<Row> scored = Assignments.scored(linkedTop, "probabilistic", col("match_probability"), col("match_weight"),
        col("drivers"), probabilistic.model().version());

    spark.sparkContext().setJobDescription("link: new persons from linked records");
    // Only a record that can be found again founds a person: a date of birth with a postcode or a
    // family name, or full name with postcode. Others wait for a usable number or a later match.
    Dataset<Row> loose = probe.join(linkedTop.select("identity_id"), "identity_id", "left_anti")
        .filter(col("date_of_birth").isNotNull().and(col("postcode").isNotNull().or(col("family_name").isNotNull()))
            .or(col("given_name").isNotNull().and(col("family_name").isNotNull()).and(col("postcode").isNotNull())));
    Dataset<Row> edges = probabilistic.linksWithin(loose).select("a_id", "b_id");
    Dataset<Row> components = Components.of(loose.select("identity_id"), edges);
    Dataset<Row> newPersons = components.select(col("identity_id"), col("component").as("person_id"));
    Dataset<Row> foundersByScore = Assignments.deterministic(
        newPersons.filter(col("identity_id").equalTo(col("person_id"))), "founder", Assignments.RULE_FOUNDER,
        "first record of a new person");
    Dataset<Row> joinedByScore = Assignments.scored(newPersons.filter(col("identity_id").notEqual(col("person_id"))),
        "probabilistic", lit(null).cast("double"), lit(null).cast("double"),
        lit("linked above the threshold to another record of the new person"), probabilistic.model().version());

    Dataset<Row> assigned = deterministic.unionByName(scored).unionByName(foundersByScore).unionByName(joinedByScore);
    assigned = cache(cached, assigned);
    Dataset<Row> unlinked = candidates.join(assigned.select("identity_id"), "identity_id", "left_anti");
    Dataset<Row> known = pool.select(col("local_namespace"), col("local_id"), col("person_id")).unionByName(
        assigned.select("identity_id", "person_id").join(candidates, "identity_id")
            .select(col("local_namespace"), col("local_id"), col("person_id")));
    Dataset<Row> closure = Deterministic.byLocalId(unlinked, known, smallNight);
    return new Decided(assigned.unionByName(closure), bridges, review, poolNow, mistyped);
  }

  /**
   * The pool records of the persons that hold no usable NHS number and share a blocking key with
   * one of {@code records}: every record such a person has, so comparing {@code records} with them
   * finds the same pairs, and counts the same records per key (every number-less record with one
   * of the keys is among them), as comparing them with every number-less person of the pool —
   * without grouping the whole pool by person each night.
   */
  static Dataset<Row> withoutNumberNear(Dataset<Row> records, Dataset<Row> pool, Blocking blocking, boolean smallNight) {
    Dataset<Row> unnumbered = pool.filter(functions.not(col("nhs_usable")));
    Dataset<Row> near = blocking.sharingAKey(records, unnumbered).select(col("b_id").as("identity_id")).distinct()
        .join(pool, "identity_id").select("person_id").distinct();
    Dataset<Row> numbered = pool.filter(col("nhs_usable")).join(Blocking.broadcastIf(smallNight, near), "person_id", "left_semi")
        .select("person_id").distinct();
    Dataset<Row> persons = near.join(numbered, "person_id", "left_anti");
    return pool.join(Blocking.broadcastIf(smallNight, persons), "person_id", "left_semi").select(pooledWithoutNight());
  }

  /** The person each of a few records is linked to: tonight's decision, else the pool's (after merges). */
  private static Map<String, String> currentPersons(List<String> ids, Dataset<Row> assigned, Dataset<Row> pool,
      Dataset<Row> moved) {
    Map<String, String> current = new TreeMap<>();
    if (ids.isEmpty()) {
      return current;
    }
    Dataset<Row> fromPool = pool.filter(col("identity_id").isin(ids.toArray())).select("identity_id", "person_id");
    if (moved != null) {
      fromPool = fromPool.join(moved.select("identity_id", "new_person_id"), "identity_id", "left")
          .select(col("identity_id"), org.apache.spark.sql.functions.coalesce(col("new_person_id"), col("person_id")).as("person_id"));
    }
    fromPool.collectAsList().forEach(row -> current.put(row.getString(0), row.getString(1)));
    assigned.filter(col("identity_id").isin(ids.toArray())).select("identity_id", "person_id").collectAsList()
        .forEach(row -> current.put(row.getString(0), row.getString(1)));
    return current;
  }

  private Optional<Dataset<Row>> tonightRows() {
    Dataset<Row> all = null;
    for (Contract contract : contracts) {
      Optional<IdentityColumns> identity = IdentityColumns.of(contract);
      if (identity.isEmpty() || !io.exists(lake.raw(contract.id()))) {
        continue;
      }
      Dataset<Row> raw = io.read(lake.raw(contract.id())).filter(col(IngestSchemas.NIGHT).equalTo(lit(java.sql.Date.valueOf(night))));
      Dataset<Row> records = identity.get().records(raw).withColumn("feed", lit(contract.id()));
      all = all == null ? records : all.unionByName(records);
    }
    return Optional.ofNullable(all);
  }

  /** One row per identity_id (its fields are the same in every row by construction), first sighting kept. */
  private Dataset<Row> distinctRecords(Dataset<Row> rows) {
    List<Column> fields = new ArrayList<>();
    for (String name : IdentityColumns.RECORD) {
      if (!name.equals("identity_id")) {
        fields.add(min(col(name)).as(name));
      }
    }
    fields.add(min(struct(col("feed"), col(IngestSchemas.BOROUGH).as("borough"))).as("first"));
    return rows.groupBy("identity_id").agg(fields.get(0), fields.subList(1, fields.size()).toArray(new Column[0]))
        .withColumn("first_seen_night", lit(java.sql.Date.valueOf(night)))
        .withColumn("first_feed", col("first.feed"))
        .withColumn("first_borough", col("first.borough"))
        .drop("first");
  }

  private static Map<String, Long> countByMethod(Dataset<Row> assigned) {
    Map<String, Long> counts = new TreeMap<>();
    for (Row row : assigned.groupBy("method").agg(count("*")).collectAsList()) {
      counts.put(row.getString(0), row.getLong(1));
    }
    return counts;
  }

  /**
   * Materialises an intermediate result and cuts its lineage. The stage derives many datasets from
   * the same few, each carrying identity-function expressions; without cutting, Spark's planner
   * re-analyses ever larger plans (minutes for a tiny night).
   */
  private static Dataset<Row> cache(List<Dataset<Row>> cached, Dataset<Row> dataset) {
    return dataset.localCheckpoint();
  }

  static Column[] record() {
    return IdentityColumns.RECORD.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
  }

  private static Column[] pooled() {
    List<Column> columns = new ArrayList<>(List.of(record()));
    columns.add(col("person_id"));
    columns.add(col("linked_night"));
    return columns.toArray(new Column[0]);
  }

  private static Column[] pooledWithoutNight() {
    List<Column> columns = new ArrayList<>(List.of(record()));
    columns.add(col("person_id"));
    return columns.toArray(new Column[0]);
  }
}
