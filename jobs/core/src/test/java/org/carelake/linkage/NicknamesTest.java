package org.carelake.linkage;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NicknamesTest {
  @ParameterizedTest(name = "{0} ~ {1}")
  @CsvSource({"WILLIAM,BILL", "WILLIAM,LIAM", "BILLY,WILL", "ROBERT,BOB", "ELIZABETH,BETTY", "LIZ,BETH",
      "MARGARET,PEGGY", "JAMES,JIMMY", "THOMAS,TOM", "MICHAEL,MICK", "DANIEL,DANNY", "JONATHAN,JON", "JOHN,JACK",
      "CATHERINE,KATE", "KATHRYN,CATHERINE", "OLIVIA,LIV", "ALEXANDER,SANDY", "SAMUEL,SAM", "SEAN,SHAUN"})
  void namesInOneGroupAreVariantsEitherWayRound(String a, String b) {
    assertThat(Nicknames.areVariants(a, b)).isTrue();
    assertThat(Nicknames.areVariants(b, a)).isTrue();
  }

  @ParameterizedTest(name = "{0} !~ {1}")
  @CsvSource({"WILLIAM,ROBERT", "JON,JACK", "ALEXANDER,ALEXANDRA", "SAMUEL,SAMANTHA", "BILL,BILL", "WILLIAM,WILMA"})
  void namesInNoCommonGroupAreNotVariants(String a, String b) {
    assertThat(Nicknames.areVariants(a, b)).isFalse();
  }

  @Test
  void aNameInTwoGroupsIsAVariantOfBoth() {
    assertThat(Nicknames.areVariants("ALEX", "ALEXANDER")).isTrue();
    assertThat(Nicknames.areVariants("ALEX", "ALEXANDRA")).isTrue();
  }

  @Test
  void nullsAreNeverVariants() {
    assertThat(Nicknames.areVariants(null, "BILL")).isFalse();
    assertThat(Nicknames.areVariants("WILLIAM", null)).isFalse();
  }

  @Test
  void formalNamesHaveACommonNickname() {
    assertThat(Nicknames.nicknameOf("WILLIAM")).contains("BILL");
    assertThat(Nicknames.nicknameOf("ELIZABETH")).contains("LIZ");
    assertThat(Nicknames.nicknameOf("BILL")).isEmpty();
    assertThat(Nicknames.nicknameOf("ZEBEDEE")).isEmpty();
  }
}
