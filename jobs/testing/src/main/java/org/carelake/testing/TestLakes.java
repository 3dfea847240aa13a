package org.carelake.testing;

import java.nio.file.Path;
import org.carelake.run.Settings;

/**
 * Settings for a lake a test builds in its own temporary folder: the lake and the landing zone
 * inside that folder, the project's own contracts and SQL (tests run from a module folder, two
 * levels below the project), and two shuffle partitions as {@link TestSpark}'s session has.
 */
public final class TestLakes {
  public static final Path CONTRACTS = Path.of("../../data-contracts");
  public static final Path SQL = Path.of("../../sql");

  private TestLakes() {}

  public static Settings settings(Path work) {
    return Settings.defaults()
        .withLakeRoot(work.resolve("lake").toString())
        .withLandingRoot(work.resolve("landing").toString())
        .withContractsDir(CONTRACTS)
        .withSqlDir(SQL)
        .withShufflePartitions(2);
  }
}
