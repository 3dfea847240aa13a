package org.carelake.serve.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The serving benchmark at toy size, so it cannot rot unnoticed (it once could not sign in after the
 * sign-in form gained its token): it writes the synthetic published zone, signs in as a browser
 * does, and measures every endpoint. The figures themselves are the benchmark's business, not a test's.
 */
class ServeBenchmarkIT {
  @TempDir Path work;

  @Test
  void runsEveryEndpointOnASmallZone() throws Exception {
    PrintStream original = System.out;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8)) {
      System.setOut(out);
      ServeBenchmark.run(work, Path.of("../../governance/access-policy.yaml"), 20_000, 2, new int[] {1});
    } finally {
      System.setOut(original);
    }
    String report = captured.toString(StandardCharsets.UTF_8);
    assertThat(report).contains("gold.ltc_prevalence_lsoa", "/data/overview.json", "/data/prevalence.json?condition=type-2-diabetes&borough=E08000003",
        "/data/overview.csv", "/data/deprivation.json", "gold.monthly_activity_deprivation", "p95/static");
    assertThat(work.resolve("lake/gold/ltc_prevalence_lsoa/_delta_log")).isDirectory();
    assertThat(work.resolve("lake/gold/monthly_activity_deprivation/_delta_log")).isDirectory();
  }
}
