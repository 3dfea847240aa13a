package org.carelake.gold;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.carelake.lake.Lake;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the gold stage tells {@code spark.codegen=auto} it reads: the silver zone on disk, and nothing else. */
class GoldStepTest {
  @Test
  void theSilverZonesFilesAreCountedAndNoOtherZones(@TempDir Path root) throws Exception {
    Lake lake = new Lake(root.toString());
    assertThat(GoldStep.silverBytes(lake, new Configuration())).isZero();

    Files.createDirectories(root.resolve("silver/gp_event/activity_month=2026-11-01"));
    Files.write(root.resolve("silver/gp_event/activity_month=2026-11-01/part-0.parquet"), new byte[1500]);
    Files.createDirectories(root.resolve("silver/person"));
    Files.write(root.resolve("silver/person/part-0.parquet"), new byte[500]);
    Files.createDirectories(root.resolve("restricted/raw_gp"));
    Files.write(root.resolve("restricted/raw_gp/part-0.parquet"), new byte[9000]);

    assertThat(GoldStep.silverBytes(lake, new Configuration())).isEqualTo(2000);
  }
}
