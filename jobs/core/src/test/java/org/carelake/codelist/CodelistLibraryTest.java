package org.carelake.codelist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.carelake.error.CareLakeException;
import org.carelake.error.ErrorCategory;
import org.carelake.terminology.Verhoeff;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading and checking codelists against their manifest, on small lists in a temporary folder. */
class CodelistLibraryTest {
  private static final String DIABETES = "code,term\n44054006,Diabetes mellitus type 2\n"
      + "313436004,Type 2 diabetes mellitus without complication\n";

  @TempDir Path dir;

  @Test
  void aListWhoseBytesMatchItsChecksumLoadsInFileOrder() throws IOException {
    list("diabetes-snomed", 1, "snomed-ct", DIABETES);

    Codelist codelist = CodelistLibrary.open(dir).load("diabetes-snomed", 1);

    assertThat(codelist.codes()).extracting(Codelist.Code::code).containsExactly("44054006", "313436004");
    assertThat(codelist.entry().system()).isEqualTo(CodeSystem.SNOMED_CT);
    assertThat(codelist.entry().file()).isEqualTo("diabetes-snomed/v1.csv");
  }

  @Test
  void aTamperedFileFailsItsChecksumAndTheErrorNamesFileIdAndVersion() throws IOException {
    list("diabetes-snomed", 1, "snomed-ct", DIABETES);
    Files.writeString(dir.resolve("diabetes-snomed/v1.csv"), DIABETES + "46635009,Diabetes mellitus type 1\n");

    assertThatThrownBy(() -> CodelistLibrary.open(dir).load("diabetes-snomed", 1))
        .isInstanceOf(CareLakeException.class)
        .satisfies(e -> assertThat(((CareLakeException) e).category()).isEqualTo(ErrorCategory.CONFIGURATION))
        .hasMessageContaining("codelist diabetes-snomed version 1")
        .hasMessageContaining(dir.resolve("diabetes-snomed/v1.csv").toString())
        .hasMessageContaining("SHA-256")
        .hasMessageContaining("new version");
  }

  @Test
  void aChangedLineEndingIsATamperingToo() throws IOException {
    list("diabetes-snomed", 1, "snomed-ct", DIABETES);
    Files.writeString(dir.resolve("diabetes-snomed/v1.csv"), DIABETES.replace("\n", "\r\n"));

    assertThatThrownBy(() -> CodelistLibrary.open(dir).load("diabetes-snomed", 1)).hasMessageContaining("SHA-256");
  }

  @Test
  void aWrongHeaderIsRefused() throws IOException {
    list("diabetes-snomed", 1, "snomed-ct", "snomed_code,description\n44054006,Diabetes mellitus type 2\n");

    assertThatThrownBy(() -> CodelistLibrary.open(dir).load("diabetes-snomed", 1))
        .hasMessageContaining("codelist diabetes-snomed version 1")
        .hasMessageContaining("header is 'snomed_code,description'");
  }

  @Test
  void aByteOrderMarkBeforeTheHeaderIsNamed() throws IOException {
    list("diabetes-snomed", 1, "snomed-ct", "\uFEFF" + DIABETES);

    assertThatThrownBy(() -> CodelistLibrary.open(dir).load("diabetes-snomed", 1)).hasMessageContaining("<byte order mark>");
  }

  @Test
  void aBlankCodeIsRefused() throws IOException {
    list("diabetes-snomed", 1, "snomed-ct", DIABETES + ",Diabetes mellitus\n");

    assertThatThrownBy(() -> CodelistLibrary.open(dir).load("diabetes-snomed", 1)).hasMessageContaining("line 4 has a blank code");
  }

  @Test
  void aDuplicateCodeIsRefused() throws IOException {
    list("diabetes-snomed", 1, "snomed-ct", DIABETES + "44054006,Type 2 diabetes mellitus\n");

    assertThatThrownBy(() -> CodelistLibrary.open(dir).load("diabetes-snomed", 1))
        .hasMessageContaining("code 44054006 appears twice");
  }

  @Test
  void aSnomedCodeWithAMistypedDigitFailsItsVerhoeffCheck() throws IOException {
    list("diabetes-snomed", 1, "snomed-ct", DIABETES + "44054007,Diabetes mellitus type 2 (typo)\n");

    assertThatThrownBy(() -> CodelistLibrary.open(dir).load("diabetes-snomed", 1))
        .hasMessageContaining("code '44054007' is not a well-formed SNOMED CT code")
        .hasMessageContaining("Verhoeff");
  }

  @Test
  void aDmdCodeIsCheckedLikeASnomedIdentifier() throws IOException {
    list("metformin-dmd", 1, "dmd", "code,term\n325278007,Metformin 500mg tablets\n39113611000001103,Bad\n");

    assertThatThrownBy(() -> CodelistLibrary.open(dir).load("metformin-dmd", 1))
        .hasMessageContaining("'39113611000001103' is not a well-formed dm+d code");
  }

  @Test
  void icd10CodesAreStoredDottedAndTheHesFormIsReadAsTheDottedOne() throws IOException {
    list("diabetes-icd10", 1, "icd-10", "code,term\nE11.9,Type 2 diabetes without complications\nE110,With coma\nI10,Hypertension\n");

    Codelist codelist = CodelistLibrary.open(dir).load("diabetes-icd10", 1);

    assertThat(codelist.codes()).extracting(Codelist.Code::code).containsExactly("E11.9", "E11.0", "I10");
  }

