package org.carelake.linkage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.carelake.identity.NhsNumber;
import org.junit.jupiter.api.Test;

class BlockingRuleTest {
  private static final IdentityRecord ORIGINAL = new IdentityRecord("9991234578", "JOHN", "SMITH",
      LocalDate.of(1980, 3, 4), "M", "M1 1AA", "12 OLDHAM ROAD");

  /** One error of each kind the comparisons score, named, applied to a record. */
  private record Error(String name, String field, UnaryOperator<IdentityRecord> apply) {}

  private static final List<Error> ERRORS = List.of(
      new Error("given name typo", "given", r -> with(r, "given", "JHON")),
      new Error("given nickname", "given", r -> with(r, "given", "JACK")),
      new Error("given phonetic spelling", "given", r -> with(r, "given", "JON")),
      new Error("given initial only", "given", r -> with(r, "given", "J")),
      new Error("given missing", "given", r -> with(r, "given", null)),
      new Error("family typo", "family", r -> with(r, "family", "SMIHT")),
      new Error("family phonetic spelling", "family", r -> with(r, "family", "SMYTHE")),
      new Error("family changed on marriage", "family", r -> with(r, "family", "JONES")),
      new Error("day and month swapped", "dob", r -> with(r, LocalDate.of(1980, 4, 3))),
      new Error("wrong day", "dob", r -> with(r, LocalDate.of(1980, 3, 14))),
      new Error("year typo", "dob", r -> with(r, LocalDate.of(1986, 3, 4))),
      new Error("1 January placeholder", "dob", r -> with(r, LocalDate.of(1980, 1, 1))),
      new Error("date of birth missing", "dob", r -> with(r, (LocalDate) null)),
      new Error("NHS number transposed", "nhs", r -> with(r, "nhs", "9991234587")),
      new Error("NHS number missing", "nhs", r -> with(r, "nhs", null)),
      new Error("moved house", "postcode", r -> with(r, "postcode", "SK8 3BX")),
      new Error("postcode missing", "postcode", r -> with(r, "postcode", null)));

  @Test
  void aRecordWithoutNamesSharesABlockDespiteASwappedBirthDate() {
    IdentityRecord hospital = new IdentityRecord(null, null, null, java.time.LocalDate.of(1980, 4, 3), "F", "M1 1AA", null);
    List<String> keys = new ArrayList<>(BlockingRule.keys(ORIGINAL));
    keys.retainAll(BlockingRule.keys(hospital));
    assertThat(keys).containsExactly("POSTCODE_BIRTH_YEAR|M1 1AA:1980");
  }

  @Test
  void keysOfARecordArePinned() {
    assertThat(BlockingRule.keys(ORIGINAL)).containsExactly(
        "DATE_OF_BIRTH_SEX|1980-03-04:M",
        "DATE_OF_BIRTH_SWAPPED|1980-03-04:SM0",
        "FAMILY_PHONETIC_BIRTH_YEAR_INITIAL|SM0:1980:J",
        "GIVEN_PHONETIC_FAMILY_PHONETIC_DECADE|JN:SM0:198",
        "POSTCODE_GIVEN_INITIAL|M1 1AA:J",
        "POSTCODE_BIRTH_YEAR|M1 1AA:1980",
        "NHS_NUMBER_ADJACENT_SWAP|0:9991234578", "NHS_NUMBER_ADJACENT_SWAP|1:9991234578",
        "NHS_NUMBER_ADJACENT_SWAP|2:9919234578", "NHS_NUMBER_ADJACENT_SWAP|3:9991234578",
        "NHS_NUMBER_ADJACENT_SWAP|4:9991234578", "NHS_NUMBER_ADJACENT_SWAP|5:9991234578",
        "NHS_NUMBER_ADJACENT_SWAP|6:9991234578", "NHS_NUMBER_ADJACENT_SWAP|7:9991234578",
        "NHS_NUMBER_ADJACENT_SWAP|8:9991234578");
  }

  @Test
  void aRecordWithNothingHasNoKeys() {
    assertThat(BlockingRule.keys(new IdentityRecord(null, null, null, null, null, null, null))).isEmpty();
  }

  @Test
  void everySingleErrorStillSharesABlockWithTheOriginal() {
    for (Error error : ERRORS) {
      assertThat(shareABlock(ORIGINAL, error.apply().apply(ORIGINAL))).as(error.name()).isTrue();
    }
  }

