package org.carelake.gold;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.trunc;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.storage.StorageLevel;
import org.carelake.contract.Contract;
import org.carelake.disclosure.DisclosureSpec;
import org.carelake.error.CareLakeErrors;
import org.carelake.governance.OptOuts;
import org.carelake.lake.DeltaIo;
import org.carelake.lake.Lake;
import org.carelake.lake.TableRef;
import org.carelake.lake.Zone;
import org.carelake.transform.SqlScript;

/**
 * Builds a monthly planning table from what the night changed instead of from all of history. A
 * gold file declares it in its header:
 *
 * <pre>-- incremental: month over the 24 months to the night</pre>
 *
 * which promises two things the SQL must keep: each output row's {@code month} is the partition
 * month ({@code activity_month}) of the activity rows it counts, and every count is a sum over
 * persons of what each person's own rows (their person row and their activity) contribute. Then
 * the raw counts of the night are those of the last build (its raw, pre-disclosure rows, kept in
 * the restricted zone as {@code restricted.gold_raw__<table>}) with three corrections:
 *
 * <ol>
 *   <li>the <em>months the night touched</em> are recomputed whole: every activity partition a
 *       commit since the last build added or removed files in (read from the Delta log: late
 *       records, corrections, deletions and re-linked persons all rewrite their months), the months
 *       of the last and this night (a month still filling), and months new to the window; only
 *       those partitions are read;
 *   <li>for the <em>persons the night touched</em> elsewhere (a changed person row: a move, a new
 *       registration, a death; or a changed opt-out), what they contribute to the other months is
 *       subtracted as the last build saw them and added as they are tonight;
 *   <li>months that left the window are dropped.
 * </ol>
 *
 * A table declared {@code by person} ({@code -- incremental: period_end over the 24 months to the
 * night, by person, settled 30 days after}, as the compiled measures are) promises instead that
 * every count is a sum over persons and that a period whose last day is that many days before a
 * night reads nothing after it. Then the <em>open</em> periods (not settled at the last build's
 * night) are recomputed whole, the SQL limited to them by the session variable {@code
 * recompute_from}, and the settled ones get correction 2 for every person whose rows changed in any
 * input: found by comparing the partitions a commit since wrote at the two versions, as well as by
 * the person rows and opt-outs.
 *
 * <p>Anything else — no state, a changed definition or release, an earlier night, a changed
 * reference table, a Delta log cleaned past the last build, or so many changed persons or months
 * that a full build is cheaper — builds the table in full, and says why. Disclosure control is
 * applied afterwards to the whole raw table, exactly as for a full build, so the published rows are
 * those a full build gives; {@code carelake rebuild} checks that on any version.
 */
final class IncrementalBuild {
  private static final Logger LOG = Logger.getLogger(IncrementalBuild.class.getName());
  private static final Pattern DECLARATION = Pattern.compile("([a-z_][a-z0-9_]*) over the (\\d+) months to the night");
  private static final Pattern BY_PERSON = Pattern.compile("\\s*, by person, settled (\\d+) days after\\b");
  /** More changed persons than this is a night that rewrote most of the lake (a key rotation): build in full. */
  static final long MAX_CHANGED_PERSONS = 200_000;

  /**
   * What a header's {@code incremental:} line declares: the month column and the window's length;
   * and, for a table {@code by person}, the days after a period's last day until it is settled
   * ({@code settledDays}; -1 for a table by month).
   */
  record Declaration(String month, int months, int settledDays) {
    static Optional<Declaration> of(SqlScript script) {
      return script.get("incremental").map(text -> {
        Matcher m = DECLARATION.matcher(text.strip());
        if (!m.lookingAt() || Integer.parseInt(m.group(2)) < 1) {
          throw CareLakeErrors.configuration(script.origin() + " header 'incremental: " + text
              + "' must begin 'incremental: <month column> over the <N> months to the night'");
        }
        Matcher byPerson = BY_PERSON.matcher(text.strip()).region(m.end(), text.strip().length());
        int settled = byPerson.lookingAt() ? Integer.parseInt(byPerson.group(1)) : -1;
        return new Declaration(m.group(1), Integer.parseInt(m.group(2)), settled);
      });
    }

