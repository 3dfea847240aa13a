package org.carelake.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.carelake.run.Settings;
import picocli.CommandLine.Option;

/**
 * Options every lake command shares. Defaults come from the environment ({@code CARELAKE_LAKE},
 * {@code CARELAKE_LANDING}, {@code CARELAKE_HOME} for the project's contracts and SQL), then from
 * {@link Settings#defaults()}.
 */
public final class LakeOptions {
  @Option(names = "--lake", paramLabel = "DIR|URI", description = "Lake root (env CARELAKE_LAKE; default ./lake).")
  String lake;

  @Option(names = "--landing", paramLabel = "DIR|URI", description = "Landing zone root (env CARELAKE_LANDING; default ./landing).")
  String landing;

  @Option(names = "--key-file", paramLabel = "FILE", description = "Pseudonymisation key file (hex); else env CARELAKE_PSEUDONYM_KEY.")
  Path keyFile;

  @Option(names = "--contracts", paramLabel = "DIR", description = "Data contracts folder (default data-contracts).")
  Path contracts;

  @Option(names = "--sql", paramLabel = "DIR", description = "SQL folder (default sql).")
  Path sql;

  @Option(names = "--master", paramLabel = "URL", description = "Spark master when run in-process (default local[2]); spark-submit's wins.")
  String master;

  @Option(names = "--shuffle-partitions", paramLabel = "N", description = "spark.sql.shuffle.partitions (default 4).")
  Integer shufflePartitions;

  @Option(names = "--set", paramLabel = "KEY=VALUE",
      description = "Change a tunable setting for this run, e.g. --set gates.max-quarantine-share=0.5 or"
          + " --set linkage.link-threshold=0.995 (repeatable; keys in docs/data-quality.md and docs/linkage.md).")
  java.util.List<String> overrides = new java.util.ArrayList<>();

  public Settings settings() {
    return settings(System.getenv());
  }

  Settings settings(Map<String, String> environment) {
    Settings settings = Settings.defaults();
    Optional<Path> home = Optional.ofNullable(environment.get("CARELAKE_HOME")).filter(h -> !h.isBlank()).map(Path::of);
    settings = settings.withLakeRoot(first(lake, environment.get("CARELAKE_LAKE"), settings.lakeRoot()));
    settings = settings.withLandingRoot(first(landing, environment.get("CARELAKE_LANDING"), settings.landingRoot()));
    settings = settings.withContractsDir(contracts != null ? contracts : home.map(h -> h.resolve("data-contracts")).orElse(settings.contractsDir()));
    settings = settings.withSqlDir(sql != null ? sql : home.map(h -> h.resolve("sql")).orElse(settings.sqlDir()));
    if (keyFile != null) {
      settings = settings.withKeyFile(keyFile);
    }
    if (master != null) {
      settings = settings.withSparkMaster(master);
    }
    if (shufflePartitions != null) {
      settings = settings.withShufflePartitions(shufflePartitions);
    }
    for (String override : overrides) {
      int equals = override.indexOf('=');
      if (equals <= 0) {
        throw org.carelake.error.CareLakeErrors.configuration("--set takes KEY=VALUE, got '" + override + "'");
      }
      try {
        settings = settings.with(override.substring(0, equals), override.substring(equals + 1));
      } catch (IllegalArgumentException e) {
        throw org.carelake.error.CareLakeErrors.configuration("--set " + override + ": " + e.getMessage());
      }
    }
    return settings;
  }

  private static String first(String option, String environment, String fallback) {
    if (option != null) {
      return option;
    }
    return environment != null && !environment.isBlank() ? environment : fallback;
  }
}
