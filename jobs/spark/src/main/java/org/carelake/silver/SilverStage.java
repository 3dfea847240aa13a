package org.carelake.silver;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
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
import org.apache.spark.storage.StorageLevel;
import org.carelake.contract.BeforeBirthRule;
import org.carelake.contract.Contract;
import org.carelake.contract.DuplicateKeyRule;
import org.carelake.digest.Sha256;
import org.carelake.error.CareLakeException;
import org.carelake.ingest.IngestSchemas;
import org.carelake.lake.DeltaIo;
import org.carelake.lake.Lake;
import org.carelake.lake.StageState;
import org.carelake.lake.TableDefinitions;
import org.carelake.lake.TableRef;
import org.carelake.lake.Zone;
import org.carelake.link.BirthDates;
import org.carelake.link.IdentityColumns;
import org.carelake.nightly.StepListener;
import org.carelake.quality.FeedProfile;
import org.carelake.transform.SqlScript;

/**
 * Standardise and pseudonymise: each feed's loaded rows of the night run through the feed's mapping
 * SQL ({@code sql/silver/<feed>.sql}) into its conformed silver table. Each row receives its linked
 * person's pseudonymous key as {@code _person_key}: the link stage has given the row's identity
 * record a person in {@code restricted.person_link}, and the key is derived from that person in
 * one place ({@code PersonKeys}). Rows of earlier nights whose person changed tonight (a late link,
 * a merge, a split: {@code restricted.link_change}) are mapped again so silver follows the change
 * the same night. Exact duplicate rows are dropped, one row per business key is kept, and the
 * result is MERGEd so a repeated night changes nothing. Rows with no person yet wait in the
 * restricted pending-linkage table.
 *
 * <p>No feed or table is named in Java: contracts say which silver table a feed feeds, DDL headers
 * say a table's keys.
 */
public final class SilverStage {
  private static final String PERSON_KEY = FeedMapping.PERSON_KEY;
  private static final String IDENTITY_ID = FeedMapping.IDENTITY_ID;
  private static final String SUPERSEDED = "_superseded";
  private static final String PERSON_BORN = "_person_born";

  private final SparkSession spark;
  private final DeltaIo io;
  private final Lake lake;
  private final List<Contract> contracts;
  private final Path sqlDir;
  private final LocalDate night;
  private final String runId;
  private final Instant startedAt;
  private final Optional<String> feedFilter;
  private StepListener steps = StepListener.NONE;
  private Dataset<Row> birthDates;

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