    /** A table whose periods are recomputed by the persons whose rows changed, not by the months they changed in. */
    boolean byPerson() {
      return settledDays >= 0;
    }

    /** The output's month, as the first day of the month (a period's end day, say, truncated). */
    Column monthOf() {
      return trunc(col(month), "MM");
    }

    /** The first months of the window ending with the night's month, oldest first. */
    List<LocalDate> window(LocalDate night) {
      LocalDate last = night.withDayOfMonth(1);
      List<LocalDate> window = new ArrayList<>();
      for (int back = months - 1; back >= 0; back--) {
        window.add(last.minusMonths(back));
      }
      return window;
    }
  }

  /**
   * Tonight's raw (pre-disclosure) rows, materialised; how they were computed, for the summary; and
   * the note to record with them.
   */
  record Result(Dataset<Row> raw, String refresh) {}

  private final DeltaIo io;
  private final SparkSession spark;
  private final Lake lake;
  private final List<Contract> contracts;
  private long minInputBytes = org.carelake.run.Settings.DEFAULT_GOLD_INCREMENTAL_MIN_INPUT_MB * 1024 * 1024;
  private boolean byPerson;

  IncrementalBuild(DeltaIo io, Lake lake, List<Contract> contracts) {
    this.io = io;
    this.spark = io.spark();
    this.lake = lake;
    this.contracts = List.copyOf(contracts);
  }

  /**
   * Builds incrementally only when the inputs hold at least {@code bytes} on disk (setting {@code
   * gold.incremental-min-input-mb}); 0 whenever it can. Below it a full build is cheaper: the
   * incremental plan evaluates the script three times over (the touched months, and the changed
   * persons as they are and as they were), which on small inputs costs more in planning and jobs
   * than reading everything once.
   */
  void minInputBytes(long bytes) {
    this.minInputBytes = bytes;
  }

  /**
   * Builds tables declared by person incrementally ({@code gold.incremental-by-person on}); off,
   * they are built in full. Off by default, because it does not pay yet: on a 100,000-person lake's
   * normal night the measures took 229 s incrementally against 59 s in full (comparing the written
   * partitions to find the changed persons, recomputing the open periods and the changed persons'
   * contributions each read most of the activity again).
   */
  void byPerson(boolean on) {
    this.byPerson = on;
  }

  /** Whether a table so declared is built here: by month always, by person when turned on. */
  boolean enabled(Declaration declared) {
    return !declared.byPerson() || byPerson;
  }

  /** Where the raw rows of {@code output}'s last build are kept: data engineers only. */
  TableRef state(TableRef output) {
    return lake.restricted("gold_raw__" + output.name());
  }

  /**
   * Tonight's raw rows of the table. The script's inputs must be registered as the session's views
   * (as the gold stage does for every script) and {@code run_night} bound; they are registered
   * again, as they were, before this returns.
   *
   * @param now the inputs as tonight reads them, by the script's input name, opt-outs applied
   */
  Result rows(SqlScript script, Declaration declared, TableRef output, Map<String, Long> inputVersions, Map<String, Dataset<Row>> now,
      OptOuts optOuts, String codeVersion, LocalDate night) {
    Plan plan = plan(script, declared, output, inputVersions, optOuts, codeVersion, night);
    if (plan.fullBecause() != null) {
      return full(script, declared, night, plan.fullBecause());
    }
    Optional<Dataset<Row>> raw;
    try {
      raw = incremental(script, declared, inputVersions, now, optOuts, night, plan);
    } finally {
      // The evaluations registered filtered views under the inputs' names: tonight's are put back.
      now.forEach((name, rows) -> rows.createOrReplaceTempView(view(name)));
      plan.release();
    }
    if (raw.isPresent()) {
      return new Result(raw.get(), "incremental: " + plan.months().size() + " of " + declared.months() + " months recomputed, "
          + plan.personCount() + " persons' contributions updated");
    }
    return full(script, declared, night, "the incremental counts went negative");
  }