  @Test
  void theSameIcd10CodeInBothFormsIsADuplicate() throws IOException {
    list("diabetes-icd10", 1, "icd-10", "code,term\nE11.9,Without complications\nE119,Without complications\n");

    assertThatThrownBy(() -> CodelistLibrary.open(dir).load("diabetes-icd10", 1))
        .hasMessageContaining("code E119 appears twice (line 3 repeats E11.9)");
  }

  @Test
  void malformedIcd10AndOpcs4CodesAreRefused() throws IOException {
    list("diabetes-icd10", 1, "icd-10", "code,term\ne11.9,Lower case\n");
    list("hernia-opcs4", 1, "opcs-4", "code,term\nT20.2,Primary repair of inguinal hernia\nI20.1,No chapter I\n");
    CodelistLibrary library = CodelistLibrary.open(dir);

    assertThatThrownBy(() -> library.load("diabetes-icd10", 1)).hasMessageContaining("'e11.9' is not a well-formed ICD-10 code");
    assertThatThrownBy(() -> library.load("hernia-opcs4", 1)).hasMessageContaining("'I20.1' is not a well-formed OPCS-4 code");
  }

  @Test
  void aTermHoldingACommaIsQuoted() throws IOException {
    list("ckd-icd10", 1, "icd-10", "code,term\nN18.3,\"Chronic kidney disease, stage 3\"\n");

    assertThat(CodelistLibrary.open(dir).load("ckd-icd10", 1).codes())
        .containsExactly(new Codelist.Code("N18.3", "Chronic kidney disease, stage 3"));
  }

  @Test
  void aListNotInTheManifestIsAConfigurationErrorNamingIdAndVersion() throws IOException {
    list("diabetes-snomed", 1, "snomed-ct", DIABETES);

    assertThatThrownBy(() -> CodelistLibrary.open(dir).load("diabetes-snomed", 2))
        .hasMessageContaining("codelist diabetes-snomed@2 is not in");
  }

  @Test
  void aMissingFileIsNamed() throws IOException {
    list("diabetes-snomed", 1, "snomed-ct", DIABETES);
    Files.delete(dir.resolve("diabetes-snomed/v1.csv"));

    assertThatThrownBy(() -> CodelistLibrary.open(dir).load("diabetes-snomed", 1))
        .hasMessageContaining("codelist diabetes-snomed@1: file")
        .hasMessageContaining("not found");
  }

  @Test
  void aTypoThatStillPassesTheCheckDigitIsReportedAsNeverOccurring() throws IOException {
    // two digits of 44054006 mistyped: the Verhoeff check cannot see it, the data can
    String typo = "4405500" + Verhoeff.checkDigit("4405500");
    assertThat(typo).isNotEqualTo("44054006");
    list("diabetes-snomed", 1, "snomed-ct", DIABETES + typo + ",Diabetes mellitus type 2 (mistyped)\n");
    Codelist codelist = CodelistLibrary.open(dir).load("diabetes-snomed", 1);

    assertThat(codelist.unusedCodes(Set.of("44054006", "313436004", "38341003")))
        .containsExactly(new Codelist.Code(typo, "Diabetes mellitus type 2 (mistyped)"));
  }

  @Test
  void hospitalCodesAreComparedInTheListsForm() throws IOException {
    list("diabetes-icd10", 1, "icd-10", "code,term\nE11.9,Without complications\nI10,Hypertension\nE11.0,With coma\n");
    Codelist codelist = CodelistLibrary.open(dir).load("diabetes-icd10", 1);

    assertThat(codelist.unusedCodes(Set.of("E119", "I10X"))).extracting(Codelist.Code::code).containsExactly("E11.0");
  }

  @Test
  void verifyReportsEveryBadListAndEveryFileMissingFromTheManifest() throws IOException {
    list("diabetes-snomed", 1, "snomed-ct", DIABETES);
    list("asthma-snomed", 1, "snomed-ct", "code,term\n195967001,Asthma\n");
    Files.writeString(dir.resolve("asthma-snomed/v1.csv"), "code,term\n195967001,Asthma (edited)\n");
    Files.writeString(dir.resolve("diabetes-snomed/v2.csv"), DIABETES);

    assertThat(CodelistLibrary.open(dir).verify())
        .hasSize(2)
        .anySatisfy(problem -> assertThat(problem).contains("codelist asthma-snomed version 1", "SHA-256"))
        .anySatisfy(problem -> assertThat(problem).contains("v2.csv is not in"));
  }

  @Test
  void currentChecksumsAreTheSha256OfTheFileBytes() throws IOException {
    list("diabetes-snomed", 1, "snomed-ct", DIABETES);

    assertThat(CodelistLibrary.open(dir).currentChecksums())
        .containsEntry("diabetes-snomed@1", CodelistLibrary.sha256(DIABETES.getBytes(StandardCharsets.UTF_8)));
    assertThat(CodelistLibrary.sha256("abc".getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  /** Writes a list file and appends its manifest entry with the file's true checksum. */
  private void list(String id, int version, String system, String csv) throws IOException {
    TestCodelists.write(dir, id, version, system, csv);
  }
}
