package org.carelake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code carelake output-check} and {@code output-check approve}: exit codes and what they print; no Spark. */
class OutputCheckCommandTest {
  @TempDir Path dir;
  private final CommandOutput output = new CommandOutput();

  private int check(String csv) throws IOException {
    Path file = Files.writeString(dir.resolve("counts.csv"), csv);
    return output.run(new OutputCheckCommand(), "--file", file.toString(), "--project", "p1", "--purpose", "Figure 1",
        "--outbox", dir.resolve("outbox").toString(), "--requester", "researcher1", "--contracts", dir.resolve("none").toString());
  }

  @Test
  void exitCodesOfCheckAndApprove() throws IOException {
    Files.createDirectories(dir.resolve("none"));
    assertThat(check("borough,patients\nE08000001,3\n")).isEqualTo(OutputCheckCommand.REFUSED);
    assertThat(output.err()).contains("refused: counts.csv, row 2, column patients", "count.small-number", "REFUSED");

    assertThat(check("borough,patients\nE08000001,13\n")).isEqualTo(OutputCheckCommand.REFUSED);
    assertThat(output.err()).contains("count.rounded");

    assertThat(check("borough,patients\nE08000001,15\n")).as(output.err()).isZero();
    assertThat(output.out()).contains("PENDING_REVIEW");
    Path record;
    try (var files = Files.walk(dir.resolve("outbox"))) {
      record = files.filter(p -> p.getFileName().toString().equals("release-record.json"))
          .filter(p -> { try { return Files.readString(p).contains("PENDING_REVIEW"); } catch (IOException e) { return false; } })
          .findFirst().orElseThrow();
    }

    assertThat(output.run(new OutputCheckCommand(), "approve", "--record", record.toString(), "--reviewer", "ig-lead")).isZero();
    assertThat(output.out()).contains("APPROVED by ig-lead");
    assertThat(output.run(new OutputCheckCommand(), "approve", "--record", record.toString(), "--reviewer", "ig-lead")).isEqualTo(1);
    assertThat(output.run(new OutputCheckCommand(), "--file", "x.csv")).isEqualTo(2);
    // A project the access policy does not approve gets nothing out.
    assertThat(output.run(new OutputCheckCommand(), "--file", dir.resolve("counts.csv").toString(), "--project", "p1", "--purpose", "x",
        "--outbox", dir.resolve("outbox").toString(), "--policy", "../../governance/access-policy.yaml")).isEqualTo(1);
    assertThat(output.err()).contains("not an approved project");
  }
}