  /** The last build's state and what changed since, or why the table must be built in full. */
  private record Plan(String fullBecause, TableRef state, long lastVersion, Set<LocalDate> months, Dataset<Row> persons, long personCount,
      OptOuts lastOptOuts, Map<String, Long> personInputsChanged) {
    static Plan full(String why) {
      return new Plan(why, null, -1, Set.of(), null, 0, null, Map.of());
    }

    void release() {
      IncrementalBuild.release(persons, lastOptOuts);
    }
  }

  private Plan plan(SqlScript script, Declaration declared, TableRef output, Map<String, Long> inputVersions, OptOuts optOuts,
      String codeVersion, LocalDate night) {
    TableRef state = state(output);
    java.util.OptionalLong stateVersion = io.version(state);
    if (stateVersion.isEmpty()) {
      return Plan.full("first build");
    }
    Optional<BuildNote> recorded = io.commitNote(state, stateVersion.getAsLong()).flatMap(BuildNote::parse);
    if (recorded.isEmpty()) {
      return Plan.full("the kept state records no build");
    }
    BuildNote last = recorded.get();
    if (!last.codeVersion().equals(codeVersion)) {
      return Plan.full("the definition or release changed");
    }
    if (night.isBefore(last.night())) {
      return Plan.full("an earlier night than the last build");
    }
    if (!last.inputs().keySet().equals(inputVersions.keySet())) {
      return Plan.full("the inputs changed");
    }
    long inputBytes = inputBytes(script, inputVersions);
    if (inputBytes < minInputBytes) {
      return Plan.full(String.format(java.util.Locale.ROOT, "its inputs are small (%.1f MB on disk, below gold.incremental-min-input-mb %d)",
          inputBytes / 1048576.0, minInputBytes / 1048576));
    }
    List<LocalDate> window = declared.window(night);
    Set<LocalDate> months = new TreeSet<>();
    months.add(night.withDayOfMonth(1));
    // The last night's month (it was still filling) and every month since; by person, every period
    // not yet settled at the last night (a criterion looking days ahead of it saw only some of them).
    LocalDate open = last.night().minusDays(Math.max(0, declared.settledDays()));
    for (LocalDate month = open.withDayOfMonth(1); !month.isAfter(night); month = month.plusMonths(1)) {
      months.add(month);
    }
    Map<String, Long> personInputsChanged = new LinkedHashMap<>();
    Map<String, Column> partitionsChanged = new LinkedHashMap<>();
    for (Map.Entry<String, Long> input : inputVersions.entrySet()) {
      long before = last.inputs().get(input.getKey());
      if (before == input.getValue()) {
        continue;
      }
      TableRef table = GoldStage.resolve(lake, input.getKey(), script.origin());
      List<String> partitions = io.partitionColumns(table);
      if (partitions.size() == 1) {
        Optional<Set<String>> touched = io.partitionsChanged(table, before, input.getValue(), partitions.get(0));
        if (touched.isEmpty()) {
          return Plan.full(input.getKey() + "'s log no longer holds every commit since the last build");
        }
        if (declared.byPerson()) {
          // Whose rows changed in those partitions is found below, by comparing them.
          personInputsChanged.put(input.getKey(), before);
          partitionsChanged.put(input.getKey(), partitionIn(partitions.get(0), touched.get()));
        } else {
          touched.get().stream().filter(java.util.Objects::nonNull).map(LocalDate::parse).forEach(months::add);
        }
      } else if (table.zone() == Zone.SILVER && partitions.isEmpty()) {
        personInputsChanged.put(input.getKey(), before);
      } else {
        return Plan.full(input.getKey() + " changed");
      }
    }
    months.retainAll(window);
    if (months.size() * 2 > window.size()) {
      // Recomputing most months and merging the rest costs more than computing them all (on the
      // demo's second night, 17 of 24 months incrementally took 26 s; the first night's full build 6 s).
      return Plan.full("the night touched " + months.size() + " of the window's " + window.size() + " months");
    }
    OptOuts lastOptOuts = null;
    Dataset<Row> persons = null;
    long personCount;
    try {
      List<Dataset<Row>> changed = new ArrayList<>();
      for (Map.Entry<String, Long> input : personInputsChanged.entrySet()) {
        TableRef table = GoldStage.resolve(lake, input.getKey(), script.origin());
        Dataset<Row> then = io.readAt(table, input.getValue());
        Dataset<Row> tonight = io.readAt(table, inputVersions.get(input.getKey()));
        Column written = partitionsChanged.get(input.getKey());
        if (written != null) { // only the partitions a commit since wrote can differ
          then = then.filter(written);
          tonight = tonight.filter(written);
        }
        changed.add(then.exceptAll(tonight).unionByName(tonight.exceptAll(then)).select("person_key"));
      }
      if (!last.optOuts().equals(optOuts.versions())) {
        lastOptOuts = OptOuts.resolveAt(io, lake, contracts, last.night(), last.optOuts());
        changed.add(optOuts.personsChangedSince(lastOptOuts));
      }
      persons = changed.stream().reduce(Dataset::unionByName)
          .orElseGet(() -> spark.emptyDataFrame().selectExpr("CAST(NULL AS STRING) AS person_key"))
          .filter(col("person_key").isNotNull()).distinct()
          .persist(StorageLevel.MEMORY_AND_DISK());
      personCount = persons.count();
    } catch (Exception e) { // Delta's VersionNotFoundException is an AnalysisException: checked, though Scala throws it undeclared
      // A version the last build read is gone from disk: an erasure or the retention purge removes
      // a table's history on purpose. Without it the persons who changed cannot be known.
      release(persons, lastOptOuts);
      LOG.info(() -> script.origin() + ": the last build's inputs cannot be read at their versions (" + e.getClass().getSimpleName() + ")");
      return Plan.full("the last build's inputs are no longer on disk at their versions (history purged)");
    }
    if (personCount > MAX_CHANGED_PERSONS) {
      release(persons, lastOptOuts);
      return Plan.full(personCount + " persons changed");
    }
    return new Plan(null, state, stateVersion.getAsLong(), months, persons, personCount, lastOptOuts, personInputsChanged);
  }

