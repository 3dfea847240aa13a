package org.carelake.lake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.carelake.testing.TestSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A table whose creation was killed before its first commit is created by the next run. */
class TableDefinitionsIT {
  @Test
  void anEmptyLogLeftByAKilledCreationIsReplaced(@TempDir Path dir) throws Exception {
    SparkSession spark = TestSpark.session();
    Lake lake = new Lake(dir.toString());
    TableRef keys = lake.table(Zone.OPS, "pseudonym_key");
    Path log = Files.createDirectories(Path.of(keys.path(), "_delta_log"));
    Files.createDirectories(log.resolve("_staged_commits"));
    // Left by an earlier, killed process: older than this JVM.
    Files.setLastModifiedTime(log, java.nio.file.attribute.FileTime.fromMillis(0));
    DeltaIo io = new DeltaIo(spark);
    assertThat(io.exists(keys)).isFalse();

    new TableDefinitions(Path.of("../../sql"), Zone.OPS).create(spark, keys);

    assertThat(io.exists(keys)).isTrue();
    assertThat(io.read(keys).count()).isZero();
  }
}
