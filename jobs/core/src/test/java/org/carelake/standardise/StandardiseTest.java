package org.carelake.standardise;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StandardiseTest {
  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"M,M", "1,M", "F,F", "2,F", "I,I", "9,I", "U,U", "X,U", "'',U"})
  void sexCodesOfBothSuppliersMeetOnOneConvention(String code, String expected) {
    assertThat(Standardise.sex(code)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"A,White", "C,White", "D,Mixed", "H,Asian", "L,Asian", "M,Black", "P,Black", "R,Other", "S,Other", "Z,Not stated"})
  void ethnicCategoriesGroupIntoCensusGroups(String category, String group) {
    assertThat(Standardise.ethnicGroup(category)).isEqualTo(group);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({"E119,E11.9", "E11.9,E11.9", "i10,I10", "K401,K40.1", "J45.0,J45.0"})
  void codesGetADotAfterTheThirdCharacter(String code, String expected) {
    assertThat(Standardise.dottedCode(code)).isEqualTo(expected);
  }

  @Test
  void postcodesAreUpperCaseWithOneSpace() {
    assertThat(Standardise.postcode("m11aa")).isEqualTo("M1 1AA");
    assertThat(Standardise.postcode(" BL1  4QT ")).isEqualTo("BL1 4QT");
    assertThat(Standardise.postcode("nonsense-long-value")).isNull();
  }

  @Test
  void ageIsWholeYearsAndNeverNegative() {
    LocalDate birth = LocalDate.of(1980, 6, 15);
    assertThat(Standardise.ageYears(birth, LocalDate.of(2026, 6, 14))).isEqualTo(45);
    assertThat(Standardise.ageYears(birth, LocalDate.of(2026, 6, 15))).isEqualTo(46);
    assertThat(Standardise.ageYears(birth, LocalDate.of(1979, 1, 1))).isNull();
    assertThat(Standardise.ageYears(null, LocalDate.of(2026, 1, 1))).isNull();
  }
}
