package org.carelake.release;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.carelake.identity.NhsNumber;
import org.junit.jupiter.api.Test;

/** The output check's rules on small crafted files; every file is synthetic and built here. */
class OutputCheckerTest {
  private final OutputChecker checker = new OutputChecker(OutputChecker.Settings.defaults());

  private OutputChecker.Result check(String csv) {
    return checker.check("out.csv", csv.getBytes(StandardCharsets.UTF_8), OutputRequest.none());
  }

  private OutputChecker.Result check(String csv, String request) {
    return checker.check("out.csv", csv.getBytes(StandardCharsets.UTF_8), OutputRequest.parse(request, "request.yaml"));
  }

  private static List<String> rules(OutputChecker.Result result) {
    return result.findings().stream().map(Finding::rule).distinct().toList();
  }

  @Test
  void aSafeFilePasses() {
    OutputChecker.Result result = check("borough,age_band,patients\nE08000001,0-17,0\nE08000001,18-64,1235\nE08000002,0-17,\n");
    assertThat(result.findings()).isEmpty();
    assertThat(result.passed()).isTrue();
    assertThat(result.rows()).isEqualTo(3);
    assertThat(result.columns()).containsExactly("borough", "age_band", "patients");
    assertThat(result.checks()).extracting(OutputChecker.CheckResult::check).containsExactlyElementsOf(OutputChecker.CHECKS);
    assertThat(result.checks()).allMatch(OutputChecker.CheckResult::passed);
  }

  @Test
  void anUnroundedCountIsRefusedNamingRowAndColumnButNotTheValue() {
    OutputChecker.Result result = check("borough,patients\nE08000001,40\nE08000002,1234\n");
    assertThat(result.passed()).isFalse();
    assertThat(result.findings()).singleElement().satisfies(f -> {
      assertThat(f.rule()).isEqualTo(OutputChecker.UNROUNDED);
      assertThat(f.row()).isEqualTo(3);
      assertThat(f.column()).isEqualTo("patients");
      assertThat(f.toString()).startsWith("out.csv, row 3, column patients: ").contains("multiple of 5").doesNotContain("1234");
    });
  }

  @Test
  void aCountFromOneToSevenIsRefusedEvenWhenItIsAMultipleOfFive() {
    for (String small : List.of("1", "5", "7")) {
      OutputChecker.Result result = check("borough,patients\nE08000001,40\nE08000002," + small + "\n");
      assertThat(rules(result)).as(small).containsExactly(OutputChecker.SMALL);
      assertThat(result.findings().get(0).row()).isEqualTo(3);
      assertThat(result.findings().get(0).toString()).contains("1 to 7").doesNotContain("," + small);
    }
  }

  @Test
  void suppressionMarkersAreAccepted() {
    assertThat(check("borough,patients\nE08000001,[REDACTED]\nE08000002,*\nE08000003,\nE08000004,10\n").findings()).isEmpty();
  }

  @Test
  void anIntegerColumnDeclaredAKeyIsNotACount() {
    assertThat(rules(check("year,patients\n2024,40\n2025,45\n"))).containsExactly(OutputChecker.UNROUNDED);
    assertThat(check("year,patients\n2024,40\n2025,45\n", "keys: [year]\n").findings()).isEmpty();
  }

  @Test
  void anNhsNumberLikeColumnIsRefused() {
    String number = "999000001" + NhsNumber.checkDigitFor("999000001"); // never issued
    OutputChecker.Result result = check("person,patients\n" + number + ",0\n");
    assertThat(rules(result)).contains(OutputChecker.ID_NHS);
    assertThat(result.findings()).allSatisfy(f -> assertThat(f.toString()).doesNotContain(number));
  }

  @Test
  void pseudonymLikeKeysPostcodesDatesOfBirthAndIdentifierNamesAreRefused() {
    String key = "3f".repeat(32);
    assertThat(rules(check("group,patients\n" + key + ",10\n"))).containsExactly(OutputChecker.ID_PSEUDONYM);
    assertThat(rules(check("area,patients\nZZ99 9ZZ,10\n"))).containsExactly(OutputChecker.ID_POSTCODE);
    assertThat(rules(check("area,patients\nM1,10\n"))).isEmpty(); // a postcode district is fine
    assertThat(rules(check("birth_date_band,patients\n1980-01-31,10\n"))).containsExactly(OutputChecker.ID_BIRTH);
    assertThat(rules(check("dob,patients\n1980,10\n"))).containsExactly(OutputChecker.ID_NAMES);
  }

  @Test
  void contractIdentifierColumnsAreRefusedByName() {
    OutputChecker strict = new OutputChecker(new OutputChecker.Settings(
        org.carelake.disclosure.DisclosureRule.defaults(), 1000, java.util.Set.of("mobile_number")));
    OutputChecker.Result result = strict.check("out.csv", "Mobile Number,patients\nx,10\n".getBytes(StandardCharsets.UTF_8),
        OutputRequest.none());
    assertThat(rules(result)).containsExactly(OutputChecker.ID_NAMES);
  }

  @Test
  void freeTextIsRefused() {
    String note = "the patient said that they had been feeling unwell for a few weeks before the visit";
    assertThat(rules(check("note,patients\n\"" + note + "\",10\n"))).containsExactly(OutputChecker.FREE_TEXT);
    assertThat(rules(check("note,patients\n\"two\nlines\",10\n"))).containsExactly(OutputChecker.FREE_TEXT);
    assertThat(rules(check("condition,patients\nType 2 diabetes mellitus without complication,10\n"))).isEmpty();
  }

