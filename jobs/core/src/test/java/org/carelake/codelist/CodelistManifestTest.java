package org.carelake.codelist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The manifest's own rules: known keys only, every key present, one entry per id and version. */
class CodelistManifestTest {
  private static final String SUM = "a".repeat(64);

  @TempDir Path dir;

  @Test
  void readsEveryEntry() throws IOException {
    manifest(entry("asthma-snomed", "1", "snomed-ct", "") + entry("asthma-icd10", "2", "icd-10", ""));

    CodelistManifest manifest = CodelistManifest.load(dir);

    assertThat(manifest.entries()).extracting(CodelistEntry::reference).containsExactly("asthma-snomed@1", "asthma-icd10@2");
    assertThat(manifest.find("asthma-icd10", 2)).get().extracting(CodelistEntry::system).isEqualTo(CodeSystem.ICD_10);
    assertThat(manifest.find("asthma-icd10", 1)).isEmpty();
  }

  @Test
  void aMisspeltKeyFailsLoudly() throws IOException {
    manifest(entry("asthma-snomed", "1", "snomed-ct", "    rationle: typo\n"));

    assertThatThrownBy(() -> CodelistManifest.load(dir)).hasMessageContaining("(asthma-snomed) has unknown key(s) [rationle]");
  }

  @Test
  void anUnknownCodeSystemIsNamed() throws IOException {
    manifest(entry("asthma-read", "1", "read-v2", ""));

    assertThatThrownBy(() -> CodelistManifest.load(dir))
        .hasMessageContaining("unknown code system 'read-v2'; use one of snomed-ct, icd-10, opcs-4, dmd");
  }

  @Test
  void theSameIdAndVersionTwiceIsRefused() throws IOException {
    manifest(entry("asthma-snomed", "1", "snomed-ct", "") + entry("asthma-snomed", "1", "snomed-ct", ""));

    assertThatThrownBy(() -> CodelistManifest.load(dir)).hasMessageContaining("lists asthma-snomed@1 twice");
  }

  @Test
  void aVersionMustBeAWholeNumber() throws IOException {
    manifest(entry("asthma-snomed", "1.2", "snomed-ct", ""));

    assertThatThrownBy(() -> CodelistManifest.load(dir)).hasMessageContaining("version must be a whole number, got '1.2'");
  }

  @Test
  void aMissingChecksumIsNamed() throws IOException {
    manifest(entry("asthma-snomed", "1", "snomed-ct", "").replace("    sha256: " + SUM + "\n", ""));

    assertThatThrownBy(() -> CodelistManifest.load(dir)).hasMessageContaining("(asthma-snomed) has no 'sha256'");
  }

  private void manifest(String entries) throws IOException {
    Files.writeString(dir.resolve(CodelistManifest.FILE_NAME), "codelists:\n" + entries);
  }

  private static String entry(String id, String version, String system, String extra) {
    return "  - id: " + id + "\n    version: " + version + "\n    system: " + system + "\n    description: d\n"
        + "    rationale: r\n    source: s\n    sha256: " + SUM + "\n" + extra;
  }
}
