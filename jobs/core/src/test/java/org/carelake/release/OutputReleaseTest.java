package org.carelake.release;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.carelake.digest.Sha256;
import org.carelake.error.CareLakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The outbox: records, copies and the IG lead's approval. */
class OutputReleaseTest {
  private static final String SAFE = "borough,patients\nE08000001,40\nE08000002,0\n";

  @TempDir Path dir;
  private final Clock clock = Clock.fixed(Instant.parse("2026-11-28T10:15:30Z"), ZoneOffset.UTC);
  private final OutputChecker checker = new OutputChecker(OutputChecker.Settings.defaults());

  private OutputRelease.Outcome submit(String csv, Optional<Path> request) throws IOException {
    Path file = Files.writeString(dir.resolve("counts.csv"), csv);
    return OutputRelease.submit(file, new OutputRelease.Submission("p2026-014", "Figure 2", "researcher1", request),
        checker, dir.resolve("outbox"), clock);
  }

  @Test
  void aSafeFileIsCopiedWithARecordWhoseChecksumMatches() throws IOException {
    OutputRelease.Outcome outcome = submit(SAFE, Optional.empty());

    assertThat(outcome.status()).isEqualTo(OutputRelease.Status.PENDING_REVIEW);
    Path copy = outcome.copy().orElseThrow();
    assertThat(copy.getParent()).isEqualTo(outcome.record().getParent());
    assertThat(copy.getParent().getParent()).isEqualTo(dir.resolve("outbox/p2026-014"));
    assertThat(Files.readString(copy)).isEqualTo(SAFE);
    Map<String, Object> record = OutputRelease.readRecord(outcome.record());
    assertThat(record).containsEntry("status", "PENDING_REVIEW").containsEntry("project", "p2026-014")
        .containsEntry("purpose", "Figure 2").containsEntry("requester", "researcher1")
        .containsEntry("requested_at", "2026-11-28T10:15:30Z").containsEntry("reasons", List.of());
    @SuppressWarnings("unchecked")
    Map<String, Object> file = (Map<String, Object>) record.get("file");
    assertThat(file.get("sha256")).isEqualTo(Sha256.hex(Files.readAllBytes(copy)));
    assertThat(file).containsEntry("rows", 2).containsEntry("columns", List.of("borough", "patients"));
    assertThat((List<?>) record.get("checks")).hasSize(OutputChecker.CHECKS.size());
  }

  @Test
  void aRefusedFileGetsARecordWithItsReasonsAndNoCopy() throws IOException {
    OutputRelease.Outcome outcome = submit("borough,patients\nE08000001,3\n", Optional.empty());

    assertThat(outcome.status()).isEqualTo(OutputRelease.Status.REFUSED);
    assertThat(outcome.copy()).isEmpty();
    try (var files = Files.list(outcome.record().getParent())) {
      assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly(OutputRelease.RECORD);
    }
    Map<String, Object> record = OutputRelease.readRecord(outcome.record());
    assertThat(record).containsEntry("status", "REFUSED");
    assertThat((List<?>) record.get("reasons")).singleElement().asString()
        .contains("counts.csv, row 2, column patients", OutputChecker.SMALL);
    assertThatThrownBy(() -> OutputRelease.approve(outcome.record(), "ig-lead", clock)).hasMessageContaining("REFUSED");
  }

  @Test
  void theIgLeadApprovesAPendingRecordOnce() throws IOException {
    OutputRelease.Outcome outcome = submit(SAFE, Optional.empty());

    OutputRelease.approve(outcome.record(), "ig-lead", Clock.offset(clock, java.time.Duration.ofHours(2)));

    Map<String, Object> record = OutputRelease.readRecord(outcome.record());
    assertThat(record).containsEntry("status", "APPROVED").containsEntry("reviewer", "ig-lead")
        .containsEntry("reviewed_at", "2026-11-28T12:15:30Z");
    assertThatThrownBy(() -> OutputRelease.approve(outcome.record(), "ig-lead", clock)).hasMessageContaining("APPROVED");
  }

  @Test
  void approvalIsRefusedToTheRequesterAndForAChangedFile() throws IOException {
    OutputRelease.Outcome outcome = submit(SAFE, Optional.empty());
    assertThatThrownBy(() -> OutputRelease.approve(outcome.record(), "researcher1", clock)).isInstanceOf(CareLakeException.class)
        .hasMessageContaining("own output");

    Files.writeString(outcome.copy().orElseThrow(), SAFE + "E08000003,10\n");
    assertThatThrownBy(() -> OutputRelease.approve(outcome.record(), "ig-lead", clock)).hasMessageContaining("SHA-256");
    assertThat(OutputRelease.readRecord(outcome.record())).containsEntry("status", "PENDING_REVIEW");
  }

  @Test
  void theRequestIsRecordedAndMustBeForTheSameProject() throws IOException {
    Path request = Files.writeString(dir.resolve("request.yaml"), "{\"project\": \"p2026-014\", \"description\": \"Counts by borough\","
        + " \"counts\": [\"patients\"]}\n");
    OutputRelease.Outcome outcome = submit(SAFE, Optional.of(request));
    Map<String, Object> record = OutputRelease.readRecord(outcome.record());
    assertThat(record).containsEntry("description", "Counts by borough");
    assertThat(record.get("request")).isEqualTo(Map.of("name", "request.yaml", "sha256", Sha256.hex(Files.readAllBytes(request))));

    Files.writeString(request, "project: p-other\n");
    assertThatThrownBy(() -> submit(SAFE, Optional.of(request))).hasMessageContaining("p-other");
    Files.writeString(request, "cuonts: [patients]\n");
    assertThatThrownBy(() -> submit(SAFE, Optional.of(request))).hasMessageContaining("unknown field 'cuonts'");
  }

  @Test
  void outputsLeaveOnlyForAnApprovedActiveProject() throws IOException {
    org.carelake.access.AccessPolicy policy = org.carelake.access.AccessPolicy.load(Path.of("../../governance/access-policy.yaml"));
    OutputRelease.checkProject(policy, "demo", java.time.LocalDate.of(2026, 11, 28));
    assertThatThrownBy(() -> OutputRelease.checkProject(policy, "p-unknown", java.time.LocalDate.of(2026, 11, 28)))
        .hasMessageContaining("not an approved project");
    assertThatThrownBy(() -> OutputRelease.checkProject(policy, "demo", java.time.LocalDate.of(2029, 4, 1)))
        .hasMessageContaining("expired");
  }
}
