package org.carelake.cli;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.carelake.contract.Contract;
import org.carelake.contract.ContractLoader;
import org.carelake.digest.Sha256;
import org.carelake.lake.DeltaIo;
import org.carelake.lake.Lake;
import org.carelake.link.IdentityColumns;
import org.carelake.link.LinkResult;
import org.carelake.linkage.BlockingRule;
import org.carelake.linkage.IdentityRecord;
import org.carelake.nightly.NightlyResult;
import org.carelake.nightly.NightlyRun;
import org.carelake.nightly.Progress;
import org.carelake.nightly.Stage;
import org.carelake.nightly.Stages;
import org.carelake.pseudonym.PseudonymKey;
import org.carelake.run.Settings;
import org.carelake.synthetic.DefectRates;
import org.carelake.synthetic.ExtractKind;
import org.carelake.synthetic.GeneratorSettings;
import org.carelake.synthetic.SyntheticLanding;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Linkage accuracy and speed against the generator's ground truth: generates an initial extract at
 * the default error rates, runs ingest and link, exports every record that carries demographics
 * with its true person and its CareLake person, and hands the file to the Python half
 * ({@code jobs/cli/src/main/python/linkage}), which scores CareLake pairwise and runs Splink on the
 * same records. A benchmark, not a test: it prints figures.
 */
@Command(name = "benchmark-linkage", mixinStandardHelpOptions = true,
    description = {"Linkage accuracy (pairwise precision, recall, F1 against ground truth) and time, beside Splink's.",
        "Writes synthetic identifiers to the work folder (--dir): synthetic data only, deleted first."})
final class LinkageBenchmarkCommand implements Callable<Integer> {
  @Mixin LakeOptions lake;

  @Option(names = "--persons", defaultValue = "100000", description = "Synthetic people (default ${DEFAULT-VALUE}).")
  long persons;

  @Option(names = "--dir", defaultValue = "target/benchmark-linkage", description = "Work folder (deleted first; default ${DEFAULT-VALUE}).")
  Path dir;

  @Option(names = "--night", defaultValue = "2026-11-23") LocalDate night;

  @Option(names = "--seed", defaultValue = "7") long seed;

  @Option(names = "--skip-splink", description = "Score CareLake only.")
  boolean skipSplink;

  @Override
  public Integer call() throws Exception {
    Path work = dir.toAbsolutePath().normalize();
    DemoCommand.deleteRecursively(work);
    Settings settings = lake.settings().withLakeRoot(work.resolve("lake").toString()).withLandingRoot(work.resolve("landing").toString());
    PseudonymKey key = PseudonymKey.fromHex(java.util.HexFormat.of().formatHex(new java.security.SecureRandom().generateSeed(32)));
    new SyntheticLanding(new GeneratorSettings(night, persons, seed, DefectRates.defaults(), ExtractKind.INITIAL))
        .generate(work.resolve("landing"), work.resolve("ground-truth"));
    DeltaIo io = Lakehouse.open(settings);
    List<Duration> linkTime = new ArrayList<>();
    NightlyResult result = new NightlyRun(io, settings, Optional.of(key), night, Stages.select(List.of("ingest", "link")),
        Optional.empty(), Optional.empty(), new Progress() {
          @Override public void stageStarted(Stage stage, int index, int of) {
            System.out.println("  running " + stage.id() + " ...");
          }

          @Override public void stageFinished(Stage stage, String summary, Duration duration) {
            if (stage.id().equals("link")) {
              linkTime.add(duration);
            }
            System.out.println("  " + stage.id() + ": " + summary);
          }
        }, Clock.systemUTC()).run();
    if (result.outcome() == NightlyResult.Outcome.FAILED) {
      System.err.println("carelake: benchmark night failed: " + result.message());
      return 1;
    }
    LinkResult link = result.result(LinkResult.class).orElseThrow();
    Path records = export(io, settings, work);
    double seconds = linkTime.get(0).toMillis() / 1000.0;
    System.out.printf(Locale.ROOT, "%nCareLake linkage: %,d people, %,d identity records, link stage %.1f s (%,.0f records/s),"
        + " peak heap %,d MB%n", persons, link.identitiesSeen(), seconds, link.identitiesSeen() / Math.max(seconds, 0.001),
        peakHeapMegabytes());
    Path script = Path.of(System.getenv().getOrDefault("CARELAKE_HOME", ".")).resolve("jobs/cli/src/main/python/linkage/run.sh");
    List<String> command = new ArrayList<>(List.of("bash", script.toString(), "--records", records.toString(),
        "--out", work.resolve("linkage-results.json").toString(), "--carelake-seconds", String.format(Locale.ROOT, "%.1f", seconds)));
    if (skipSplink) {
      command.add("--skip-splink");
    }
    return new ProcessBuilder(command).inheritIO().start().waitFor();
  }

