package org.carelake.link;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.rand;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.carelake.lake.DeltaIo;
import org.carelake.lake.TableRef;
import org.carelake.linkage.ExpectationMaximisation;
import org.carelake.linkage.Comparisons;
import org.carelake.linkage.FellegiSunterModel;
import org.carelake.linkage.Field;

/**
 * The Fellegi–Sunter model the link stage scores with: the newest in {@code restricted.link_model},
 * or, when there is none (the first night) or a retrain is asked for, one estimated from the
 * night's records. u probabilities come from random pairs, m and the prior from blocked pairs by
 * expectation–maximisation ({@link ExpectationMaximisation}); Spark only counts comparison
 * patterns, so the driver sees pattern counts, never records.
 */
final class LinkModels {
  private static final Logger LOG = Logger.getLogger(LinkModels.class.getName());
  /** Records sampled for training: enough for stable counts, bounded so training stays cheap. */
  private static final long TRAINING_RECORDS = 200_000;
  private static final long RANDOM_PAIRS = 2_000_000;
  private static final long SEED = 20_261_125L;

  private final DeltaIo io;
  private final TableRef table;
  private final Blocking blocking;

  LinkModels(DeltaIo io, TableRef table, Blocking blocking) {
    this.io = io;
    this.table = table;
    this.blocking = blocking;
  }

  /** The newest stored model, if any. */
  Optional<FellegiSunterModel> latest() {
    if (!io.exists(table)) {
      return Optional.empty();
    }
    List<Row> rows = io.read(table).orderBy(col("trained_at").desc(), col("model_version")).select("parameters").limit(1).collectAsList();
    return rows.isEmpty() ? Optional.empty() : Optional.of(FellegiSunterModel.parse(rows.get(0).getString(0)));
  }

  /** Fewer pairs than this and the estimate would be noise: score with the default parameters instead. */
  private static final long MINIMUM_BLOCKED_PAIRS = 200;
  private static final long MINIMUM_RANDOM_PAIRS = 10_000;

  /**
   * Estimates a model from identity records (with demographics) and stores it. A night too small
   * to estimate from (a test, a first trickle of data) is scored with {@link
   * FellegiSunterModel#defaults()}, not stored, so a later night with enough records estimates one.
   */
  FellegiSunterModel train(Dataset<Row> records, LocalDate night, Instant now) {
    io.spark().sparkContext().setJobDescription("link: estimate the model (EM)");
    Dataset<Row> withDemographics = records
        .filter(col("date_of_birth").isNotNull().or(col("family_name").isNotNull()))
        .select("identity_id", "nhs_number", "given_name", "family_name", "date_of_birth", "sex", "postcode", "address");
    long available = withDemographics.count();
    if (available < 2) {
      return defaults(available + " identity records with demographics");
    }
    double fraction = Math.min(1.0, (double) TRAINING_RECORDS / available);
    Dataset<Row> sample = fraction < 1.0 ? withDemographics.sample(false, fraction, SEED) : withDemographics;
    sample = sample.localCheckpoint();
    // Splink-style training sessions, each blind to the field its pairs were chosen by (a field
    // every pair agrees on carries no information about m): pairs sharing a usable NHS number teach
    // m for the demographics; pairs sharing a date of birth and a postcode teach m for the NHS
    // number. u comes from random pairs; the prior comes last, from all blocked pairs, with m and u
    // held.
    Map<Integer, Long> random = patternCounts(randomPairs(sample));
    Map<Integer, Long> byNumber = masked(patternCounts(pairsSharing(sample.filter(col("nhs_number").isNotNull()
        .and(LinkFunctions.NHS_USABLE.apply(col("nhs_number")))), "nhs_number")), Field.NHS_NUMBER);
    // Pairs sharing a date of birth and a postcode: one person's records, and twins; a date of
    // birth alone also paired namesakes in other boroughs. Either way m(number different) comes
    // out near 0.14, far above the ~1.5% of records with someone else's or a mistyped number:
    // this session re-estimates every field's m and takes twins partly for matches. Holding the
    // other fields' m at the first session's values would fix it (docs/linkage.md).
    Dataset<Row> located = sample.filter(col("date_of_birth").isNotNull().and(col("postcode").isNotNull()))
        .withColumn("birth_postcode", concat_ws("|", col("date_of_birth").cast("string"), col("postcode")));
    Map<Integer, Long> byPerson = masked(masked(patternCounts(pairsSharing(located, "birth_postcode")),
        Field.DATE_OF_BIRTH), Field.POSTCODE);
    Map<Integer, Long> blocked = patternCounts(blocking.within(sample));
    long sampled = sample.count();
    long randomPairs = total(random);
    long blockedPairs = total(blocked);
    if (total(byNumber) < MINIMUM_BLOCKED_PAIRS || total(byPerson) < MINIMUM_BLOCKED_PAIRS
        || randomPairs < MINIMUM_RANDOM_PAIRS || blockedPairs < MINIMUM_BLOCKED_PAIRS) {
      return defaults(total(byNumber) + " pairs sharing a number, " + total(byPerson) + " sharing a date of birth and postcode, "
          + randomPairs + " random pairs");
    }
    ExpectationMaximisation.Result demographics =
        ExpectationMaximisation.estimate(byNumber, random, FellegiSunterModel.defaults(), 200, 1e-6);
    ExpectationMaximisation.Result numbers =
        ExpectationMaximisation.estimate(byPerson, random, demographics.model(), 200, 1e-6);
    FellegiSunterModel combined = combine(demographics.model(), numbers.model());
    FellegiSunterModel model = withPrior(combined, blocked, sampled * (sampled - 1) / 2);
    int iterations = demographics.iterations() + numbers.iterations();
    boolean converged = demographics.converged() && numbers.converged();
    LOG.info(() -> "linkage model " + model.version() + " from " + blockedPairs + " blocked and " + randomPairs
        + " random pairs, " + iterations + " EM iterations" + (converged ? "" : " (not converged)"));
    store(model, night, now, blockedPairs, randomPairs, iterations, converged);
    return model;
  }

