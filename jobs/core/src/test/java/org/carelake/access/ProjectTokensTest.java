package org.carelake.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectTokensTest {
  @TempDir Path temp;

  @Test
  void aTokenIsValidUntilItExpiresOrIsRevokedAndOnlyItsHashIsStored() throws Exception {
    Path file = temp.resolve("tokens.txt");
    Instant now = Instant.parse("2026-11-28T10:00:00Z");
    ProjectTokens.Issued a = ProjectTokens.issue(file, "demo", now, now.plus(Duration.ofDays(2)));
    ProjectTokens.Issued b = ProjectTokens.issue(file, "other", now, now.plus(Duration.ofDays(2)));
    ProjectTokens tokens = new ProjectTokens(file);
    assertThat(tokens.check(a.token(), now).check()).isEqualTo(ProjectTokens.Check.VALID);
    assertThat(tokens.check(a.token(), now).entry().orElseThrow().project()).isEqualTo("demo");
    assertThat(tokens.check(a.token(), now.plus(Duration.ofDays(2))).check()).isEqualTo(ProjectTokens.Check.EXPIRED);
    // the right id with another secret, garbage, nothing
    String forged = a.token().substring(0, a.token().lastIndexOf('.') + 1) + b.token().substring(b.token().lastIndexOf('.') + 1);
    assertThat(tokens.check(forged, now).check()).isEqualTo(ProjectTokens.Check.UNKNOWN);
    assertThat(tokens.check("nonsense", now).check()).isEqualTo(ProjectTokens.Check.UNKNOWN);
    assertThat(tokens.check(null, now).check()).isEqualTo(ProjectTokens.Check.UNKNOWN);

    assertThat(ProjectTokens.revokeProject(file, "demo", now)).hasSize(1);
    assertThat(tokens.check(a.token(), now).check()).isEqualTo(ProjectTokens.Check.REVOKED); // re-read without a restart
    assertThat(tokens.check(b.token(), now).check()).isEqualTo(ProjectTokens.Check.VALID);
    assertThat(ProjectTokens.list(file)).extracting(e -> e.status(now)).containsExactly("revoked", "active");

    String stored = Files.readString(file);
    assertThat(stored).doesNotContain(a.token().substring(a.token().lastIndexOf('.') + 1)).contains(a.entry().id());
    assertThat(a.toString()).doesNotContain(a.token());
    assertThatThrownBy(() -> ProjectTokens.issue(file, "demo", now, now)).hasMessageContaining("expire");
  }
}