  @Test
  void everyTwoErrorsInDifferentFieldsStillShareABlockWithTheOriginal() {
    List<String> lost = new ArrayList<>();
    for (Error first : ERRORS) {
      for (Error second : ERRORS) {
        if (!first.field().equals(second.field())) {
          IdentityRecord changed = second.apply().apply(first.apply().apply(ORIGINAL));
          if (!shareABlock(ORIGINAL, changed)) {
            lost.add(first.name() + " + " + second.name());
          }
        }
      }
    }
    assertThat(lost).isEmpty();
  }

  /**
   * A record of the rest (no NHS number) meets its person's record through the other rules alone:
   * every single error keeps a shared block, and of two errors only those that leave no field
   * the rules key on intact for both records lose it.
   */
  @Test
  void withoutAnNhsNumberEverySingleErrorAndMostPairsOfErrorsStillShareABlock() {
    IdentityRecord unnumbered = with(ORIGINAL, "nhs", null);
    for (Error error : ERRORS) {
      assertThat(shareABlock(ORIGINAL, error.apply().apply(unnumbered))).as(error.name()).isTrue();
    }
    List<String> lost = new ArrayList<>();
    for (Error first : ERRORS) {
      for (Error second : ERRORS) {
        if (!first.field().equals(second.field()) && !first.field().equals("nhs") && !second.field().equals("nhs")
            && first.name().compareTo(second.name()) < 0) {
          IdentityRecord changed = second.apply().apply(first.apply().apply(unnumbered));
          if (!shareABlock(ORIGINAL, changed)) {
            lost.add(first.name() + " + " + second.name());
          }
        }
      }
    }
    // Nothing left to key on for both: the given name and the year (the date of birth is whole or absent),
    // or the date of birth and the given name, gone together.
    assertThat(lost).containsExactlyInAnyOrder("given missing + year typo", "date of birth missing + given missing");
  }

  @Test
  void aDayMonthSwapSharesTheSwappedDateKey() {
    IdentityRecord swapped = with(ORIGINAL, LocalDate.of(1980, 4, 3));
    assertThat(BlockingRule.DATE_OF_BIRTH_SWAPPED.key(swapped))
        .isEqualTo(BlockingRule.DATE_OF_BIRTH_SWAPPED.key(ORIGINAL))
        .isEqualTo("1980-03-04:SM0");
  }

  @Test
  void theSwappedDateRuleNeedsASwappableDate() {
    assertThat(BlockingRule.DATE_OF_BIRTH_SWAPPED.key(with(ORIGINAL, LocalDate.of(1980, 3, 13)))).isNull();
    assertThat(BlockingRule.DATE_OF_BIRTH_SWAPPED.key(with(ORIGINAL, LocalDate.of(1980, 3, 3)))).isNull();
    assertThat(BlockingRule.DATE_OF_BIRTH_SWAPPED.key(with(ORIGINAL, "family", null))).isNull();
  }

  @Test
  void aTransposedNhsNumberMeetsItsOriginalButNotANumberWithTheSameDigitsElsewhere() {
    List<String> original = BlockingRule.NHS_NUMBER_ADJACENT_SWAP.keysOf(ORIGINAL);
    List<String> transposed = new ArrayList<>(BlockingRule.NHS_NUMBER_ADJACENT_SWAP.keysOf(with(ORIGINAL, "nhs", "9991234587")));
    transposed.retainAll(original);
    assertThat(transposed).containsExactly("8:9991234578");
    // Same ten digits, but not one adjacent swap apart: no shared block.
    List<String> shuffled = new ArrayList<>(BlockingRule.NHS_NUMBER_ADJACENT_SWAP.keysOf(with(ORIGINAL, "nhs", "9998754321")));
    shuffled.retainAll(original);
    assertThat(shuffled).isEmpty();
    assertThat(BlockingRule.NHS_NUMBER_ADJACENT_SWAP.keysOf(with(ORIGINAL, "nhs", "0000000000"))).isEmpty();
  }

  private static boolean shareABlock(IdentityRecord a, IdentityRecord b) {
    List<String> keys = new ArrayList<>(BlockingRule.keys(a));
    keys.retainAll(BlockingRule.keys(b));
    return !keys.isEmpty();
  }

  private static IdentityRecord with(IdentityRecord r, LocalDate dateOfBirth) {
    return new IdentityRecord(r.nhsNumber(), r.givenName(), r.familyName(), dateOfBirth, r.sex(), r.postcode(),
        r.address());
  }

