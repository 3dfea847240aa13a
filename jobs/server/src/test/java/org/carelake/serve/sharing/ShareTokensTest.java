package org.carelake.serve.sharing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShareTokensTest {
  @TempDir Path temp;

  @Test
  void aTokenIsValidUntilItExpiresOrIsRevokedAndOnlyItsHashIsStored() throws Exception {
    Path file = temp.resolve("tokens.txt");
    Instant now = Instant.parse("2026-11-28T10:00:00Z");
    ShareTokens.Issued a = ShareTokens.issue(file, "demo", now, now.plus(Duration.ofDays(2)));
    ShareTokens.Issued b = ShareTokens.issue(file, "other", now, now.plus(Duration.ofDays(2)));
    ShareTokens tokens = new ShareTokens(file);
    assertThat(tokens.check(a.token(), now).check()).isEqualTo(ShareTokens.Check.VALID);
    assertThat(tokens.check(a.token(), now).entry().orElseThrow().project()).isEqualTo("demo");
    assertThat(tokens.check(a.token(), now.plus(Duration.ofDays(2))).check()).isEqualTo(ShareTokens.Check.EXPIRED);
    // the right id with another secret, garbage, nothing
    String forged = a.token().substring(0, a.token().lastIndexOf('.') + 1) + b.token().substring(b.token().lastIndexOf('.') + 1);
    assertThat(tokens.check(forged, now).check()).isEqualTo(ShareTokens.Check.UNKNOWN);
    assertThat(tokens.check("nonsense", now).check()).isEqualTo(ShareTokens.Check.UNKNOWN);
    assertThat(tokens.check(null, now).check()).isEqualTo(ShareTokens.Check.UNKNOWN);

    assertThat(ShareTokens.revokeProject(file, "demo", now)).hasSize(1);
    assertThat(tokens.check(a.token(), now).check()).isEqualTo(ShareTokens.Check.REVOKED); // re-read without a restart
    assertThat(tokens.check(b.token(), now).check()).isEqualTo(ShareTokens.Check.VALID);
    assertThat(ShareTokens.list(file)).extracting(e -> e.status(now)).containsExactly("revoked", "active");

    String stored = Files.readString(file);
    assertThat(stored).doesNotContain(a.token().substring(a.token().lastIndexOf('.') + 1)).contains(a.entry().id());
    assertThat(a.toString()).doesNotContain(a.token());
    assertThatThrownBy(() -> ShareTokens.issue(file, "demo", now, now)).hasMessageContaining("expire");
  }

  @Test
  void aSignedFileUrlHoldsOnlyForItsOwnValuesAndUntilItsExpiry() {
    FileSigner signer = new FileSigner();
    Instant now = Instant.parse("2026-11-28T10:00:00Z");
    long expires = now.getEpochSecond() + 900;
    String sig = signer.sign("tok-000000000001", "cohort_t2dm__demo", "part-1.parquet", expires);
    assertThat(signer.verify("tok-000000000001", "cohort_t2dm__demo", "part-1.parquet", expires, sig, now)).isTrue();
    assertThat(signer.verify("tok-000000000001", "cohort_t2dm__demo", "part-1.parquet", expires, sig, now.plusSeconds(900))).isFalse();
    assertThat(signer.verify("tok-000000000001", "cohort_t2dm__demo", "part-2.parquet", expires, sig, now)).isFalse();
    assertThat(signer.verify("tok-000000000002", "cohort_t2dm__demo", "part-1.parquet", expires, sig, now)).isFalse();
    assertThat(signer.verify("tok-000000000001", "cohort_t2dm__other", "part-1.parquet", expires, sig, now)).isFalse();
    assertThat(signer.verify("tok-000000000001", "cohort_t2dm__demo", "part-1.parquet", expires + 1, sig, now)).isFalse();
    assertThat(new FileSigner().verify("tok-000000000001", "cohort_t2dm__demo", "part-1.parquet", expires, sig, now)).isFalse();
  }
}
