package org.carelake.linkage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.carelake.linkage.NumberFounders.Role.FOUNDER;
import static org.carelake.linkage.NumberFounders.Role.JOINS;
import static org.carelake.linkage.NumberFounders.Role.SET_ASIDE;
import static org.carelake.linkage.NumberFounders.Role.WAITS;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class NumberFoundersTest {
  private static final String NUMBER = "9990000018";
  private static final IdentityRecord HOLDER =
      new IdentityRecord(NUMBER, "OLIVER", "HALL", LocalDate.of(2011, 8, 13), "M", "OL15 5RN", "177 FERN CLOSE");
  private static final IdentityRecord HOLDER_HOSPITAL =
      new IdentityRecord(NUMBER, null, null, LocalDate.of(2011, 8, 13), "M", "OL15 5RN", null);
  /** Someone else, older, carrying the holder's number. */
  private static final IdentityRecord BORROWER =
      new IdentityRecord(NUMBER, "ETHEL", "THORPE", LocalDate.of(1954, 5, 24), "F", "M19 3PB", "9 PRINCESS ROAD");
  private static final IdentityRecord EVENT = new IdentityRecord(NUMBER, null, null, null, null, null, null);

  @Test
  void recordsThatAgreeJoinTheFounder() {
    IdentityRecord typo = new IdentityRecord(NUMBER, "OLIVR", "HALL", LocalDate.of(2011, 8, 13), "M", "OL15 5RN", null);
    assertThat(NumberFounders.decide(List.of(HOLDER, typo, EVENT))).containsExactly(FOUNDER, JOINS, JOINS);
  }

  @Test
  void theBestSupportedRecordFoundsAndABorrowerIsSetAside() {
    // The borrower is older, so electing by the earliest date of birth would have handed it the number.
    assertThat(NumberFounders.decide(List.of(BORROWER, HOLDER, HOLDER_HOSPITAL, EVENT)))
        .containsExactly(SET_ASIDE, FOUNDER, JOINS, JOINS);
  }

  @Test
  void aNumberTwoDisagreeingRecordsClaimAsStronglyIsDisputed() {
    assertThat(NumberFounders.decide(List.of(BORROWER, HOLDER, EVENT))).containsExactly(SET_ASIDE, SET_ASIDE, WAITS);
    assertThat(NumberFounders.decide(List.of(HOLDER, BORROWER))).containsExactly(SET_ASIDE, SET_ASIDE);
  }

  @Test
  void aTwinCarryingTheOtherTwinsNumberDisputesItUntilTheHolderHasMoreRecords() {
    IdentityRecord twin = new IdentityRecord(NUMBER, "AMELIA", "HALL", LocalDate.of(2011, 8, 13), "F", "OL15 5RN", "177 FERN CLOSE");
    assertThat(NumberFounders.decide(List.of(twin, HOLDER))).containsExactly(SET_ASIDE, SET_ASIDE);
    IdentityRecord holderAgain = new IdentityRecord(NUMBER, "OLIVER", "HALL", LocalDate.of(2011, 8, 13), null, null, null);
    assertThat(NumberFounders.decide(List.of(twin, HOLDER, holderAgain))).containsExactly(SET_ASIDE, FOUNDER, JOINS);
  }

  @Test
  void aNumberWithoutDemographicsIsFoundedByItsFirstRecord() {
    IdentityRecord another = new IdentityRecord(NUMBER, null, null, null, null, "M1 1AA", null);
    assertThat(NumberFounders.decide(List.of(EVENT, another))).containsExactly(FOUNDER, JOINS);
    assertThat(NumberFounders.decide(List.of())).isEmpty();
  }

  @Test
  void aDifferentGivenNameDisagreesAndADifferentBirthDateOnlyWithoutAgreeingNames() {
    IdentityRecord otherDate = new IdentityRecord(NUMBER, "OLIVER", "HALL", LocalDate.of(1990, 3, 13), "M", null, null);
    assertThat(NumberFounders.agrees(HOLDER, otherDate)).isTrue();
    assertThat(NumberFounders.agrees(HOLDER_HOSPITAL, new IdentityRecord(NUMBER, null, null, LocalDate.of(1990, 3, 13), "M",
        null, null))).isFalse();
    assertThat(NumberFounders.agrees(HOLDER, BORROWER)).isFalse();
    assertThat(NumberFounders.agrees(HOLDER, EVENT)).isTrue();
  }
}
