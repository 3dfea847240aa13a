package org.carelake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.carelake.codelist.CodelistLibrary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code carelake codelists verify|checksum} on a one-list folder; no Spark. */
class CodelistsCommandTest {
  private static final String ASTHMA = "code,term\n195967001,Asthma\n";

  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @Test
  void verifyPassesAnUntouchedFolder() throws IOException {
    folder();

    assertThat(run("verify")).as(err.toString()).isZero();
    assertThat(out.toString()).contains("1 codelists in " + dir + " verified");
  }

  @Test
  void verifyFailsATamperedListAndSaysWhich() throws IOException {
    folder();
    Files.writeString(dir.resolve("asthma-snomed/v1.csv"), ASTHMA + "389145006,Allergic asthma\n");

    assertThat(run("verify")).isEqualTo(1);
    assertThat(err.toString()).contains("codelist asthma-snomed version 1", "SHA-256", "1 problem(s)");
  }

  @Test
  void checksumOfAFilePrintsTheManifestLine() throws IOException {
    folder();
    Path file = dir.resolve("asthma-snomed/v1.csv");

    assertThat(run("checksum", file.toString())).isZero();
    assertThat(out.toString()).contains("sha256: " + CodelistLibrary.sha256(ASTHMA.getBytes()));
  }

  @Test
  void checksumWithoutFilesComparesEveryListWithTheManifest() throws IOException {
    folder();
    Files.writeString(dir.resolve("asthma-snomed/v1.csv"), ASTHMA + "389145006,Allergic asthma\n");

    assertThat(run("checksum")).isEqualTo(1);
    assertThat(out.toString()).contains("asthma-snomed@1", "CHANGED");
  }

  private int run(String... args) {
    CommandLine commandLine = new CommandLine(new CodelistsCommand());
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));
    String[] all = new String[args.length + 1];
    all[0] = args[0];
    all[1] = "--codelists=" + dir;
    System.arraycopy(args, 1, all, 2, args.length - 1);
    return commandLine.execute(all);
  }

  private void folder() throws IOException {
    Files.createDirectories(dir.resolve("asthma-snomed"));
    Files.writeString(dir.resolve("asthma-snomed/v1.csv"), ASTHMA);
    Files.writeString(dir.resolve("manifest.yaml"), "codelists:\n  - id: asthma-snomed\n    version: 1\n    system: snomed-ct\n"
        + "    description: Asthma\n    rationale: For the test\n    source: Written for the test\n"
        + "    sha256: " + CodelistLibrary.sha256(ASTHMA.getBytes()) + "\n");
  }
}
