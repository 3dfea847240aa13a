package org.carelake.cli;

import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.carelake.lake.DeltaIo;
import org.carelake.lake.RunLock;
import org.carelake.pseudonym.PseudonymKey;
import org.carelake.run.Settings;
import org.carelake.spark.SparkSessions;

/** Opens the Spark session and resolves the key for a command. */
final class Lakehouse {
  private Lakehouse() {}

  static DeltaIo open(Settings settings) {
    SparkSession spark = SparkSessions.getOrCreate(settings.sparkMaster(), settings.shufflePartitions());
    return new DeltaIo(spark);
  }

  /**
   * The whole lake's run lock for a command that rewrites tables across zones (erase, rekey,
   * retention, maintain): refused at once, with the holder named, while a night or another such
   * command holds any part of the lake; a night started meanwhile is refused in turn.
   */
  static RunLock lockWholeLake(DeltaIo io, Settings settings, String runId, String command) {
    return RunLock.wholeLake(io, settings.lakeRoot(), runId, command);
  }

  static PseudonymKey key(Settings settings) {
    return PseudonymKey.resolve(settings.keyFile(), System.getenv());
  }

  static Optional<PseudonymKey> optionalKey(Settings settings) {
    if (settings.keyFile().isEmpty() && System.getenv(PseudonymKey.ENVIRONMENT_VARIABLE) == null) {
      return Optional.empty();
    }
    return Optional.of(key(settings));
  }

  /**
   * The feeds sent whole every night (the opt-out lists), by their contracts; empty when the
   * contracts cannot be read (the run has already said why).
   */
  static java.util.Set<String> fullRefreshFeeds(Settings settings) {
    try {
      return org.carelake.contract.ContractLoader.loadAll(settings.contractsDir()).stream()
          .filter(contract -> contract.optOut().isPresent()).map(org.carelake.contract.Contract::id)
          .collect(java.util.stream.Collectors.toSet());
    } catch (RuntimeException e) {
      return java.util.Set.of();
    }
  }
}
