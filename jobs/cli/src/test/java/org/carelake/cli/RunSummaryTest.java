package org.carelake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.carelake.ingest.FileOutcome;
import org.carelake.ingest.IngestResult;
import org.carelake.link.LinkResult;
import org.carelake.nightly.NightlyResult;
import org.carelake.nightly.StageResult;
import org.carelake.quality.CheckResult;
import org.carelake.quality.GateEvaluation;
import org.carelake.quality.QualityResult;
import org.carelake.silver.FeedSilverOutcome;
import org.carelake.silver.SilverResult;
import org.junit.jupiter.api.Test;

/** The run summary a person reads after a night: one screen by default, everything with --detail. */
class RunSummaryTest {
  private static final LocalDate NIGHT = LocalDate.of(2026, 11, 24);
  private static final List<String> FEEDS = List.of("acute_apc", "acute_ecds", "acute_op", "asc_services", "community_contacts",
      "gp_emis_events", "gp_emis_medications", "gp_emis_patients", "gp_tpp_events", "gp_tpp_medications", "gp_tpp_patients",
      "mh_contacts", "ooh_contacts");

  @Test
  void aCleanNightOfTenBoroughsAndThirteenFeedsFitsOneScreen() {
    List<FileOutcome> files = new ArrayList<>();
    for (int b = 1; b <= 10; b++) {
      for (String feed : FEEDS) {
        files.add(file(borough(b), feed, FileOutcome.Status.LOADED, 500, 499, Map.of("event_date.format", 1L)));
      }
    }
    String summary = RunSummary.render(night(files, List.of()));

    assertThat(summary.lines().count()).as(summary).isLessThanOrEqualTo(50);
    assertThat(summary).contains("Ingest (per feed, all boroughs)", "Needing attention: nothing", "read = loaded + quarantined",
        "Stages: ingest", "total").doesNotContain("Ingest (per borough and feed)", "E08000003");
    // every feed's total across the ten boroughs: 10 files, 5,000 read, 4,990 loaded, 10 quarantined
    assertThat(summary).containsPattern("gp_tpp_events +10 +10 +5,000 +4,990 +10 +event_date\\.format 10");
  }

  @Test
  void onlyTheBoroughFeedRowsNeedingAttentionAreListed() {
    List<FileOutcome> files = new ArrayList<>();
    files.add(file(borough(1), "acute_op", FileOutcome.Status.REJECTED, 40, 0, Map.of("file.header", 40L)));
    files.add(file(borough(2), "gp_tpp_events", FileOutcome.Status.LOADED, 100, 70, Map.of("event_date.format", 30L)));
    files.add(file(borough(3), "gp_emis_events", FileOutcome.Status.LOADED, 3, 2, Map.of("event_date.format", 1L)));
    files.add(file(borough(4), "mh_contacts", FileOutcome.Status.DUPLICATE, 0, 0, Map.of()));
    files.add(file(borough(5), "acute_apc", FileOutcome.Status.LOADED, 900, 900, Map.of()));
    // an opt-out list sent whole every night arrives unchanged: a duplicate of last night's, and normal
    files.add(file(borough(6), "national_data_opt_out", FileOutcome.Status.DUPLICATE, 0, 0, Map.of()));
    List<GateEvaluation> gates = List.of(
        gate(borough(1), "acute_op", "max-quarantine-share", GateEvaluation.Status.FAILED, 1.0, 0.1),
        gate(borough(5), "acute_apc", "min-volume-ratio", GateEvaluation.Status.PASSED, 3.5, 0.5),
        gate(borough(2), "gp_tpp_events", "min-volume-ratio", GateEvaluation.Status.PASSED, 1.1, 0.5));

    String summary = RunSummary.render(night(files, gates), false, java.util.Set.of("national_data_opt_out"));

    String attention = summary.substring(summary.indexOf("Needing attention"), summary.indexOf("Linkage"));
    assertThat(attention).contains("Needing attention (5)")
        .contains("E08000001  acute_op", "REJECTED acute_op.csv")
        .contains("E08000002  gp_tpp_events", "quarantined 30.0% of 100 rows: event_date.format 30")
        .contains("E08000004  mh_contacts", "DUPLICATE")
        .contains("HELD BACK: gate max-quarantine-share measured 1, threshold 0.1")
        .contains("E08000005  acute_apc", "volume 3.5 times its recent nights' average")
        // one quarantined row of three is below the attention floor; a volume near its average is not news
        .doesNotContain("E08000003", "1.1 times", "national_data_opt_out");
  }

