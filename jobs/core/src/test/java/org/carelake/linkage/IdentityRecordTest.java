package org.carelake.linkage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class IdentityRecordTest {
  @Test
  void aNumberPassingModulus11IsUsable() {
    assertThat(withNhsNumber("9991234578").hasUsableNhsNumber()).isTrue();
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(strings = {"9991234570", "0000000000", "1111111111", "999123457"})
  void badCheckDigitsAndPlaceholdersAreNotUsable(String number) {
    // 0000000000 and 1111111111 both pass Modulus 11 but are typed when the number is unknown.
    assertThat(withNhsNumber(number).hasUsableNhsNumber()).isFalse();
  }

  @Test
  void toStringNamesPresentFieldsButNoValues() {
    IdentityRecord record = new IdentityRecord("9991234578", "ZOE", "OBRIEN", LocalDate.of(1980, 2, 3), null,
        "M1 1AA", null);
    assertThat(record.toString())
        .isEqualTo("IdentityRecord[present=nhs_number,given_name,family_name,date_of_birth,postcode]")
        .doesNotContain("9991234578", "ZOE", "OBRIEN", "1980", "M1 1AA");
  }

  private static IdentityRecord withNhsNumber(String number) {
    return new IdentityRecord(number, null, null, null, null, null, null);
  }
}
