package org.carelake.planning;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeprivationQuintilesTest {
  @Test
  void twoDecilesMakeAQuintileAndAnythingElseIsUnknown() {
    assertThat(DeprivationQuintiles.of(1)).isEqualTo("1");
    assertThat(DeprivationQuintiles.of(2)).isEqualTo("1");
    assertThat(DeprivationQuintiles.of(3)).isEqualTo("2");
    assertThat(DeprivationQuintiles.of(6)).isEqualTo("3");
    assertThat(DeprivationQuintiles.of(9)).isEqualTo("5");
    assertThat(DeprivationQuintiles.of(10)).isEqualTo("5");
    assertThat(DeprivationQuintiles.of(null)).isEqualTo("unknown");
    assertThat(DeprivationQuintiles.of(0)).isEqualTo("unknown");
    assertThat(DeprivationQuintiles.of(11)).isEqualTo("unknown");
  }
}