  /** Reports each feed mapped and each table merged to {@code listener}. */
  public SilverStage reportingTo(StepListener listener) {
    this.steps = requireNonNull(listener, "listener is null");
    return this;
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
    List<String> brokenMappings = new ArrayList<>();
    Map<String, List<Dataset<Row>>> byTarget = new TreeMap<>();
    Map<String, List<Dataset<Row>>> deletions = new TreeMap<>();
    Map<String, String> fingerprints = new LinkedHashMap<>();
    List<Dataset<Row>> cached = new ArrayList<>();
    List<String> processedFeeds = new ArrayList<>();
    List<Dataset<Row>> pending = new ArrayList<>();
    List<Dataset<Row>> pendingAgain = new ArrayList<>();
    FeedMapping feedMapping = new FeedMapping(io, lake, sqlDir);
    Dataset<Row> links = feedMapping.links();
    Dataset<Row> changed = changedSightings(links);
    String linkVersion = io.version(lake.restricted("person_link")).orElse(-1) + "";
    Map<String, List<String>> heldByFeed = heldBoroughs();
    try {
      int step = 0;
      for (Contract contract : contracts) {
        if (feedFilter.isPresent() && !feedFilter.get().equals(contract.id())) {
          continue;
        }
        steps.step("map " + contract.id(), step++, contracts.size());
        String target = contract.silverTarget();
        SqlScript mapping = feedMapping.script(contract);
        List<String> files = loadedFiles.getOrDefault(contract.id(), List.of());
        List<Object> earlierNights = earlierNights(changed, contract.id());
        String scope = "silver:" + contract.id() + ":" + night;
        List<String> held = heldByFeed.getOrDefault(contract.id(), List.of());
        String fingerprint = fingerprint(files, mapping.statement(), silver.script(target).statement(),
            linkVersion + " held " + held);
        if ((files.isEmpty() && earlierNights.isEmpty()) || fingerprint.equals(recorded.get(scope))) {
          outcomes.add(new FeedSilverOutcome(contract.id(), target, 0, 0, 0, 0, 0, 0, 0, 0, true));
          continue;
        }
        spark.sparkContext().setJobDescription("silver: map " + contract.id());
        Dataset<Row> raw = io.read(lake.raw(contract.id()));
        Column tonight = col(IngestSchemas.NIGHT).equalTo(lit(java.sql.Date.valueOf(night)));
        Column publishable = held.isEmpty() ? tonight : tonight.and(col(IngestSchemas.BOROUGH).isin(held.toArray()).unary_$bang());
        long heldBack = held.isEmpty() ? 0
            : raw.filter(tonight.and(col(IngestSchemas.BOROUGH).isin(held.toArray()))).count();
        Dataset<Row> loaded = feedMapping.keyed(contract, raw.filter(publishable), links);
        if (!earlierNights.isEmpty()) {
          // Rows of earlier nights whose identity changed person tonight: only the nights they were seen.
          Dataset<Row> again = feedMapping.keyed(contract, raw.filter(col(IngestSchemas.NIGHT).isin(earlierNights.toArray())), links)
              .join(changed.filter(col("feed").equalTo(contract.id())).select(col("identity_id").as(IDENTITY_ID)).distinct(),
                  IDENTITY_ID);
          loaded = loaded.unionByName(again);
        }
        Optional<String> careDate = FeedProfile.of(contract).careDate();
        boolean holdsBeforeBirth = contract.beforeBirth() == BeforeBirthRule.HOLD && careDate.isPresent()
            && IdentityColumns.of(contract).isPresent() && io.exists(lake.restricted("person_link"));
        Column beforeBirth = lit(false);
        if (holdsBeforeBirth) {
          loaded = withBirthDates(loaded, cached);
          beforeBirth = functions.coalesce(col(careDate.get()).cast("date").lt(col(PERSON_BORN)), lit(false));
        }
        List<String> contentColumns = new ArrayList<>();
        contract.columns().forEach(c -> contentColumns.add(c.name()));
        contentColumns.add(IngestSchemas.BOROUGH);
        // Checkpointed, not cached: the pending rows and the merge batch combine several feeds' rows
        // in one union, and Spark did not find a cached feed's plan inside such a union whenever the
        // feed's plan held tonight's rows and the earlier nights' rows looked at again (the same raw
        // table twice), so it read and mapped those feeds again (a 21-s job for the pending rows and
        // 14 s for the GP events' merge at 100,000 people). A checkpoint's plan is the rows themselves.
        // Not eager: the counts below fill it, as they filled the cache, without a job of its own.
        Dataset<Row> flagged = markSuperseded(loaded.dropDuplicates(contentColumns.toArray(new String[0])), contract)
            .localCheckpoint(false);
        Column standing = functions.not(col(SUPERSEDED));
        Dataset<Row> current = flagged.filter(standing).drop(SUPERSEDED);
        Dataset<Row> source = holdsBeforeBirth ? current.filter(functions.not(beforeBirth)) : current;
        source.limit(0).createOrReplaceTempView("source");
        Optional<String> broken = brokenMapping(mapping, feedMapping, target);
        if (broken.isPresent()) {
          // Held back like a feed whose quality gate failed: the other feeds go on, and nothing is
          // recorded for this one, so re-running the night's silver after the fix maps its rows.
          brokenMappings.add(broken.get());
          long rows = loadedRows.getOrDefault(contract.id(), 0L);
          outcomes.add(new FeedSilverOutcome(contract.id(), target, rows, rows, 0, 0, 0, 0, 0, 0, false));
          continue;
        }
        Optional<String> flag = contract.deletionFlag().map(org.carelake.contract.Column::name)
            .filter(name -> java.util.Arrays.asList(source.columns()).contains(name));
        Column isDeleted = flag.map(name -> functions.coalesce(col(name), lit(false))).orElse(lit(false));
        if (flag.isPresent()) {
          // Rows re-sending a record the source deleted: mapped like any row to find the silver keys
          // they name, then removed from silver after the night's upserts (see the merge loop).
          source.filter(isDeleted).createOrReplaceTempView("source");
          deletions.computeIfAbsent(target, k -> new ArrayList<>()).add(
              feedMapping.conform(spark.sql(mapping.statement()), target, mapping.origin())
                  .select(silver.keys(target).stream().map(functions::col).toArray(Column[]::new)));
        }
        source.filter(functions.not(isDeleted)).createOrReplaceTempView("source");
        Dataset<Row> mapped = feedMapping.conform(spark.sql(mapping.statement()), target, mapping.origin());
        Dataset<Row> keyedRows = mapped.filter(col("person_key").isNotNull());
        Column noPerson = col(PERSON_KEY).isNull();
        long rowsIn = loadedRows.getOrDefault(contract.id(), 0L);
        Column waits = standing.and(functions.not(isDeleted)).and(noPerson.or(beforeBirth));
        Row counts = flagged.agg(functions.count(functions.when(tonight, lit(1))),
            functions.count(functions.when(waits, lit(1))),
            functions.count(functions.when(standing, lit(1))), functions.count(functions.when(standing.and(isDeleted), lit(1))),
            functions.count(functions.when(tonight.and(col(SUPERSEDED)), lit(1))),
            functions.count(functions.when(waits.and(beforeBirth), lit(1))),
            functions.count(functions.when(waits.and(beforeBirth).and(functions.not(tonight)), lit(1)))).head();
        long distinct = counts.getLong(0);
        long deleted = counts.getLong(3);
        long toSilver = counts.getLong(2) - counts.getLong(1) - deleted;
        pending.add(pendingRows(contract, source.filter(noPerson.and(tonight)).filter(functions.not(isDeleted)), NO_PERSON));
        if (holdsBeforeBirth) {
          Dataset<Row> early = current.filter(beforeBirth.and(functions.not(isDeleted)));
          pending.add(pendingRows(contract, early.filter(tonight), BEFORE_BIRTH));
          // Rows of earlier nights looked at again because their person changed: still before the
          // (new) person's birth, they go back to waiting under their own night.
          if (counts.getLong(6) > 0) {
            pendingAgain.add(pendingRows(contract, early.filter(functions.not(tonight)), BEFORE_BIRTH));
          }
        }
        byTarget.computeIfAbsent(target, k -> new ArrayList<>()).add(keyedRows);
        outcomes.add(new FeedSilverOutcome(contract.id(), target, rowsIn, heldBack, Math.max(0, rowsIn - heldBack - distinct),
            counts.getLong(4), toSilver, counts.getLong(1), counts.getLong(5), deleted, false));
        fingerprints.put(scope, fingerprint);
        processedFeeds.add(contract.id());
      }

      Map<String, Long> versions = new TreeMap<>();
      TableRef duplicates = lake.restricted("duplicate_event");
      new TableDefinitions(sqlDir, Zone.RESTRICTED).create(spark, duplicates);
      SameEvents sameEvents = new SameEvents(io, duplicates, night, runId);
      int merged = 0;
      java.util.Set<String> targets = new java.util.TreeSet<>(byTarget.keySet());
      targets.addAll(deletions.keySet());
      for (String target : targets) {
        steps.step("merge silver." + target, merged++, targets.size());
        TableRef table = lake.silver(target);
        spark.sparkContext().setJobDescription("silver: merge " + table.qualifiedName());
        List<String> keys = silver.keys(target);
        Optional<Dataset<Row>> gone = deletions.getOrDefault(target, List.of()).stream().reduce(Dataset::unionByName)
            .map(Dataset::distinct);
        List<Dataset<Row>> rows = byTarget.getOrDefault(target, List.of());
        if (!rows.isEmpty()) {
          Dataset<Row> batch = rows.stream().reduce(Dataset::unionByName).orElseThrow();
          if (gone.isPresent()) {
            // a record sent and deleted in one night stays out
            batch = batch.join(gone.get(), scala.jdk.javaapi.CollectionConverters.asScala(keys).toSeq(), "left_anti");
          }
          Dataset<Row> onePerKey = onePerKey(batch, keys, silver.latestBy(target));
          List<String> sameEvent = silver.sameEvent(target);
          if (!sameEvent.isEmpty() && keys.size() == 1) {
            onePerKey = sameEvents.collapse(target, table, onePerKey, keys.get(0), sameEvent);
          }
          merge(table, onePerKey, keys, silver.latestBy(target));
        }
        if (gone.isPresent() && io.exists(table)) {
          String on = keys.stream().map(k -> "t." + k + " = s." + k).collect(Collectors.joining(" AND "));
          io.delta(table).as("t").merge(gone.get().as("s"), on).whenMatched().delete().execute();
        }
        io.version(table).ifPresent(v -> versions.put(table.qualifiedName(), v));
      }
      if (!processedFeeds.isEmpty()) {
        spark.sparkContext().setJobDescription("silver: pending linkage and merged persons");
        writePending(pending, pendingAgain, processedFeeds, changed);
        io.version(lake.pendingLinkage()).ifPresent(v -> versions.put(lake.pendingLinkage().qualifiedName(), v));
        removeAbsorbedPersons(silver, versions);
      }
      state.recordAll(fingerprints, runId, startedAt);
      return new SilverResult(outcomes, versions, Duration.between(begin, Instant.now()), brokenMappings);
    } finally {
      // The birth dates (each feed's rows are checkpointed and go with their datasets).
      for (int i = cached.size() - 1; i >= 0; i--) {
        cached.get(i).unpersist();
      }
    }
  }