  @Test
  void aFileAnEarlierRunOfTheNightRejectedStillNeedsAttentionOnTheReRun() {
    List<FileOutcome> files = List.of(
        file(borough(1), "acute_op", FileOutcome.Status.ALREADY_REJECTED, 0, 0, Map.of()),
        file(borough(2), "acute_op", FileOutcome.Status.ALREADY_LOADED, 0, 0, Map.of()));

    String summary = RunSummary.render(night(files, List.of()), false, java.util.Set.of());

    String attention = summary.substring(summary.indexOf("Needing attention"), summary.indexOf("Linkage"));
    assertThat(attention).contains("Needing attention (1)", "E08000001  acute_op", "ALREADY_REJECTED acute_op.csv: the reason")
        .doesNotContain("E08000002");
  }

  @Test
  void detailPrintsTheWholeBoroughByFeedMatrixAndEveryTable() {
    List<FileOutcome> files = List.of(
        file(borough(1), "acute_apc", FileOutcome.Status.LOADED, 10, 10, Map.of()),
        file(borough(2), "acute_apc", FileOutcome.Status.LOADED, 20, 19, Map.of("spell_id.required", 1L)));
    NightlyResult result = night(files, List.of());

    String brief = RunSummary.render(result);
    String detail = RunSummary.render(result, true);

    assertThat(brief).contains("Tables written: 2 (restricted 1, silver 1; --detail lists each with its version)")
        .doesNotContain("silver.hospital_spell        ");
    assertThat(detail).contains("Ingest (per borough and feed)", "Tables written\n", "restricted.raw_acute_apc", "silver.hospital_spell")
        .containsPattern("E08000002 +acute_apc +1 +20 +19 +1 +spell_id\\.required 1")
        .containsPattern("acute_apc +silver\\.hospital_spell +29 +0 +0 +0 +29 +0 +0");
  }

  private static NightlyResult night(List<FileOutcome> files, List<GateEvaluation> gates) {
    Map<String, StageResult> stages = new LinkedHashMap<>();
    stages.put("ingest", new IngestResult(files, Map.of("restricted.raw_acute_apc", 3L), Duration.ofSeconds(11)));
    stages.put("link", new LinkResult(176, 10, Map.of("nhs-number", 8L, "local-id", 2L), 0, 0, 0, 0, "fs-test",
        Map.of(), Duration.ofSeconds(37)));
    stages.put("quality", new QualityResult(10, 100, gates, Map.of(), false, Duration.ofSeconds(5)));
    long in = files.stream().mapToLong(FileOutcome::rowsLoaded).sum();
    stages.put("silver", new SilverResult(List.of(new FeedSilverOutcome("acute_apc", "hospital_spell", in, 0, 0, 0, in, 0, 0, 0, false)),
        Map.of("silver.hospital_spell", 2L), Duration.ofSeconds(30)));
    stages.put("check", new CheckResult(files.size(), 12, 91, List.of(), Duration.ofSeconds(8)));
    return new NightlyResult("night-2026-11-24-test", NIGHT, stages, NightlyResult.Outcome.SUCCEEDED, "ok", Duration.ofSeconds(95));
  }

  private static FileOutcome file(String borough, String feed, FileOutcome.Status status, long read, long loaded,
      Map<String, Long> byRule) {
    return new FileOutcome(borough, feed, feed + ".csv", "/landing/" + borough + "/" + feed + ".csv", "sha", 100, status,
        status == FileOutcome.Status.LOADED ? Optional.empty() : Optional.of("the reason"), read, loaded, read - loaded, byRule);
  }

  private static GateEvaluation gate(String borough, String feed, String gate, GateEvaluation.Status status, double measured,
      double threshold) {
    return new GateEvaluation(NIGHT, borough, feed, gate, status, measured, threshold, "");
  }

  private static String borough(int n) {
    return String.format("E080000%02d", n);
  }
}