  /** Every loaded record carrying demographics, with its true and its CareLake person. */
  private static Path export(DeltaIo io, Settings settings, Path work) {
    Lake lakeRoot = new Lake(settings.lakeRoot());
    Dataset<Row> truth = io.spark().read().option("header", "true").csv(work.resolve("ground-truth").toString() + "/*/ground_truth.csv")
        .select(col("file").as("t_file"), col("row_number").cast("long").as("t_row"), col("person_id").as("true_person"),
            col("defect").as("t_defect"), col("identity_error").as("t_error"));
    Dataset<Row> links = io.read(lakeRoot.restricted("person_link")).select(col("identity_id").as("l_id"), col("person_id"),
        col("method").as("link_method"), col("match_probability").as("link_probability"));
    // For the error analysis: each identity record's blocking keys (hashed: the keys hold identifier
    // values) and whether it waits in clerical review, and against which person.
    Dataset<Row> vault = io.read(lakeRoot.restricted("identity"))
        .select(col("identity_id").as("v_id"), col("nhs_usable"),
            BLOCK_KEYS.apply(functions.struct(col("nhs_number"), col("given_name"), col("family_name"), col("date_of_birth"),
                col("sex"), col("postcode"), col("address"))).as("block_keys"));
    Dataset<Row> review = io.read(lakeRoot.restricted("clerical_review")).filter(col("status").equalTo("PENDING"))
        .groupBy(col("identity_id").as("r_id"))
        .agg(concat_ws(" ", functions.collect_set(col("candidate_person_id"))).as("review_candidates"));
    Dataset<Row> all = null;
    for (Contract contract : ContractLoader.loadAll(settings.contractsDir())) {
      Optional<IdentityColumns> identity = IdentityColumns.of(contract);
      if (identity.isEmpty() || !identity.get().hasDemographics() || !io.exists(lakeRoot.raw(contract.id()))) {
        continue;
      }
      Dataset<Row> raw = identity.get().withIdentityId(io.read(lakeRoot.raw(contract.id())));
      List<String> columns = List.of(raw.columns());
      Dataset<Row> rows = raw.select(
          concat_ws(":", lit(contract.id()), col("_borough"), col("_source_row"), col("_source_sha256")).as("record_id"),
          concat(col("_borough"), lit("/"), col("_source_file")).as("file"), col("_source_row").as("row"),
          col("_identity_id"), text(columns, "nhs_number"), text(columns, "given_name"), text(columns, "family_name"),
          text(columns, "date_of_birth"), text(columns, "sex"), text(columns, "postcode"), text(columns, "address_line").as("address"));
      all = all == null ? rows : all.unionByName(rows);
    }
    Dataset<Row> joined = all.join(truth, col("file").equalTo(col("t_file")).and(col("row").equalTo(col("t_row"))))
        .join(links, col("_identity_id").equalTo(col("l_id")), "left")
        .join(vault, col("_identity_id").equalTo(col("v_id")), "left")
        .join(review, col("_identity_id").equalTo(col("r_id")), "left");
    // A record's NHS number is "valid and agreeing" when the generator wrote the person's own number
    // there: not missing, not failing Modulus 11, not transposed, not someone else's (ground truth).
    Column ownNumber = col("nhs_number").isNotNull()
        .and(functions.coalesce(col("t_defect"), lit("")).isin("missing_nhs_number", "invalid_nhs_number").unary_$bang())
        .and(functions.coalesce(col("t_error"), lit("")).isin("nhs_number_transposed", "nhs_number_of_another_person").unary_$bang());
    Dataset<Row> out = joined
        .select(col("record_id"), col("true_person"), col("person_id").as("carelake_person"),
            when(ownNumber, lit("nhs")).otherwise(lit("other")).as("nhs_group"),
            col("nhs_number"), col("given_name"), col("family_name"), col("date_of_birth"), col("sex"), col("postcode"), col("address"),
            // Analysis only (linkage_errors.py); Splink never sees these.
            col("_identity_id").as("identity_id"), col("t_error").as("identity_error"), col("t_defect").as("defect"),
            col("nhs_usable"), col("link_method"), col("link_probability"), col("review_candidates"), col("block_keys"));
    Path folder = work.resolve("records");
    out.coalesce(1).write().option("header", "true").mode("overwrite").csv(folder.toString());
    try (Stream<Path> files = Files.list(folder)) {
      Path part = files.filter(f -> f.getFileName().toString().startsWith("part-")).findFirst().orElseThrow();
      Path target = work.resolve("records.csv");
      Files.move(part, target);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A record's blocking keys ({@link BlockingRule#keys}), each as its rule and 12 hex digits of its SHA-256, space-separated. */
  private static final UserDefinedFunction BLOCK_KEYS = functions.udf((UDF1<Row, String>) row -> {
    if (row == null) {
      return null;
    }
    Object dob = row.get(3);
    LocalDate date = dob == null ? null : dob instanceof LocalDate local ? local : ((java.sql.Date) dob).toLocalDate();
    IdentityRecord record = new IdentityRecord(row.getString(0), row.getString(1), row.getString(2), date, row.getString(4),
        row.getString(5), row.getString(6));
    StringBuilder keys = new StringBuilder();
    for (String key : BlockingRule.keys(record)) {
      int bar = key.indexOf('|');
      keys.append(keys.length() == 0 ? "" : " ").append(key, 0, bar).append(':').append(sha256Prefix(key));
    }
    return keys.toString();
  }, DataTypes.StringType);

  private static String sha256Prefix(String text) {
    return Sha256.hex(text).substring(0, 12);
  }

  private static org.apache.spark.sql.Column text(List<String> columns, String name) {
    return (columns.contains(name) ? col(name).cast("string") : lit(null).cast("string")).as(name);
  }

  private static long peakHeapMegabytes() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak / (1024 * 1024);
  }
}