  /** m for the NHS number from the date-of-birth session, every other m from the NHS-number session. */
  private static FellegiSunterModel combine(FellegiSunterModel demographics, FellegiSunterModel numbers) {
    return assemble(demographics.lambda(), field -> field == Field.NHS_NUMBER ? numbers : demographics, demographics);
  }

  /** A model with the given prior, each field's m from the model {@code mFrom} names and u from {@code uFrom}. */
  private static FellegiSunterModel assemble(double lambda, java.util.function.Function<Field, FellegiSunterModel> mFrom,
      FellegiSunterModel uFrom) {
    Field[] fields = Field.values();
    double[][] m = new double[fields.length][];
    double[][] u = new double[fields.length][];
    for (Field field : fields) {
      int levels = field.levels().size();
      m[field.ordinal()] = new double[levels];
      u[field.ordinal()] = new double[levels];
      for (int level = 0; level < levels; level++) {
        m[field.ordinal()][level] = mFrom.apply(field).m(field, level);
        u[field.ordinal()][level] = uFrom.u(field, level);
      }
    }
    return new FellegiSunterModel(lambda, m, u);
  }

  /**
   * The prior: the probability that two records drawn at random from the region are one person.
   * EM on λ alone (m and u held) estimates how many of the blocked pairs are matches; as blocking
   * keeps nearly every true pair, that count over all {@code allPairs} pairs of the sample is the
   * prior. Taking the share among blocked pairs instead would count the blocking fields twice
   * (once in choosing the pair, once in its weight) and link namesakes with a birthday in common.
   */
  private static FellegiSunterModel withPrior(FellegiSunterModel model, Map<Integer, Long> blocked, long allPairs) {
    double neutral = Math.log(model.lambda() / (1 - model.lambda()));
    double lambda = 0.1;
    double matches = 0;
    double pairs = 0;
    for (int iteration = 0; iteration < 100; iteration++) {
      matches = 0;
      pairs = 0;
      double logOdds = Math.log(lambda / (1 - lambda));
      for (Map.Entry<Integer, Long> entry : blocked.entrySet()) {
        double evidence = model.matchWeight(Comparisons.unpack(entry.getKey())) * Math.log(2) - neutral;
        matches += entry.getValue() / (1 + Math.exp(-(logOdds + evidence)));
        pairs += entry.getValue();
      }
      double next = Math.min(1 - 1e-9, Math.max(1e-9, matches / pairs));
      boolean settled = Math.abs(next - lambda) < 1e-7;
      lambda = next;
      if (settled) {
        break;
      }
    }
    double global = Math.min(lambda, Math.max(1e-12, matches / Math.max(pairs, allPairs)));
    return assemble(global, field -> model, model);
  }