  @Test
  void tooManyRowsIsNotAnAggregate() {
    OutputChecker small = new OutputChecker(new OutputChecker.Settings(org.carelake.disclosure.DisclosureRule.defaults(), 2, java.util.Set.of()));
    OutputChecker.Result result = small.check("out.csv", "band,patients\na,10\nb,10\nc,10\n".getBytes(StandardCharsets.UTF_8),
        OutputRequest.none());
    assertThat(rules(result)).containsExactly(OutputChecker.ROWS);
    assertThat(result.findings().get(0).toString()).contains("3 rows", "2");
  }

  @Test
  void aRateNeedsItsNumeratorAndDenominatorAndMustComeFromTheRoundedCounts() {
    assertThat(rules(check("borough,per_1000\nE08000001,12.5\n"))).containsExactly(OutputChecker.UNDECLARED);
    String rate = "rates:\n  - {column: per_1000, numerator: patients, denominator: registered, per: 1000}\n";
    assertThat(rules(check("borough,per_1000\nE08000001,12.5\n", rate))).contains(OutputChecker.REQUEST);
    assertThat(check("borough,patients,registered,per_1000\nE08000001,10,800,12.5\n", rate).findings()).isEmpty();
    // 12.9 is the raw 10.3/800 rate, not the rounded counts' 12.5: it undoes the rounding.
    assertThat(rules(check("borough,patients,registered,per_1000\nE08000001,10,800,12.9\n", rate))).containsExactly(OutputChecker.RATE_ROUNDED);
    assertThat(rules(check("borough,patients,registered,per_1000\nE08000001,*,800,4.0\n", rate))).containsExactly(OutputChecker.RATE_INPUTS);
    assertThat(check("borough,patients,registered,per_1000\nE08000001,*,800,*\n", rate).findings()).isEmpty();
  }

  @Test
  void aTotalColumnThatGivesAwayItsOnlySuppressedPartIsRefused() {
    String totals = "column_totals:\n  all_sexes: [female, male]\n";
    OutputChecker.Result result = check("borough,female,male,all_sexes\nE08000001,40,*,45\nE08000002,40,20,60\n", totals);
    assertThat(rules(result)).containsExactly(OutputChecker.DIFFERENCING);
    assertThat(result.findings()).singleElement().satisfies(f -> {
      assertThat(f.row()).isEqualTo(2);
      assertThat(f.column()).isEqualTo("male");
    });
    // Two suppressed parts protect each other; a suppressed total with a suppressed part protects it.
    assertThat(check("borough,female,male,other,all_sexes\nE08000001,40,*,*,50\n",
        "column_totals:\n  all_sexes: [female, male, other]\n").findings()).isEmpty();
    assertThat(check("borough,female,male,all_sexes\nE08000001,40,*,*\n", totals).findings()).isEmpty();
  }

  @Test
  void aTotalRowThatGivesAwayASuppressedCellIsRefused() {
    String csv = "borough,age_band,patients\nE08000001,0-17,40\nE08000001,18-64,*\nE08000001,65+,20\nE08000001,all,65\n"
        + "E08000002,0-17,40\nE08000002,18-64,*\nE08000002,65+,*\nE08000002,all,65\n";
    OutputChecker.Result result = check(csv, "row_totals: [age_band]\n");
    assertThat(result.findings()).singleElement().satisfies(f -> {
      assertThat(f.rule()).isEqualTo(OutputChecker.DIFFERENCING);
      assertThat(f.row()).isEqualTo(3);
      assertThat(f.column()).isEqualTo("patients");
    });
  }

  @Test
  void manyBadRowsAreNamedAFewAtATime() {
    StringBuilder csv = new StringBuilder("band,patients\n");
    for (int i = 0; i < 20; i++) {
      csv.append("b").append(i).append(",11\n");
    }
    OutputChecker.Result result = check(csv.toString());
    assertThat(result.findings()).hasSize(6);
    assertThat(result.findings().get(5).toString()).contains("and 15 more rows");
    assertThat(result.checks()).filteredOn(c -> c.check().equals(OutputChecker.UNROUNDED)).singleElement()
        .satisfies(c -> assertThat(c.problems()).isEqualTo(6));
  }

  @Test
  void aGoldTableExportedWithItsStatusColumnsIsCheckedLikeAnyOther() {
    // As the disclosure component writes it: a NULL (blank) count beside a 'suppressed' status.
    String csv = "borough,age_band,patients,patients_status\nE08000001,0-17,40,rounded\nE08000001,18-64,,suppressed\n"
        + "E08000001,65+,,suppressed\nE08000001,all,50,rounded\n";
    assertThat(check(csv, "row_totals: [age_band]\n").findings()).isEmpty();
    // The status column does not split the total from its parts: one hidden part is still given away.
    String leaky = "borough,age_band,patients,patients_status\nE08000001,0-17,40,rounded\nE08000001,18-64,,suppressed\n"
        + "E08000001,65+,20,rounded\nE08000001,all,65,rounded\n";
    assertThat(rules(check(leaky, "row_totals: [age_band]\n"))).containsExactly(OutputChecker.DIFFERENCING);
    assertThat(rules(check("borough,patients,patients_status\nE08000001,10,suppressed\n"))).containsExactly(OutputChecker.SMALL);
  }
}
