package org.carelake.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.carelake.lake.Lake;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the link stage tells {@code spark.adaptive=auto} it joins the night against: the master person index, nothing else. */
class LinkStepTest {
  @Test
  void theVaultAndThePersonLinksAreCountedAndNoOtherTables(@TempDir Path root) throws Exception {
    Lake lake = new Lake(root.toString());
    assertThat(LinkStep.indexBytes(lake, new Configuration())).isZero();

    write(root.resolve("restricted/identity/part-0.parquet"), 1200);
    write(root.resolve("restricted/identity/_delta_log/00000000000000000000.json"), 300);
    write(root.resolve("restricted/person_link/part-0.parquet"), 500);
    write(root.resolve("restricted/identity_sighting/part-0.parquet"), 7000);
    write(root.resolve("restricted/raw_gp_emis_patients/part-0.parquet"), 9000);
    write(root.resolve("silver/person/part-0.parquet"), 4000);

    assertThat(LinkStep.indexBytes(lake, new Configuration())).isEqualTo(2000);
  }

  private static void write(Path file, int bytes) throws Exception {
    Files.createDirectories(file.getParent());
    Files.write(file, new byte[bytes]);
  }
}