  /** Pairs of different records with the same value of {@code column}, each pair once. */
  private static Dataset<Row> pairsSharing(Dataset<Row> records, String column) {
    Dataset<Row> a = records.select(col(column).as("k"), col("identity_id").as("a_id"), LinkFunctions.struct("").as("a"));
    Dataset<Row> b = records.select(col(column).as("k"), col("identity_id").as("b_id"), LinkFunctions.struct("").as("b"));
    return a.join(b, "k").filter(col("a_id").lt(col("b_id")))
        .select(LinkFunctions.COMPARE.apply(col("a"), col("b")).as("pattern"));
  }

  /** The same counts with one field treated as missing (its pairs were chosen by it). */
  private static Map<Integer, Long> masked(Map<Integer, Long> counts, Field field) {
    Map<Integer, Long> masked = new HashMap<>();
    counts.forEach((pattern, n) -> {
      int[] levels = Comparisons.unpack(pattern);
      levels[field.ordinal()] = 0;
      masked.merge(Comparisons.pack(levels), n, Long::sum);
    });
    return masked;
  }

  private static long total(Map<Integer, Long> counts) {
    return counts.values().stream().mapToLong(Long::longValue).sum();
  }

  private static FellegiSunterModel defaults(String why) {
    LOG.info(() -> "linkage model: too little data to estimate (" + why + "); scoring with the default parameters");
    return FellegiSunterModel.defaults();
  }

  /** About {@link #RANDOM_PAIRS} pairs of records drawn at random (bucketed cross join). */
  private Dataset<Row> randomPairs(Dataset<Row> sample) {
    long n = sample.count();
    long buckets = Math.max(1, (n * n) / Math.max(1, RANDOM_PAIRS));
    Dataset<Row> left = sample.withColumn("bucket", floor(rand(SEED).multiply(lit(buckets))));
    Dataset<Row> right = sample.withColumn("bucket", floor(rand(SEED + 1).multiply(lit(buckets))));
    Dataset<Row> a = left.select(col("bucket"), col("identity_id").as("a_id"), LinkFunctions.struct("").as("a"));
    Dataset<Row> b = right.select(col("bucket"), col("identity_id").as("b_id"), LinkFunctions.struct("").as("b"));
    return a.join(b, "bucket").filter(col("a_id").notEqual(col("b_id")))
        .select(LinkFunctions.COMPARE.apply(col("a"), col("b")).as("pattern"));
  }

  private static Map<Integer, Long> patternCounts(Dataset<Row> pairs) {
    Map<Integer, Long> counts = new HashMap<>();
    for (Row row : pairs.groupBy("pattern").count().collectAsList()) {
      counts.put(row.getInt(0), row.getLong(1));
    }
    return counts;
  }

  private void store(FellegiSunterModel model, LocalDate night, Instant now, long blocked, long random, int iterations,
      boolean converged) {
    StructType schema = new StructType()
        .add("model_version", DataTypes.StringType, false)
        .add("trained_night", DataTypes.DateType, false)
        .add("trained_at", DataTypes.TimestampType, false)
        .add("parameters", DataTypes.StringType, false)
        .add("blocked_pairs", DataTypes.LongType, false)
        .add("random_pairs", DataTypes.LongType, false)
        .add("iterations", DataTypes.IntegerType, false)
        .add("converged", DataTypes.BooleanType, false);
    Row row = RowFactory.create(model.version(), night, now, model.toText(),
        blocked, random, iterations, converged);
    Dataset<Row> batch = io.spark().createDataFrame(List.of(row), schema);
    io.delta(table).as("t").merge(batch.as("s"), "t.model_version = s.model_version").whenNotMatched().insertAll().execute();
  }
}
