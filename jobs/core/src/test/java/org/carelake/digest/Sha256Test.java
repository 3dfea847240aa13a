package org.carelake.digest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class Sha256Test {
  @Test
  void matchesTheStandardsTestVectors() {
    // FIPS 180-2 examples: "abc" and the empty message.
    assertThat(Sha256.hex("abc")).isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assertThat(Sha256.hex(new byte[0])).isEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    assertThat(Sha256.hex("é")).isEqualTo(Sha256.hex("é".getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void partsAreSeparatedSoTheirBoundariesCount() {
    assertThat(Sha256.hexOfParts(List.of("ab", "c"))).isNotEqualTo(Sha256.hexOfParts(List.of("a", "bc")));
    assertThat(Sha256.hexOfParts(List.of("a", "b"))).isEqualTo(Sha256.hex("a\u0000b"));
    assertThat(Sha256.hexOfParts(List.of("only"))).isEqualTo(Sha256.hex("only"));
  }
}
