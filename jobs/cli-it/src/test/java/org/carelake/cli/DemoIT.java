package org.carelake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's demo, end to end at small scale through the real command: synthetic extracts for
 * the ten boroughs, the whole night, and the summary a newcomer reads.
 */
class DemoIT {
  @Test
  void theDemoRunsANightAndPrintsItsSummary(@TempDir Path dir) throws Exception {
    Path demo = dir.resolve("demo");
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    int exit;
    try (PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
      System.setOut(out);
      exit = CareLakeCli.execute("demo", "--persons", "150", "--history-years", "1", "--nights", "1", "--dir", demo.toString(),
          "--contracts", "../../data-contracts", "--sql", "../../sql", "--shuffle-partitions", "2");
    } finally {
      System.setOut(original);
    }
    String summary = captured.toString(StandardCharsets.UTF_8);
    assertThat(exit).as(summary).isZero();
    assertThat(summary)
        .contains("Ingest (per feed, all boroughs)", "read = loaded + quarantined", "Needing attention", "Silver (pseudonymised)",
            "Tables written", "gold.monthly_activity", "gold.cohort_t2dm", "check", "passed", "Night 2026-11-23 completed",
            "Linkage (master person index)", "by nhs-number", "1 year of history, 1 night")
        .contains("REJECTED")
        .doesNotContain("DOES NOT RECONCILE", "FAILED");
    assertThat(dir.resolve("demo.key")).exists();
    assertThat(demo.resolve("lake/gold/monthly_activity/_delta_log")).isDirectory();
    String key = Files.readString(dir.resolve("demo.key")).strip();
    assertThat(summary).doesNotContain(key);
    try (var files = Files.walk(demo.resolve("lake"))) {
      assertThat(files.filter(Files::isRegularFile).noneMatch(f -> f.getFileName().toString().contains("key"))).isTrue();
    }

    // "What happened to this record?" on the demo lake, as a data engineer types it; audited.
    String trace = run("trace", "--file", "E08000003/gp_emis_patients.csv", "--row", "1", "--lake", demo.resolve("lake").toString(),
        "--key-file", dir.resolve("demo.key").toString(), "--contracts", "../../data-contracts", "--sql", "../../sql");
    assertThat(trace).contains("Record E08000003/gp_emis_patients.csv row 1", "file", "person", "silver");
    String review = run("review", "list", "--lake", demo.resolve("lake").toString(), "--sql", "../../sql");
    assertThat(review).isNotBlank();
    org.carelake.lake.DeltaIo io = new org.carelake.lake.DeltaIo(org.apache.spark.sql.SparkSession.active());
    var audit = io.read(new org.carelake.lake.Lake(demo.resolve("lake").toString()).table(org.carelake.lake.Zone.OPS, "audit"));
    assertThat(audit.filter("action = 'trace' AND outcome = 'ALLOWED' AND identifiers_shown = false").count()).isEqualTo(1);
    assertThat(audit.filter("action = 'review list'").count()).isEqualTo(1);

    // The published planning table is reproducible from what its build recorded; audited.
    String rebuilt = run("rebuild", "gold.monthly_activity", "--lake", demo.resolve("lake").toString(),
        "--key-file", dir.resolve("demo.key").toString(), "--contracts", "../../data-contracts", "--sql", "../../sql");
    assertThat(rebuilt).contains("gold.monthly_activity version", "definition: unchanged", "rebuilt identical");
    var audited = io.read(new org.carelake.lake.Lake(demo.resolve("lake").toString()).table(org.carelake.lake.Zone.OPS, "audit"));
    assertThat(audited.filter("action = 'rebuild' AND outcome = 'ALLOWED'").count()).isEqualTo(1);
  }

  private static String run(String... args) {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
      System.setOut(out);
      int exit = CareLakeCli.execute(args);
      assertThat(exit).as(captured.toString(StandardCharsets.UTF_8)).isZero();
    } finally {
      System.setOut(original);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }

  @Test
  void aNightWithoutAKeyStopsWithAClearError(@TempDir Path dir) throws Exception {
    Files.createDirectories(dir.resolve("landing/2026-11-24/E08000001"));
    PrintStream original = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    int exit;
    try (PrintStream err = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
      System.setErr(err);
      exit = CareLakeCli.execute("nightly", "--date", "2026-11-24", "--lake", dir.resolve("lake").toString(),
          "--landing", dir.resolve("landing").toString(), "--key-file", dir.resolve("missing.key").toString());
    } finally {
      System.setErr(original);
    }
    assertThat(exit).isEqualTo(1);
    assertThat(captured.toString(StandardCharsets.UTF_8)).contains("pseudonymisation key file not found");
    assertThat(dir.resolve("lake")).doesNotExist();
  }
}