  /** Rows in the partitions named (as the Delta log writes their values; null for the partition of nulls). */
  private static Column partitionIn(String column, Set<String> values) {
    Object[] dates = values.stream().filter(java.util.Objects::nonNull).map(v -> Date.valueOf(LocalDate.parse(v))).toArray();
    Column in = dates.length == 0 ? lit(false) : col(column).isin(dates);
    return values.contains(null) ? in.or(col(column).isNull()) : in;
  }

  /** The inputs' size on disk at tonight's versions, from their Delta snapshots (no Spark job). */
  private long inputBytes(SqlScript script, Map<String, Long> inputVersions) {
    long bytes = 0;
    for (Map.Entry<String, Long> input : inputVersions.entrySet()) {
      Dataset<Row> rows = io.readAt(GoldStage.resolve(lake, input.getKey(), script.origin()), input.getValue());
      bytes += rows.queryExecution().optimizedPlan().stats().sizeInBytes().longValue();
    }
    return bytes;
  }

  private static void release(Dataset<Row> persons, OptOuts optOuts) {
    if (persons != null) {
      persons.unpersist();
    }
    if (optOuts != null) {
      optOuts.release();
    }
  }

  private Optional<Dataset<Row>> incremental(SqlScript script, Declaration declared, Map<String, Long> inputVersions,
      Map<String, Dataset<Row>> now, OptOuts optOuts, LocalDate night, Plan plan) {
    Object[] touched = plan.months().stream().map(Date::valueOf).toArray();
    Dataset<Row> persons = broadcast(plan.persons());
    OptOuts then = plan.lastOptOuts() != null ? plan.lastOptOuts() : optOuts;
    Map<String, Dataset<Row>> monthsViews = new LinkedHashMap<>();
    Map<String, Dataset<Row>> personsNow = new LinkedHashMap<>();
    Map<String, Dataset<Row>> personsThen = new LinkedHashMap<>();
    for (Map.Entry<String, Long> input : inputVersions.entrySet()) {
      String name = input.getKey();
      TableRef table = GoldStage.resolve(lake, name, script.origin());
      Dataset<Row> tonight = now.get(name);
      List<String> partitions = io.partitionColumns(table);
      if (declared.byPerson()) {
        // Every period from the first open one is computed from all of tonight's rows (the
        // script's own recompute_from filter limits the work to them); the changed persons'
        // contributions to the settled periods are taken from all of their rows, then and now.
        long before = plan.personInputsChanged().getOrDefault(name, input.getValue());
        monthsViews.put(name, tonight);
        personsNow.put(name, tonight.join(persons, "person_key", "left_semi"));
        personsThen.put(name, table.zone() == Zone.SILVER
            ? then.apply(table, io.readAt(table, before)).join(persons, "person_key", "left_semi") : tonight);
      } else if (partitions.size() == 1) {
        // An activity table: partitions outside the touched months are the same files as at the last build.
        Column inTouched = col(partitions.get(0)).isin(touched);
        monthsViews.put(name, tonight.filter(inTouched));
        personsNow.put(name, tonight.filter(not(inTouched)).join(persons, "person_key", "left_semi"));
        personsThen.put(name, then.apply(table, io.readAt(table, input.getValue())).filter(not(inTouched))
            .join(persons, "person_key", "left_semi"));
      } else if (table.zone() == Zone.SILVER) {
        long before = plan.personInputsChanged().getOrDefault(name, input.getValue());
        monthsViews.put(name, tonight);
        personsNow.put(name, tonight.join(persons, "person_key", "left_semi"));
        personsThen.put(name, then.apply(table, io.readAt(table, before)).join(persons, "person_key", "left_semi"));
      } else {
        monthsViews.put(name, tonight);
        personsNow.put(name, tonight);
        personsThen.put(name, tonight);
      }
    }
    Dataset<Row> monthsTonight;
    if (declared.byPerson()) {
      // The open periods only: materialised while the variable asks for them.
      LocalDate from = plan.months().iterator().next();
      spark.sql("SET VAR recompute_from = DATE'" + from + "'");
      try {
        monthsTonight = evaluate(script, monthsViews).localCheckpoint();
      } finally {
        spark.sql("SET VAR recompute_from = NULL");
      }
    } else {
      monthsTonight = evaluate(script, monthsViews);
    }
    Dataset<Row> contributionsTonight = evaluate(script, personsNow);
    Dataset<Row> contributionsThen = evaluate(script, personsThen);

    List<String> keys = script.list("keys");
    List<String> counts = DisclosureSpec.of(script).counts();
    Column month = declared.monthOf();
    Column inTouched = month.isin(touched);
    List<LocalDate> window = declared.window(night);
    Column inWindow = month.geq(lit(Date.valueOf(window.get(0)))).and(month.leq(lit(Date.valueOf(window.get(window.size() - 1)))));
    Dataset<Row> previous = io.readAt(plan.state(), plan.lastVersion());
    List<Column> negated = new ArrayList<>();
    keys.forEach(k -> negated.add(col(k)));
    counts.forEach(c -> negated.add(col(c).multiply(-1).cast(monthsTonight.schema().apply(c).dataType()).as(c)));
    Dataset<Row> parts = monthsTonight.filter(inTouched).selectExpr(columns(keys, counts))
        .unionByName(previous.filter(not(inTouched).and(inWindow)).selectExpr(columns(keys, counts)));
    if (plan.personCount() > 0) { // else nobody's other months changed: their activity is not read at all
      parts = parts
          .unionByName(contributionsTonight.filter(not(inTouched).and(inWindow)).selectExpr(columns(keys, counts)))
          .unionByName(contributionsThen.filter(not(inTouched).and(inWindow)).select(negated.toArray(Column[]::new)));
    }
    List<Column> sums = new ArrayList<>();
    counts.forEach(c -> sums.add(sum(col(c)).as(c)));
    Column anyCount = counts.stream().map(c -> col(c).notEqual(0)).reduce(Column::or).orElseThrow();
    Column anyNegative = counts.stream().map(c -> col(c).lt(0)).reduce(Column::or).orElseThrow();
    List<Column> typed = new ArrayList<>();
    for (StructField field : monthsTonight.schema().fields()) {
      typed.add(col(field.name()).cast(field.dataType()).as(field.name()));
    }
    Dataset<Row> raw = parts.groupBy(keys.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new))
        .agg(sums.get(0), sums.subList(1, sums.size()).toArray(Column[]::new))
        .filter(anyCount)
        .select(typed.toArray(Column[]::new))
        // Materialised with a one-step plan: disclosure control, the negative check and the kept
        // state each query it, and the whole incremental plan is hundreds of nodes to re-analyse.
        .localCheckpoint();
    if (!raw.filter(anyNegative).isEmpty()) {
      LOG.warning(() -> script.origin() + ": the incremental counts went negative; building in full instead");
      return Optional.empty();
    }
    return Optional.of(raw);
  }

  private Result full(SqlScript script, Declaration declared, LocalDate night, String why) {
    Dataset<Row> raw = spark.sql(script.statement());
    java.util.Set<String> expected = new java.util.TreeSet<>(script.list("keys"));
    expected.addAll(DisclosureSpec.of(script).counts());
    if (!new java.util.TreeSet<>(List.of(raw.columns())).equals(expected)) {
      throw CareLakeErrors.configuration(script.origin() + " is incremental, so its columns must be its keys and its counts ("
          + String.join(", ", expected) + "), not " + String.join(", ", raw.columns()));
    }
    raw = raw.localCheckpoint();
    List<LocalDate> window = declared.window(night);
    Column month = declared.monthOf();
    List<Row> outside = raw.filter(month.lt(lit(Date.valueOf(window.get(0)))).or(month.gt(lit(Date.valueOf(window.get(window.size() - 1))))))
        .select(month).distinct().limit(3).collectAsList();
    if (!outside.isEmpty()) {
      throw CareLakeErrors.configuration(script.origin() + " declares 'incremental: " + script.get("incremental").orElse("")
          + "' but gives rows for month " + outside.get(0).get(0) + ", outside the " + declared.months() + " months to " + night);
    }
    return new Result(raw, "full: " + why);
  }

  private Dataset<Row> evaluate(SqlScript script, Map<String, Dataset<Row>> views) {
    views.forEach((name, rows) -> rows.createOrReplaceTempView(view(name)));
    // Analysed now, against these views: re-registering them for the next evaluation leaves this one as it is.
    return spark.sql(script.statement());
  }

  private static String[] columns(List<String> keys, List<String> counts) {
    List<String> all = new ArrayList<>(keys);
    all.addAll(counts);
    return all.stream().map(c -> "`" + c + "`").toArray(String[]::new);
  }

  static String view(String input) {
    return input.replace('.', '_');
  }

  /**
   * Checks what a header's {@code incremental:} promises that the stage can check before running:
   * the table is an aggregate whose columns are its keys (the month among them) and its counts.
   */
  static void check(SqlScript script, Declaration declared, DisclosureSpec disclosure) {
    if (disclosure.kind() != DisclosureSpec.Kind.AGGREGATE) {
      throw CareLakeErrors.configuration(script.origin() + " is incremental, so it must be an aggregate table (counts summed over persons)");
    }
    if (!script.list("keys").contains(declared.month())) {
      throw CareLakeErrors.configuration(script.origin() + " is incremental by " + declared.month() + ", which must be one of its keys");
    }
    if (ProjectDatasets.perProject(script)) {
      throw CareLakeErrors.configuration(script.origin() + " is a per-project dataset, which is built in full: remove 'incremental:'");
    }
  }
}
