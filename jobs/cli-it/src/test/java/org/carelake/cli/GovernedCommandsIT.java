package org.carelake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.carelake.lake.DeltaIo;
import org.carelake.lake.Lake;
import org.carelake.lake.Zone;
import org.carelake.run.Settings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The data engineer's commands go through the access policy: a purpose the policy does not approve
 * is refused before anything is read, the command fails, and the refusal is audited.
 */
class GovernedCommandsIT {
  @TempDir Path work;

  @Test
  void aTraceOrReviewForAnUnapprovedPurposeIsRefusedAndAudited() {
    String lake = work.resolve("lake").toString();
    assertThat(CareLakeCli.execute("trace", "--person", "0123456789abcdef", "--purpose", "curiosity", "--lake", lake,
        "--sql", "../../sql", "--contracts", "../../data-contracts")).isEqualTo(1);
    assertThat(CareLakeCli.execute("review", "list", "--purpose", "curiosity", "--lake", lake, "--sql", "../../sql")).isEqualTo(1);

    DeltaIo io = new DeltaIo(SparkSession.active());
    Dataset<Row> audit = io.read(new Lake(lake).table(Zone.OPS, "audit"));
    assertThat(audit.filter("outcome = 'REFUSED' AND role = 'data-engineer' AND purpose = 'curiosity' AND rows_returned = 0").count())
        .isEqualTo(2);
    assertThat(audit.filter("action = 'trace' AND target LIKE '%restricted.*%'").count()).isEqualTo(1);
    assertThat(audit.filter("action = 'review list' AND target LIKE '%restricted.clerical_review%'").count()).isEqualTo(1);
  }

  /**
   * A command that rewrites the lake (retention here; erase, rekey and maintain take the same
   * lock) is refused at once while a night holds any part of the lake, writing nothing, and runs
   * once the night has let go.
   */
  @Test
  void aLakeWideCommandIsRefusedWhileANightHoldsTheLake() {
    String lake = work.resolve("busy-lake").toString();
    DeltaIo io = new DeltaIo(org.carelake.testing.TestSpark.session());
    String[] retention = {"retention", "--lake", lake, "--sql", "../../sql", "--contracts", "../../data-contracts"};
    try (org.carelake.lake.RunLock night = org.carelake.lake.RunLock.wholeLake(io, lake, "night-2026-11-24-test", "nightly")) {
      assertThat(CareLakeCli.execute(retention)).isNotZero();
      assertThat(io.exists(new Lake(lake).runs())).as("the refused command wrote nothing").isFalse();
    }
    assertThat(CareLakeCli.execute(retention)).isZero();
    assertThat(io.read(new Lake(lake).runs()).filter("stages = 'retention' AND outcome = 'SUCCEEDED'").count()).isEqualTo(1);
  }

  @Test
  void thePolicyIsFoundBesideTheSqlFolderUnlessNamed() {
    Settings settings = Settings.defaults().withSqlDir(Path.of("../../sql"));
    Path found = DataEngineerAccess.policyFile(settings, Map.of());
    assertThat(found).endsWith(Path.of("governance", "access-policy.yaml"));
    assertThat(Files.exists(found)).isTrue();
    assertThat(DataEngineerAccess.policyFile(settings, Map.of("CARELAKE_POLICY", "/etc/carelake/policy.yaml")))
        .isEqualTo(Path.of("/etc/carelake/policy.yaml"));
  }
}
