package org.carelake.codelist;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A codelist library written by a test into its own folder: each list file beside a manifest entry
 * that carries the file's true checksum, as {@code carelake codelists checksum} would write it.
 * Shared by the codelist, cohort and measure tests.
 */
public final class TestCodelists {
  private TestCodelists() {}

  /**
   * The lists the cohort and measure tests' definitions name: type 2 diabetes in primary care
   * (SNOMED CT) and in hospital (ICD-10), and HbA1c results (SNOMED CT), one code each.
   */
  public static void writeDiabetesLists(Path dir) throws IOException {
    write(dir, "diabetes-snomed", 1, "snomed-ct", "code,term\n44054006,Diabetes mellitus type 2\n");
    write(dir, "diabetes-icd10", 1, "icd-10", "code,term\nE11.9,Type 2 diabetes mellitus without complications\n");
    write(dir, "hba1c-snomed", 1, "snomed-ct", "code,term\n999791000000106,Haemoglobin A1c level - IFCC standardised\n");
  }

  /** Writes {@code <dir>/<id>/v<version>.csv} and appends its manifest entry with the file's true checksum. */
  public static void write(Path dir, String id, int version, String system, String csv) throws IOException {
    Path file = dir.resolve(id).resolve("v" + version + ".csv");
    Files.createDirectories(file.getParent());
    Files.writeString(file, csv, StandardCharsets.UTF_8);
    Path manifest = dir.resolve(CodelistManifest.FILE_NAME);
    String text = Files.exists(manifest) ? Files.readString(manifest) : "codelists:\n";
    Files.writeString(manifest, text
        + "  - id: " + id + "\n"
        + "    version: " + version + "\n"
        + "    system: " + system + "\n"
        + "    description: A test list\n"
        + "    rationale: For the test\n"
        + "    source: Written for the test\n"
        + "    sha256: " + CodelistLibrary.sha256(Files.readAllBytes(file)) + "\n");
  }
}