  /**
   * Why a feed's mapping SQL cannot run, in one line naming the file and the fix, or empty when it
   * analyses. The caller has made {@code source} an empty view of the feed's loaded-row schema, so
   * no data is read.
   */
  private Optional<String> brokenMapping(SqlScript mapping, FeedMapping feedMapping, String target) {
    String fix = "; its feed is held back: fix the SQL, then re-run the night's silver, gold and check stages";
    try {
      feedMapping.conform(spark.sql(mapping.statement()), target, mapping.origin()).schema();
      return Optional.empty();
    } catch (CareLakeException e) {
      return Optional.of(e.oneLine() + fix);
    } catch (Exception e) {
      if (!(e instanceof org.apache.spark.sql.AnalysisException)) {
        throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
      }
      String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      int newline = message.indexOf('\n');
      String first = newline < 0 ? message : message.substring(0, newline);
      return Optional.of("mapping " + mapping.origin() + " does not run (" + (first.length() > 240 ? first.substring(0, 240) + "…" : first)
          + ")" + fix);
    }
  }

  /**
   * The rows with {@code _superseded} set on each that repeats another row's primary key in the
   * same borough's night with other content (exact copies are gone already): the contract's
   * {@link DuplicateKeyRule} says which one stands, by file name and row number.
   */
  static Dataset<Row> markSuperseded(Dataset<Row> rows, Contract contract) {
    List<Column> partition = new ArrayList<>(List.of(col(IngestSchemas.BOROUGH), col(IngestSchemas.NIGHT)));
    contract.primaryKey().forEach(c -> partition.add(col(c.name())));
    boolean last = contract.duplicateKeys() == DuplicateKeyRule.LAST_ROW_WINS;
    Column file = col(IngestSchemas.SOURCE_FILE);
    Column row = col(IngestSchemas.SOURCE_ROW);
    org.apache.spark.sql.expressions.WindowSpec window = org.apache.spark.sql.expressions.Window
        .partitionBy(partition.toArray(new Column[0]))
        .orderBy(last ? file.desc() : file.asc(), last ? row.desc() : row.asc());
    return rows.withColumn(SUPERSEDED, functions.row_number().over(window).gt(1));
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
      // Nothing to match against (the first night): a plain append costs far less than a MERGE. A
      // table laid out by month gets one file per month, not one per month and task.
      List<String> partitions = io.partitionColumns(table);
      Dataset<Row> rows = partitions.isEmpty() ? batch : batch.repartition(partitions.stream().map(functions::col).toArray(Column[]::new));
      io.append(rows, table, List.of(), "silver first load " + night + " run " + runId);
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

  private static final String NO_PERSON = "no linked person yet: no usable NHS number, known local patient id or matching demographics";
  private static final String BEFORE_BIRTH = "dated before the linked person's earliest known date of birth (carelake.before-birth: hold): "
      + "the link or the date is wrong";

  private Dataset<Row> pendingRows(Contract contract, Dataset<Row> source, String reason) {
    return source.select(col(IngestSchemas.NIGHT).as("night"), lit(contract.id()).as("feed"),
        col(IngestSchemas.BOROUGH).as("borough"), col(IngestSchemas.SOURCE_SHA256).as("source_sha256"),
        col(IngestSchemas.SOURCE_ROW).as("source_row"), col(IDENTITY_ID).as("identity_id"), lit(reason).as("reason"));
  }

  /**
   * The rows with {@link #PERSON_BORN}, their linked person's known birth date ({@link BirthDates}),
   * read once for the night.
   */
  private Dataset<Row> withBirthDates(Dataset<Row> rows, List<Dataset<Row>> cached) {
    if (birthDates == null) {
      // Computed once for every feed that holds such rows (the GP events and prescriptions of both suppliers).
      birthDates = BirthDates.ofLinkedRecords(io, lake)
          .select(col("identity_id").as("_born_identity"), col("birth_date").as(PERSON_BORN))
          .persist(StorageLevel.MEMORY_AND_DISK());
      cached.add(birthDates);
    }
    return rows.join(birthDates, col(IDENTITY_ID).equalTo(col("_born_identity")), "left").drop("_born_identity");
  }

  /**
   * Tonight's waiting rows replace the night's earlier attempt; rows of earlier nights looked at
   * again tonight (their identity was linked, or their person gained a record) leave the table
   * (they have just reached silver) or stay under their own night if they still wait.
   */
  private void writePending(List<Dataset<Row>> pending, List<Dataset<Row>> again, List<String> feeds, Dataset<Row> changed) {
    TableRef table = lake.pendingLinkage();
    new TableDefinitions(sqlDir, Zone.RESTRICTED).create(spark, table);
    Dataset<Row> batch = pending.stream().reduce(Dataset::unionByName).orElseThrow();
    String feedList = feeds.stream().map(f -> "'" + f.replace("'", "") + "'").collect(Collectors.joining(","));
    io.replaceWhere(batch, table, "night = DATE'" + night + "' AND feed IN (" + feedList + ")", List.of(),
        "pending linkage " + night);
    // Rows of earlier nights whose identity was looked at again tonight leave, unless still waiting
    // (then they stay, under their own night): one commit, so a crash cannot leave them half-moved.
    // Only the feeds mapped tonight: another feed's rows were not looked at again.
    Dataset<Row> linked = changed.select(col("identity_id").as("linked_id")).distinct();
    Dataset<Row> stays = again.stream().reduce(Dataset::unionByName)
        .orElseGet(() -> spark.createDataFrame(List.of(), batch.schema()));
    List<String> key = List.of("feed", "source_sha256", "source_row");
    scala.collection.immutable.Seq<String> keySeq = scala.jdk.javaapi.CollectionConverters.asScala(key).toSeq();
    Dataset<Row> leaving = io.read(table).filter("night < DATE'" + night + "' AND feed IN (" + feedList + ")")
        .join(linked, col("identity_id").equalTo(col("linked_id")), "left_semi")
        .join(stays, keySeq, "left_anti");
    Dataset<Row> moves = stays.withColumn("_leaves", lit(false)).unionByName(leaving.withColumn("_leaves", lit(true)));
    Map<String, String> row = new java.util.LinkedHashMap<>();
    for (String column : batch.columns()) {
      row.put(column, "s." + column);
    }
    io.delta(table).as("t")
        .merge(moves.as("s"), key.stream().map(k -> "t." + k + " = s." + k).collect(Collectors.joining(" AND ")))
        .whenMatched("s._leaves").delete()
        .whenMatched().updateExpr(row)
        .whenNotMatched("NOT s._leaves").insertExpr(row)
        .execute();
  }

  /** Persons absorbed by tonight's merges lose their person row; their records now carry the keeper's key. */
  private void removeAbsorbedPersons(TableDefinitions silver, Map<String, Long> versions) {
    TableRef events = lake.restricted("link_event");
    if (!io.exists(events) || !silver.has("person")) {
      return;
    }
    Dataset<Row> absorbed = io.read(events)
        .filter(col("night").equalTo(lit(java.sql.Date.valueOf(night))).and(col("kind").equalTo("MERGE")))
        .select(functions.callUDF("person_key", col("other_person_id")).as("absorbed_key"));
    if (absorbed.isEmpty()) {
      return;
    }
    TableRef person = lake.silver("person");
    io.delta(person).as("t").merge(absorbed.as("s"), "t.person_key = s.absorbed_key").whenMatched().delete().execute();
    versions.put(person.qualifiedName(), io.version(person).orElseThrow());
  }

  /**
   * Per feed, the boroughs whose feed failed a quality gate tonight ({@code ops.quality_gate}),
   * read once for the night: their rows are held back from silver, and so from publication, while
   * the rest of the night goes on.
   */
  private Map<String, List<String>> heldBoroughs() {
    TableRef gates = lake.table(Zone.OPS, "quality_gate");
    Map<String, List<String>> held = new TreeMap<>();
    if (!io.exists(gates)) {
      return held;
    }
    for (Row row : io.read(gates)
        .filter(col("night").equalTo(lit(java.sql.Date.valueOf(night))).and(col("status").equalTo("FAILED")))
        .select("feed", "borough").distinct().orderBy("feed", "borough").collectAsList()) {
      held.computeIfAbsent(row.getString(0), feed -> new ArrayList<>()).add(row.getString(1));
    }
    return held;
  }

  /**
   * {@code identity_id, feed, night} of earlier sightings to look at again tonight: of identities
   * whose person changed tonight, and of rows held as before their person's birth whose person
   * gained a record tonight.
   */
  private Dataset<Row> changedSightings(Dataset<Row> links) {
    TableRef changes = lake.restricted("link_change");
    TableRef sightings = lake.restricted("identity_sighting");
    if (!io.exists(changes) || !io.exists(sightings)) {
      return noSightings();
    }
    Dataset<Row> changed = io.read(changes).filter(col("night").equalTo(lit(java.sql.Date.valueOf(night))))
        .select("identity_id");
    return io.read(sightings).filter(col("night").lt(lit(java.sql.Date.valueOf(night))))
        .join(changed, "identity_id").select("identity_id", "feed", "night")
        .unionByName(heldBeforeAnEarlierBirth(links)).distinct()
        // Checkpointed, not cached: it reads restricted.pending_linkage, which this stage writes, and
        // Spark re-plans every cached plan over a table after each write to it (here the sightings
        // and every feed's rows built on them, each re-planned Delta scan a job). A checkpoint keeps
        // the rows without the plan.
        .localCheckpoint();
  }

  private Dataset<Row> noSightings() {
    return spark.createDataFrame(List.of(), new org.apache.spark.sql.types.StructType()
        .add("identity_id", "string").add("feed", "string").add("night", "date"));
  }

  /**
   * {@code identity_id, feed, night} of rows of earlier nights held as dated before their person's
   * birth whose person gained, tonight, an identity record with an earlier date of birth than any
   * of the person's earlier records (a corrected or another source's date of birth): the person's
   * earliest known birth date moved back, so those rows are looked at again like rows whose person
   * changed, and those no longer before it reach silver. A new record with the same or a later date
   * of birth (a new address, most nights) cannot release a row, so does not cost a re-read. Reads
   * the held rows and their persons' records only, not the lake's history.
   */
  private Dataset<Row> heldBeforeAnEarlierBirth(Dataset<Row> links) {
    TableRef pendingTable = lake.pendingLinkage();
    TableRef identity = lake.restricted("identity");
    if (!io.exists(pendingTable) || !io.exists(identity)) {
      return noSightings();
    }
    Column tonight = lit(java.sql.Date.valueOf(night));
    Dataset<Row> held = io.read(pendingTable).filter(col("night").lt(tonight).and(col("reason").equalTo(lit(BEFORE_BIRTH))))
        .select("identity_id", "feed", "night")
        .join(links, col("identity_id").equalTo(col("_link_identity"))).drop("_link_identity");
    Column isNew = col("first_seen_night").equalTo(tonight);
    Dataset<Row> bornEarlier = held.select("_link_person").distinct()
        .join(links, "_link_person")
        .join(io.read(identity).select("identity_id", "date_of_birth", "first_seen_night"),
            col("_link_identity").equalTo(col("identity_id")))
        .groupBy("_link_person")
        .agg(functions.min(functions.when(isNew, col("date_of_birth"))).as("_new_born"),
            functions.min(functions.when(functions.not(isNew), col("date_of_birth"))).as("_known_born"))
        .filter(col("_new_born").isNotNull()
            .and(col("_known_born").isNull().or(col("_new_born").lt(col("_known_born")))))
        .select("_link_person");
    return held.join(bornEarlier, "_link_person").select("identity_id", "feed", "night");
  }

  /** The earlier nights holding rows of this feed whose person changed tonight: a few partitions. */
  private static List<Object> earlierNights(Dataset<Row> changed, String feed) {
    List<Object> nights = new ArrayList<>();
    for (Row row : changed.filter(col("feed").equalTo(feed)).select("night").distinct().orderBy("night").collectAsList()) {
      nights.add(row.get(0));
    }
    return nights;
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

  /** The night's input files, then the mapping, the DDL and the linkage version, NUL-separated. */
  private static String fingerprint(List<String> files, String mapping, String ddl, String linkVersion) {
    List<String> parts = new ArrayList<>(files);
    parts.addAll(List.of(mapping, ddl, linkVersion));
    return Sha256.hexOfParts(parts);
  }

}
