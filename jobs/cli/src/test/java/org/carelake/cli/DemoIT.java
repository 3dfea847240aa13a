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
      exit = CareLakeCli.execute("demo", "--persons", "300", "--nights", "1", "--dir", demo.toString(),
          "--contracts", "../../data-contracts", "--sql", "../../sql", "--shuffle-partitions", "2");
    } finally {
      System.setOut(original);
    }
    String summary = captured.toString(StandardCharsets.UTF_8);
    assertThat(exit).as(summary).isZero();
    assertThat(summary)
        .contains("Ingest (per borough and feed)", "read = loaded + quarantined", "Silver (pseudonymised)", "Tables written",
            "gold.monthly_activity", "gold.cohort_t2dm", "check", "passed", "Night 2026-11-23 completed")
        .contains("REJECTED", "file.truncated")
        .doesNotContain("DOES NOT RECONCILE", "FAILED");
    assertThat(dir.resolve("demo.key")).exists();
    assertThat(demo.resolve("lake/gold/monthly_activity/_delta_log")).isDirectory();
    String key = Files.readString(dir.resolve("demo.key")).strip();
    assertThat(summary).doesNotContain(key);
    try (var files = Files.walk(demo.resolve("lake"))) {
      assertThat(files.filter(Files::isRegularFile).noneMatch(f -> f.getFileName().toString().contains("key"))).isTrue();
    }
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
