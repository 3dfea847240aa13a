package org.carelake.run;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Typed configuration of a CareLake run. Every key is kebab-case with a dotted hierarchy; the
 * defaults are pinned by a test. Paths may be URIs ({@code s3a://…}) for the lake and landing zone.
 *
 * @param lakeRoot where the Delta tables live ({@code lake.root})
 * @param landingRoot where the sources drop their files ({@code landing.root})
 * @param contractsDir the ODCS contracts ({@code contracts.dir})
 * @param sqlDir the SQL transforms and DDL ({@code sql.dir})
 * @param keyFile the pseudonymisation key file, else the environment variable ({@code pseudonym.key-file})
 * @param sparkMaster master when CareLake starts Spark itself ({@code spark.master}); spark-submit's wins
 * @param shufflePartitions {@code spark.shuffle-partitions}
 * @param codegen {@code spark.codegen}: {@code auto} (the default: Spark evaluates expressions
 *     interpreted on a night whose landed files are small, where compiling generated code costs
 *     far more than it saves, and compiles code on a large one), {@code on} or {@code off}
 * @param adaptive {@code spark.adaptive}: {@code auto} (the default: a small stage runs the plan
 *     Spark chose before it started, a large one re-plans between its steps with adaptive query
 *     execution, by the same measure as {@code codegen}), {@code on} or {@code off}
 * @param linkage the link stage's thresholds and blocking limit ({@code linkage.*})
 * @param quality the quality gates and measure history ({@code gates.*}, {@code quality.*})
 * @param goldIncrementalMinInputMb {@code gold.incremental-min-input-mb}: a gold table declared
 *     incremental is built incrementally only when its inputs hold at least this many megabytes on
 *     disk; below it a full build reads less and plans a far smaller query (on a 3,000-person
 *     night the incremental build of {@code monthly_activity} took 25 s, the full one 4 s). 0
 *     builds incrementally whenever it can.
 * @param goldIncrementalByPerson {@code gold.incremental-by-person}: {@code off} (the default)
 *     builds a table declared incremental by person (the measures) in full each night; {@code on}
 *     builds it incrementally as the threshold above allows. Off because it does not pay yet: on a
 *     100,000-person lake's normal night the measures took 229 s incrementally, 59 s in full.
 */
public record Settings(
    String lakeRoot,
    String landingRoot,
    Path contractsDir,
    Path sqlDir,
    Optional<Path> keyFile,
    String sparkMaster,
    int shufflePartitions,
    String codegen,
    String adaptive,
    LinkageSettings linkage,
    QualityGates quality,
    long goldIncrementalMinInputMb,
    String goldIncrementalByPerson) {

  public static final String DEFAULT_LAKE = "lake";
  public static final String DEFAULT_LANDING = "landing";
  /** Inputs smaller than this are cached by the gold stage for the night, so a full build reads memory. */
  public static final long DEFAULT_GOLD_INCREMENTAL_MIN_INPUT_MB = 64;

  public Settings {
    requireNonNull(lakeRoot, "lakeRoot is null");
    requireNonNull(landingRoot, "landingRoot is null");
    requireNonNull(contractsDir, "contractsDir is null");
    requireNonNull(sqlDir, "sqlDir is null");
    requireNonNull(keyFile, "keyFile is null");
    requireNonNull(sparkMaster, "sparkMaster is null");
    requireNonNull(linkage, "linkage is null");
    requireNonNull(quality, "quality is null");
    requireNonNull(codegen, "codegen is null");
    requireMode("spark.codegen", codegen);
    requireNonNull(adaptive, "adaptive is null");
    requireMode("spark.adaptive", adaptive);
    requireNonNull(goldIncrementalByPerson, "goldIncrementalByPerson is null");
    if (!java.util.List.of("on", "off").contains(goldIncrementalByPerson)) {
      throw new IllegalArgumentException("gold.incremental-by-person must be on or off, was '" + goldIncrementalByPerson + "'");
    }
    if (goldIncrementalMinInputMb < 0) {
      throw new IllegalArgumentException("gold.incremental-min-input-mb must be 0 or more");
    }
    if (shufflePartitions < 1) {
      throw new IllegalArgumentException("spark.shuffle-partitions must be at least 1");
    }
  }

  /** A mode setting ({@code spark.codegen}, {@code spark.adaptive}) is auto, on or off; anything else fails, naming it. */
  public static String requireMode(String setting, String value) {
    if (!java.util.List.of("auto", "on", "off").contains(value)) {
      throw new IllegalArgumentException(setting + " must be auto, on or off, was '" + value + "'");
    }
    return value;
  }

  public static Settings defaults() {
    return new Settings(
        DEFAULT_LAKE,
        DEFAULT_LANDING,
        Path.of("data-contracts"),
        Path.of("sql"),
        Optional.empty(),
        "local[2]",
        4,
        "auto",
        "auto",
        LinkageSettings.defaults(),
        QualityGates.defaults(),
        DEFAULT_GOLD_INCREMENTAL_MIN_INPUT_MB,
        "off");
  }

  public Settings withLakeRoot(String value) {
    return new Settings(value, landingRoot, contractsDir, sqlDir, keyFile, sparkMaster, shufflePartitions, codegen, adaptive, linkage, quality, goldIncrementalMinInputMb, goldIncrementalByPerson);
  }

  public Settings withLandingRoot(String value) {
    return new Settings(lakeRoot, value, contractsDir, sqlDir, keyFile, sparkMaster, shufflePartitions, codegen, adaptive, linkage, quality, goldIncrementalMinInputMb, goldIncrementalByPerson);
  }

  public Settings withContractsDir(Path value) {
    return new Settings(lakeRoot, landingRoot, value, sqlDir, keyFile, sparkMaster, shufflePartitions, codegen, adaptive, linkage, quality, goldIncrementalMinInputMb, goldIncrementalByPerson);
  }

  public Settings withSqlDir(Path value) {
    return new Settings(lakeRoot, landingRoot, contractsDir, value, keyFile, sparkMaster, shufflePartitions, codegen, adaptive, linkage, quality, goldIncrementalMinInputMb, goldIncrementalByPerson);
  }

  public Settings withKeyFile(Path value) {
    return new Settings(lakeRoot, landingRoot, contractsDir, sqlDir, Optional.of(value), sparkMaster, shufflePartitions, codegen, adaptive, linkage, quality, goldIncrementalMinInputMb, goldIncrementalByPerson);
  }

  public Settings withSparkMaster(String value) {
    return new Settings(lakeRoot, landingRoot, contractsDir, sqlDir, keyFile, value, shufflePartitions, codegen, adaptive, linkage, quality, goldIncrementalMinInputMb, goldIncrementalByPerson);
  }

  public Settings withShufflePartitions(int value) {
    return new Settings(lakeRoot, landingRoot, contractsDir, sqlDir, keyFile, sparkMaster, value, codegen, adaptive, linkage, quality, goldIncrementalMinInputMb, goldIncrementalByPerson);
  }

  public Settings withCodegen(String value) {
    return new Settings(lakeRoot, landingRoot, contractsDir, sqlDir, keyFile, sparkMaster, shufflePartitions, value, adaptive, linkage, quality, goldIncrementalMinInputMb, goldIncrementalByPerson);
  }

  public Settings withAdaptive(String value) {
    return new Settings(lakeRoot, landingRoot, contractsDir, sqlDir, keyFile, sparkMaster, shufflePartitions, codegen, value, linkage, quality, goldIncrementalMinInputMb, goldIncrementalByPerson);
  }

  public Settings withLinkage(LinkageSettings value) {
    return new Settings(lakeRoot, landingRoot, contractsDir, sqlDir, keyFile, sparkMaster, shufflePartitions, codegen, adaptive, value, quality, goldIncrementalMinInputMb, goldIncrementalByPerson);
  }

  public Settings withGoldIncrementalByPerson(String value) {
    return new Settings(lakeRoot, landingRoot, contractsDir, sqlDir, keyFile, sparkMaster, shufflePartitions, codegen, adaptive, linkage, quality,
        goldIncrementalMinInputMb, value);
  }

  public Settings withGoldIncrementalMinInputMb(long value) {
    return new Settings(lakeRoot, landingRoot, contractsDir, sqlDir, keyFile, sparkMaster, shufflePartitions, codegen, adaptive, linkage, quality, value, goldIncrementalByPerson);
  }

  public Settings withQuality(QualityGates value) {
    return new Settings(lakeRoot, landingRoot, contractsDir, sqlDir, keyFile, sparkMaster, shufflePartitions, codegen, adaptive, linkage, value, goldIncrementalMinInputMb,
        goldIncrementalByPerson);
  }

  /**
   * These settings with one tunable setting changed by its key, as {@code --set key=value} gives it:
   * {@code spark.codegen}, {@code spark.adaptive}, {@code gold.incremental-min-input-mb}, {@code gold.incremental-by-person}, {@code linkage.*}, {@code gates.*} and {@code quality.*}. An unknown key fails, naming the known ones.
   */
  public Settings with(String key, String value) {
    String name = key.strip();
    if (name.startsWith("gates.") || name.startsWith("quality.")) {
      return withQuality(quality.with(name, value));
    }
    try {
      return switch (name) {
        case "spark.codegen" -> withCodegen(value.strip());
        case "spark.adaptive" -> withAdaptive(value.strip());
        case "gold.incremental-min-input-mb" -> withGoldIncrementalMinInputMb(Long.parseLong(value.strip()));
        case "gold.incremental-by-person" -> withGoldIncrementalByPerson(value.strip());
        case "linkage.link-threshold" -> withLinkage(new LinkageSettings(Double.parseDouble(value), linkage.reviewThreshold(),
            linkage.maxBlock(), linkage.broadcastUpTo()));
        case "linkage.review-threshold" -> withLinkage(new LinkageSettings(linkage.linkThreshold(), Double.parseDouble(value),
            linkage.maxBlock(), linkage.broadcastUpTo()));
        case "linkage.max-block" -> withLinkage(new LinkageSettings(linkage.linkThreshold(), linkage.reviewThreshold(),
            Integer.parseInt(value.strip()), linkage.broadcastUpTo()));
        case "linkage.broadcast-up-to" -> withLinkage(new LinkageSettings(linkage.linkThreshold(), linkage.reviewThreshold(),
            linkage.maxBlock(), Long.parseLong(value.strip())));
        default -> throw new IllegalArgumentException("unknown setting " + name + " for --set (use spark.codegen, spark.adaptive, gold.incremental-min-input-mb, gold.incremental-by-person, linkage.link-threshold, "
            + "linkage.review-threshold, linkage.max-block, linkage.broadcast-up-to, " + String.join(", ", quality.describe().keySet()) + ")");
      };
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " takes a number, was '" + value + "'");
    }
  }

  /** Every setting by its key, for the run report; the key itself is never included. */
  public Map<String, String> describe() {
    Map<String, String> described = new LinkedHashMap<>();
    described.put("lake.root", lakeRoot);
    described.put("landing.root", landingRoot);
    described.put("contracts.dir", contractsDir.toString());
    described.put("sql.dir", sqlDir.toString());
    described.put("pseudonym.key-file", keyFile.map(Path::toString).orElse("(environment)"));
    described.put("spark.master", sparkMaster);
    described.put("spark.shuffle-partitions", Integer.toString(shufflePartitions));
    described.put("spark.codegen", codegen);
    described.put("spark.adaptive", adaptive);
    described.put("linkage.link-threshold", Double.toString(linkage.linkThreshold()));
    described.put("linkage.review-threshold", Double.toString(linkage.reviewThreshold()));
    described.put("linkage.max-block", Integer.toString(linkage.maxBlock()));
    described.put("linkage.broadcast-up-to", Long.toString(linkage.broadcastUpTo()));
    described.put("gold.incremental-min-input-mb", Long.toString(goldIncrementalMinInputMb));
    described.put("gold.incremental-by-person", goldIncrementalByPerson);
    described.putAll(quality.describe());
    return described;
  }
}
