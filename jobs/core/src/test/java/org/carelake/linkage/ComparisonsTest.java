package org.carelake.linkage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One pair per comparison level of every field, plus the pairs that pin which level wins when more
 * than one could apply. Empty CSV cells are nulls (missing values).
 */
class ComparisonsTest {
  private static final IdentityRecord JOHN = new IdentityRecord("9991234578", "JOHN", "SMITH",
      LocalDate.of(1980, 3, 4), "M", "M1 1AA", "12 OLDHAM ROAD MANCHESTER");

  @ParameterizedTest(name = "{0} / {1} -> {2}")
  @CsvSource({
      ",9991234578,MISSING",
      "0000000000,0000000000,MISSING", // a placeholder is no number at all
      "9991234578,9991234578,EXACT",
      "9991234578,9991234587,TRANSPOSED", // adjacent digits swapped
      "9991234578,9991234577,TRANSPOSED", // one wrong digit
      "9991234578,9991243587,DIFFERENT"})
  void nhsNumberLevels(String a, String b, Level expected) {
    assertThat(levelOf(Field.NHS_NUMBER, nhs(a), nhs(b))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} {1} / {2} {3} -> {4}")
  @CsvSource({
      ",SMITH,JOHN,SMITH,MISSING",
      "JOHN,SMITH,JOHN,SMYTHE,EXACT",
      "JOHN,SMITH,SMITH,JOHN,SWAPPED",
      "WILLIAM,SMITH,BILL,SMITH,NICKNAME",
      "STEVE,SMITH,STEVEN,SMITH,NICKNAME", // also one edit apart: the table is more specific
      "JONATHAN,SMITH,JONATHON,SMITH,CLOSE",
      "JOHN,SMITH,JON,SMITH,CLOSE", // one edit, before PHONETIC
      "STEPHEN,SMITH,STEFAN,SMITH,PHONETIC",
      "MOHAMMED,KHAN,MUHAMMAD,KHAN,PHONETIC",
      "J,SMITH,JOHN,SMITH,INITIAL",
      "J,SMITH,JO,SMITH,INITIAL", // a lone letter is an initial, never one edit from JO
      "J,SMITH,K,SMITH,DIFFERENT",
      "JOHN,SMITH,MARY,SMITH,DIFFERENT"})
  void givenNameLevels(String givenA, String familyA, String givenB, String familyB, Level expected) {
    assertThat(levelOf(Field.GIVEN_NAME, names(givenA, familyA), names(givenB, familyB))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} {1} / {2} {3} -> {4}")
  @CsvSource({
      "JOHN,,JOHN,SMITH,MISSING",
      "JOHN,SMITH,JAMES,SMITH,EXACT",
      "JOHN,SMITH,SMITH,JOHN,SWAPPED",
      "JOHN,SMITH,JOHN,SMYTH,CLOSE",
      "JOHN,MACKENZIE,JOHN,MCKENZIE,CLOSE",
      "JOHN,SMITH JONES,JOHN,SMITH,CLOSE", // double-barrelled name keeps one part
      "JOHN,JONES,JOHN,SMITH JONES,CLOSE",
      "JOHN,FAULKNER,JOHN,FALCONER,PHONETIC",
      "JOHN,SMITH,JOHN,JONES,DIFFERENT",
      "JOHN,SMITHSON,JOHN,SMITH JONES,DIFFERENT"})
  void familyNameLevels(String givenA, String familyA, String givenB, String familyB, Level expected) {
    assertThat(levelOf(Field.FAMILY_NAME, names(givenA, familyA), names(givenB, familyB))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} / {1} -> {2}")
  @CsvSource({
      ",1980-03-04,MISSING",
      "1980-03-04,1980-03-04,EXACT",
      "1980-03-04,1980-04-03,DAY_MONTH_SWAPPED", // not ONE_COMPONENT or DIFFERENT
      "1980-01-02,1980-02-01,DAY_MONTH_SWAPPED", // not DEFAULT_DATE: neither is 1 January
      "1980-01-01,1980-06-15,DEFAULT_DATE",
      "1980-01-05,1980-01-01,DEFAULT_DATE", // only the day differs, but 1 January is a placeholder
      "1980-03-04,1980-03-14,ONE_COMPONENT",
      "1980-03-04,1980-08-04,ONE_COMPONENT",
      "1980-03-04,1986-03-04,ONE_COMPONENT", // a one-digit typo in the year
      "1980-01-01,1981-01-01,ONE_COMPONENT", // 1 January of another year is no placeholder match
      "1980-01-01,1980-01-01,DEFAULT_DATE", // both on the placeholder: only the year is shared
      "1980-03-04,1981-04-03,DIFFERENT", // swapped, but in another year
      "1980-03-04,1980-05-06,DIFFERENT",
      "1980-03-03,1981-03-03,ONE_COMPONENT"})
  void dateOfBirthLevels(LocalDate a, LocalDate b, Level expected) {
    assertThat(levelOf(Field.DATE_OF_BIRTH, dob(a), dob(b))).isEqualTo(expected);
    assertThat(levelOf(Field.DATE_OF_BIRTH, dob(b), dob(a))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} / {1} -> {2}")
  @CsvSource({",M,MISSING", "F,F,EXACT", "M,F,DIFFERENT", "I,M,DIFFERENT"})
  void sexLevels(String a, String b, Level expected) {
    assertThat(levelOf(Field.SEX, sex(a), sex(b))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} / {1} -> {2}")
  @CsvSource({
      ",M1 1AA,MISSING",
      "M1 1AA,M1 1AA,EXACT",
      "M1 1AA,M1 1AB,CLOSE", // also the same sector: CLOSE wins
      "M1 1AA,M11 1AA,CLOSE",
      "M1 1AA,M1 1BD,SECTOR",
      "M1 1AA,M1 7BD,DISTRICT",
      "M1 1AA,M2 7BD,DIFFERENT",
      "M1 1AA,SK8 3BX,DIFFERENT"})
  void postcodeLevels(String a, String b, Level expected) {
    assertThat(levelOf(Field.POSTCODE, postcode(a), postcode(b))).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} / {1} -> {2}")
  @CsvSource({
      ",12 OLDHAM ROAD,MISSING",
      "12 OLDHAM ROAD,12 OLDHAM ROAD,EXACT",
      "12 OLDHAM ROAD,12 OLDAM ROAD,CLOSE",
      // Jaro-Winkler of the whole addresses is 0.877, of the streets after house 12 it is 0.856.
      "12 OLDHAM ROAD MANCHESTER,12 OLDHAM RD SALFORD,CLOSE",
      "14 OLDHAM ROAD MANCHESTER,12 OLDHAM RD SALFORD,DIFFERENT",
      "12 OLDHAM ROAD,3 PARK AVENUE,DIFFERENT"})
  void addressLevels(String a, String b, Level expected) {
    assertThat(levelOf(Field.ADDRESS, address(a), address(b))).isEqualTo(expected);
  }

  /** One pair reaching each level, in the order of each field's levels. */
  private static final List<Example> ONE_PAIR_PER_LEVEL = List.of(
      new Example(Field.NHS_NUMBER, Level.MISSING, nhs(null), nhs("9991234578")),
      new Example(Field.NHS_NUMBER, Level.DIFFERENT, nhs("9991234578"), nhs("9990000018")),
      new Example(Field.NHS_NUMBER, Level.TRANSPOSED, nhs("9991234578"), nhs("9991234587")),
      new Example(Field.NHS_NUMBER, Level.EXACT, nhs("9991234578"), nhs("9991234578")),
      new Example(Field.GIVEN_NAME, Level.MISSING, names(null, "SMITH"), names("JOHN", "SMITH")),
      new Example(Field.GIVEN_NAME, Level.DIFFERENT, names("JOHN", "SMITH"), names("MARY", "SMITH")),
      new Example(Field.GIVEN_NAME, Level.INITIAL, names("J", "SMITH"), names("JOHN", "SMITH")),
      new Example(Field.GIVEN_NAME, Level.PHONETIC, names("STEPHEN", "SMITH"), names("STEFAN", "SMITH")),
      new Example(Field.GIVEN_NAME, Level.CLOSE, names("JONATHAN", "SMITH"), names("JONATHON", "SMITH")),
      new Example(Field.GIVEN_NAME, Level.NICKNAME, names("WILLIAM", "SMITH"), names("BILL", "SMITH")),
      new Example(Field.GIVEN_NAME, Level.SWAPPED, names("JOHN", "SMITH"), names("SMITH", "JOHN")),
      new Example(Field.GIVEN_NAME, Level.EXACT, names("JOHN", "SMITH"), names("JOHN", "JONES")),
      new Example(Field.FAMILY_NAME, Level.MISSING, names("JOHN", null), names("JOHN", "SMITH")),
      new Example(Field.FAMILY_NAME, Level.DIFFERENT, names("JOHN", "SMITH"), names("JOHN", "JONES")),
      new Example(Field.FAMILY_NAME, Level.PHONETIC, names("JOHN", "FAULKNER"), names("JOHN", "FALCONER")),
      new Example(Field.FAMILY_NAME, Level.CLOSE, names("JOHN", "SMITH"), names("JOHN", "SMYTH")),
      new Example(Field.FAMILY_NAME, Level.SWAPPED, names("JOHN", "SMITH"), names("SMITH", "JOHN")),
      new Example(Field.FAMILY_NAME, Level.EXACT, names("JOHN", "SMITH"), names("MARY", "SMITH")),
      new Example(Field.DATE_OF_BIRTH, Level.MISSING, dob(null), dob(LocalDate.of(1980, 3, 4))),
      new Example(Field.DATE_OF_BIRTH, Level.DIFFERENT, dob(LocalDate.of(1980, 3, 4)), dob(LocalDate.of(1980, 5, 6))),
      new Example(Field.DATE_OF_BIRTH, Level.ONE_COMPONENT, dob(LocalDate.of(1980, 3, 4)),
          dob(LocalDate.of(1980, 3, 14))),
      new Example(Field.DATE_OF_BIRTH, Level.DEFAULT_DATE, dob(LocalDate.of(1980, 1, 1)),
          dob(LocalDate.of(1980, 6, 15))),
      new Example(Field.DATE_OF_BIRTH, Level.DAY_MONTH_SWAPPED, dob(LocalDate.of(1980, 3, 4)),
          dob(LocalDate.of(1980, 4, 3))),
      new Example(Field.DATE_OF_BIRTH, Level.EXACT, dob(LocalDate.of(1980, 3, 4)), dob(LocalDate.of(1980, 3, 4))),
      new Example(Field.SEX, Level.MISSING, sex(null), sex("F")),
      new Example(Field.SEX, Level.DIFFERENT, sex("M"), sex("F")),
      new Example(Field.SEX, Level.EXACT, sex("F"), sex("F")),
      new Example(Field.POSTCODE, Level.MISSING, postcode(null), postcode("M1 1AA")),
      new Example(Field.POSTCODE, Level.DIFFERENT, postcode("M1 1AA"), postcode("SK8 3BX")),
      new Example(Field.POSTCODE, Level.DISTRICT, postcode("M1 1AA"), postcode("M1 7BD")),
      new Example(Field.POSTCODE, Level.SECTOR, postcode("M1 1AA"), postcode("M1 1BD")),
      new Example(Field.POSTCODE, Level.CLOSE, postcode("M1 1AA"), postcode("M1 1AB")),
      new Example(Field.POSTCODE, Level.EXACT, postcode("M1 1AA"), postcode("M1 1AA")),
      new Example(Field.ADDRESS, Level.MISSING, address(null), address("12 OLDHAM ROAD")),
      new Example(Field.ADDRESS, Level.DIFFERENT, address("12 OLDHAM ROAD"), address("3 PARK AVENUE")),
      new Example(Field.ADDRESS, Level.CLOSE, address("12 OLDHAM ROAD"), address("12 OLDAM ROAD")),
      new Example(Field.ADDRESS, Level.EXACT, address("12 OLDHAM ROAD"), address("12 OLDHAM ROAD")));

  private record Example(Field field, Level level, IdentityRecord a, IdentityRecord b) {}

  @Test
  void everyLevelOfEveryFieldIsReachedByAPair() {
    for (Example example : ONE_PAIR_PER_LEVEL) {
      assertThat(levelOf(example.field(), example.a(), example.b())).as(example.toString()).isEqualTo(example.level());
      assertThat(levelOf(example.field(), example.b(), example.a()))
          .as("reversed " + example)
          .isEqualTo(example.level());
    }
    for (Field field : Field.values()) {
      assertThat(ONE_PAIR_PER_LEVEL.stream().filter(e -> e.field() == field).map(Example::level).toList())
          .as(field.label())
          .containsExactlyElementsOf(field.levels());
    }
  }

  private static Level levelOf(Field field, IdentityRecord a, IdentityRecord b) {
    return field.levels().get(Comparisons.level(field, a, b));
  }

  @Test
  void compareGivesOneLevelPerFieldInFieldOrder() {
    IdentityRecord moved = new IdentityRecord("9991234578", "JON", "SMITH", LocalDate.of(1980, 4, 3), null,
        "M1 7BD", null);
    assertThat(Comparisons.compare(JOHN, moved)).containsExactly(
        Field.NHS_NUMBER.indexOf(Level.EXACT),
        Field.GIVEN_NAME.indexOf(Level.CLOSE),
        Field.FAMILY_NAME.indexOf(Level.EXACT),
        Field.DATE_OF_BIRTH.indexOf(Level.DAY_MONTH_SWAPPED),
        Field.SEX.indexOf(Level.MISSING),
        Field.POSTCODE.indexOf(Level.DISTRICT),
        Field.ADDRESS.indexOf(Level.MISSING));
  }

  @Test
  void packAndUnpackRoundTripEveryLevelOfEveryField() {
    for (Field field : Field.values()) {
      for (int level = 0; level < field.levels().size(); level++) {
        int[] levels = new int[Field.values().length];
        levels[field.ordinal()] = level;
        levels[(field.ordinal() + 1) % levels.length] = 1;
        assertThat(Comparisons.unpack(Comparisons.pack(levels))).containsExactly(levels);
      }
    }
    int[] strongest = new int[Field.values().length];
    for (Field field : Field.values()) {
      strongest[field.ordinal()] = field.exactIndex();
    }
    assertThat(Comparisons.pack(strongest)).isPositive();
    assertThat(Comparisons.unpack(Comparisons.pack(strongest))).containsExactly(strongest);
  }

  @Test
  void packUsesFourBitsPerFieldLowestFirst() {
    assertThat(Comparisons.pack(new int[] {3, 0, 0, 0, 0, 0, 0})).isEqualTo(3);
    assertThat(Comparisons.pack(new int[] {0, 1, 0, 0, 0, 0, 2})).isEqualTo((1 << 4) | (2 << 24));
  }

  @Test
  void packRejectsLevelsOutOfRange() {
    assertThatThrownBy(() -> Comparisons.pack(new int[] {4, 0, 0, 0, 0, 0, 0}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("nhs_number");
    assertThatThrownBy(() -> Comparisons.pack(new int[] {0, 0}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("one per field");
  }

  private static IdentityRecord nhs(String number) {
    return new IdentityRecord(number, null, null, null, null, null, null);
  }

  private static IdentityRecord names(String given, String family) {
    return new IdentityRecord(null, given, family, null, null, null, null);
  }

  private static IdentityRecord dob(LocalDate date) {
    return new IdentityRecord(null, null, null, date, null, null, null);
  }

  private static IdentityRecord sex(String sex) {
    return new IdentityRecord(null, null, null, null, sex, null, null);
  }

  private static IdentityRecord postcode(String postcode) {
    return new IdentityRecord(null, null, null, null, null, postcode, null);
  }

  private static IdentityRecord address(String address) {
    return new IdentityRecord(null, null, null, null, null, null, address);
  }
}
