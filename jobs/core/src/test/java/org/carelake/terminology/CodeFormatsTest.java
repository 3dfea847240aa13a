package org.carelake.terminology;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CodeFormatsTest {
  @ParameterizedTest
  @ValueSource(strings = {"44054006", "38341003", "195967001", "73211009", "22298006"})
  void acceptsRealSnomedConceptIds(String code) {
    assertThat(CodeFormats.isSnomedConceptId(code)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"44054007", "44054016", "12345", "0440540060", "4405400A"})
  void rejectsGarbledSnomedIds(String code) {
    assertThat(CodeFormats.isSnomedConceptId(code)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"E11.9", "I10", "J45.0", "F32.1", "E119", "U07.1"})
  void acceptsIcd10Shapes(String code) {
    assertThat(CodeFormats.isIcd10(code)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"ZZZ", "1E1", "E1", "e11.9"})
  void rejectsNonIcd10(String code) {
    assertThat(CodeFormats.isIcd10(code)).isFalse();
  }

  @ParameterizedTest
  @ValueSource(strings = {"K40.1", "W371", "H22"})
  void acceptsOpcs4Shapes(String code) {
    assertThat(CodeFormats.isOpcs4(code)).isTrue();
  }
}
