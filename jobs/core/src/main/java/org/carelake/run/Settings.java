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
 * @param linkage the link stage's thresholds and blocking limit ({@code linkage.*})
 * @param quality the quality gates and measure history ({@code gates.*}, {@code quality.*})
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
    LinkageSettings linkage,
    QualityGates quality) {

  public static final String DEFAULT_LAKE = "lake";
  public static final String DEFAULT_LANDING = "landing";

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
    if (!java.util.List.of("auto", "on", "off").contains(codegen)) {
      throw new IllegalArgumentException("spark.codegen must be auto, on or off, was '" + codegen + "'");
    }
    if (shufflePartitions < 1) {
      throw new IllegalArgumentException("spark.shuffle-partitions must be at least 1");
    }
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
        LinkageSettings.defaults(),
        QualityGates.defaults());
  }

  public Settings withLakeRoot(String value) {
    return new Settings(value, landingRoot, contractsDir, sqlDir, keyFile, sparkMaster, shufflePartitions, codegen, linkage, quality);
  }

  public Settings withLandingRoot(String value) {
    return new Settings(lakeRoot, value, contractsDir, sqlDir, keyFile, sparkMaster, shufflePartitions, codegen, linkage, quality);
  }

  public Settings withContractsDir(Path value) {
    return new Settings(lakeRoot, landingRoot, value, sqlDir, keyFile, sparkMaster, shufflePartitions, codegen, linkage, quality);
  }

  public Settings withSqlDir(Path value) {
    return new Settings(lakeRoot, landingRoot, contractsDir, value, keyFile, sparkMaster, shufflePartitions, codegen, linkage, quality);
  }

  public Settings withKeyFile(Path value) {
    return new Settings(lakeRoot, landingRoot, contractsDir, sqlDir, Optional.of(value), sparkMaster, shufflePartitions, codegen, linkage, quality);
  }

  public Settings withSparkMaster(String value) {
    return new Settings(lakeRoot, landingRoot, contractsDir, sqlDir, keyFile, value, shufflePartitions, codegen, linkage, quality);
  }

  public Settings withShufflePartitions(int value) {
    return new Settings(lakeRoot, landingRoot, contractsDir, sqlDir, keyFile, sparkMaster, value, codegen, linkage, quality);
  }

  public Settings withCodegen(String value) {
    return new Settings(lakeRoot, landingRoot, contractsDir, sqlDir, keyFile, sparkMaster, shufflePartitions, value, linkage, quality);
  }

  public Settings withLinkage(LinkageSettings value) {
    return new Settings(lakeRoot, landingRoot, contractsDir, sqlDir, keyFile, sparkMaster, shufflePartitions, codegen, value, quality);
  }

  public Settings withQuality(QualityGates value) {
    return new Settings(lakeRoot, landingRoot, contractsDir, sqlDir, keyFile, sparkMaster, shufflePartitions, codegen, linkage, value);
  }

  /**
   * These settings with one tunable setting changed by its key, as {@code --set key=value} gives it:
   * {@code spark.codegen}, {@code linkage.*}, {@code gates.*} and {@code quality.*}. An unknown key fails, naming the known ones.
   */
  public Settings with(String key, String value) {
    String name = key.strip();
    if (name.startsWith("gates.") || name.startsWith("quality.")) {
      return withQuality(quality.with(name, value));
    }
    try {
      return switch (name) {
        case "spark.codegen" -> withCodegen(value.strip());
        case "linkage.link-threshold" -> withLinkage(new LinkageSettings(Double.parseDouble(value), linkage.reviewThreshold(),
            linkage.maxBlock()));
        case "linkage.review-threshold" -> withLinkage(new LinkageSettings(linkage.linkThreshold(), Double.parseDouble(value),
            linkage.maxBlock()));
        case "linkage.max-block" -> withLinkage(new LinkageSettings(linkage.linkThreshold(), linkage.reviewThreshold(),
            Integer.parseInt(value.strip())));
        default -> throw new IllegalArgumentException("unknown setting " + name + " for --set (use spark.codegen, linkage.link-threshold, "
            + "linkage.review-threshold, linkage.max-block, " + String.join(", ", quality.describe().keySet()) + ")");
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
    described.put("linkage.link-threshold", Double.toString(linkage.linkThreshold()));
    described.put("linkage.review-threshold", Double.toString(linkage.reviewThreshold()));
    described.put("linkage.max-block", Integer.toString(linkage.maxBlock()));
    described.putAll(quality.describe());
    return described;
  }
}
