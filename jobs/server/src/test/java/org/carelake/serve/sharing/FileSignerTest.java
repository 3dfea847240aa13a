package org.carelake.serve.sharing;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class FileSignerTest {
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
