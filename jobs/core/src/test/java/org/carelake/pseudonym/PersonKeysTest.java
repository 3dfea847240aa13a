package org.carelake.pseudonym;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.carelake.error.CareLakeException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PersonKeysTest {
  private static final PseudonymKey KEY_A = PseudonymKey.fromHex("11".repeat(32));
  private static final PseudonymKey KEY_B = PseudonymKey.fromHex("22".repeat(32));

  @Test
  void sameNumberSameKeyGivesSamePseudonym() {
    assertThat(new PersonKeys(KEY_A).personKey("9990000018"))
        .isEqualTo(new PersonKeys(KEY_A).personKey("9990000018"))
        .hasSize(64)
        .matches("[0-9a-f]{64}");
  }

  @Test
  void differentKeyGivesDifferentPseudonym() {
    assertThat(new PersonKeys(KEY_A).personKey("9990000018"))
        .isNotEqualTo(new PersonKeys(KEY_B).personKey("9990000018"));
  }

  @Test
  void domainsNeverCoincide() {
    PersonKeys keys = new PersonKeys(KEY_A);
    String person = keys.personKey("9990000018");
    assertThat(keys.projectPseudonym("p1", person))
        .isNotEqualTo(keys.projectPseudonym("p2", person))
        .isNotEqualTo(person);
    assertThat(keys.recordKey("f", "b", "9990000018")).isNotEqualTo(person);
  }

  @Test
  void nullStaysNull() {
    assertThat(new PersonKeys(KEY_A).personKey(null)).isNull();
  }

  @Test
  void noKeyStopsWithClearError() {
    assertThatThrownBy(() -> PseudonymKey.resolve(Optional.empty(), Map.of()))
        .isInstanceOf(CareLakeException.class)
        .hasMessageContaining("CARELAKE_PSEUDONYM_KEY");
  }

  @Test
  void shortKeyIsRefused() {
    assertThatThrownBy(() -> PseudonymKey.fromHex("abcd")).hasMessageContaining("at least 32");
  }

  @Test
  void keyFileIsReadAndNeverPrinted(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("demo.key");
    Files.writeString(file, "33".repeat(32) + "\n");
    PseudonymKey key = PseudonymKey.resolve(Optional.of(file), Map.of());
    assertThat(key).isEqualTo(PseudonymKey.fromHex("33".repeat(32)));
    assertThat(key.toString()).doesNotContain("33");
    assertThat(key.fingerprint()).hasSize(12);
  }

  @Test
  void aKeyCarriesItsIdAndVersionAndAPlainHexKeyIsStillRead(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("region.key");
    Files.writeString(file, "# the region's key\ngm-pseudonym:3:" + "44".repeat(32) + "\n");
    PseudonymKey key = PseudonymKey.resolve(Optional.of(file), Map.of());
    assertThat(key.id()).isEqualTo("gm-pseudonym");
    assertThat(key.version()).isEqualTo(3);
    assertThat(key.label()).isEqualTo("gm-pseudonym v3");
    assertThat(key).isEqualTo(PseudonymKey.fromHex("44".repeat(32)));
    assertThat(key.toString()).doesNotContain("44");
    assertThat(PseudonymKey.parse(key.toText())).isEqualTo(key);

    PseudonymKey fromEnvironment = PseudonymKey.resolve(Optional.empty(), Map.of(PseudonymKey.ENVIRONMENT_VARIABLE, "55".repeat(32)));
    assertThat(fromEnvironment.label()).isEqualTo("unnamed v1");
    assertThat(PseudonymKey.resolve(Optional.empty(), Map.of(PseudonymKey.ENVIRONMENT_VARIABLE, "k:2:" + "55".repeat(32))).version())
        .isEqualTo(2);
  }

  @Test
  void aMalformedKeyIdOrVersionIsRefusedWithoutShowingTheKey() {
    assertThatThrownBy(() -> PseudonymKey.parse("Bad Id:1:" + "66".repeat(32))).isInstanceOf(CareLakeException.class)
        .message().doesNotContain("66");
    assertThatThrownBy(() -> PseudonymKey.parse("k:one:" + "66".repeat(32))).hasMessageContaining("version")
        .message().doesNotContain("6666");
    assertThatThrownBy(() -> PseudonymKey.parse("k:0:" + "66".repeat(32))).hasMessageContaining("version");
  }

  @Test
  void aRekeyedPseudonymDependsOnTheNewKeyOnly() {
    String old = new PersonKeys(KEY_A).personKey("9990000018");
    assertThat(new PersonKeys(KEY_B).rekeyedPseudonym(old)).matches("[0-9a-f]{64}").isNotEqualTo(old)
        .isNotEqualTo(new PersonKeys(KEY_A).rekeyedPseudonym(old));
  }
}