  private static IdentityRecord with(IdentityRecord r, String field, String value) {
    return switch (field) {
      case "nhs" -> new IdentityRecord(value, r.givenName(), r.familyName(), r.dateOfBirth(), r.sex(), r.postcode(),
          r.address());
      case "given" -> new IdentityRecord(r.nhsNumber(), value, r.familyName(), r.dateOfBirth(), r.sex(), r.postcode(),
          r.address());
      case "family" -> new IdentityRecord(r.nhsNumber(), r.givenName(), value, r.dateOfBirth(), r.sex(), r.postcode(),
          r.address());
      case "postcode" -> new IdentityRecord(r.nhsNumber(), r.givenName(), r.familyName(), r.dateOfBirth(), r.sex(),
          value, value == null ? null : "3 PARK AVENUE");
      default -> throw new IllegalArgumentException(field);
    };
  }

  @Test
  void numberNeighbourKeysMeetExactlyTheNumbersWithinOneEdit() {
    String number = "9991234578";
    assertThat(sharesNeighbourKey(number, number)).as("same number").isTrue();
    assertThat(sharesNeighbourKey(number, "9991234587")).as("last two digits swapped").isTrue();
    assertThat(sharesNeighbourKey(number, "9992134578")).as("two middle digits swapped").isTrue();
    assertThat(sharesNeighbourKey(number, "9991234570")).as("check digit mistyped").isTrue();
    assertThat(sharesNeighbourKey(number, "9991834578")).as("one middle digit mistyped").isTrue();
    assertThat(sharesNeighbourKey(number, "9991834570")).as("two digits mistyped").isFalse();
    assertThat(sharesNeighbourKey(number, "9991238574")).as("two digits apart swapped").isFalse();
    assertThat(BlockingRule.numberNeighbourKeys("0000000000")).as("placeholder").isEmpty();
    assertThat(BlockingRule.numberNeighbourKeys("99912345")).as("too short").isEmpty();
    assertThat(BlockingRule.numberNeighbourKeys(null)).as("missing").isEmpty();
  }

  /**
   * The premise of {@link BlockingRule#numberNeighbourKeysOfKnown}: Modulus 11 rejects every single
   * wrong digit and every swap of two adjacent different digits of a valid number.
   */
  @Test
  void noValidNumberIsOneEditFromAnotherValidNumber() {
    java.util.Random random = new java.util.Random(11);
    for (int n = 0; n < 2_000; n++) {
      String number = validNumber(random);
      for (int i = 0; i < 10; i++) {
        for (char d = '0'; d <= '9'; d++) {
          if (d != number.charAt(i)) {
            String typo = number.substring(0, i) + d + number.substring(i + 1);
            assertThat(NhsNumber.isValid(typo)).as("digit %d of a valid number mistyped", i).isFalse();
          }
        }
      }
      for (int i = 0; i < 9; i++) {
        char[] digits = number.toCharArray();
        char first = digits[i];
        digits[i] = digits[i + 1];
        digits[i + 1] = first;
        String swapped = new String(digits);
        assertThat(!swapped.equals(number) && NhsNumber.isValid(swapped)).as("digits %d and %d of a valid number swapped", i, i + 1)
            .isFalse();
      }
    }
  }

  @Test
  void aKnownValidNumberOffersNoNeighbourKeyAndAKnownTypoOffersEvery() {
    String valid = "9991234578";
    assertThat(BlockingRule.numberNeighbourKeysOfKnown(valid)).isEmpty();
    String typo = "9991234587";
    assertThat(BlockingRule.numberNeighbourKeysOfKnown(typo)).isEqualTo(BlockingRule.numberNeighbourKeys(typo)).isNotEmpty();
    // a new valid number meets the known typo it is one edit from
    List<String> keys = new ArrayList<>(BlockingRule.numberNeighbourKeys(valid));
    keys.retainAll(BlockingRule.numberNeighbourKeysOfKnown(typo));
    assertThat(keys).containsExactly("swap 8:9991234578");
  }

  private static String validNumber(java.util.Random random) {
    while (true) {
      String number = "999" + String.format("%07d", random.nextInt(10_000_000));
      if (NhsNumber.isValid(number)) {
        return number;
      }
    }
  }

  private static boolean sharesNeighbourKey(String a, String b) {
    List<String> keys = new ArrayList<>(BlockingRule.numberNeighbourKeys(a));
    keys.retainAll(BlockingRule.numberNeighbourKeys(b));
    return !keys.isEmpty();
  }
}
