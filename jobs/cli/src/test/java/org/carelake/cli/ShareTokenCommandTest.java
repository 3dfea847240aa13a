package org.carelake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.carelake.access.ProjectTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code carelake share-token add|list|revoke} through the real entry point, as the IG lead types
 * them: the profile (or, for the SQL endpoint, the connection string) a researcher receives, what the
 * token file keeps, the approval's cap on expiry, and revocation. No Spark, no server.
 */
class ShareTokenCommandTest {
  @TempDir Path dir;

  @Test
  void issuesAProfileKeepsOnlyAHashCapsExpiryAtTheApprovalAndRevokes() throws IOException {
    LocalDate approvalEnds = LocalDate.now(ZoneOffset.UTC).plusDays(3);
    Path policy = Files.writeString(dir.resolve("policy.yaml"), """
        apiVersion: carelake/v1
        kind: AccessPolicy
        version: 1
        roles:
          researcher:
            description: A researcher on an approved project.
            project: required
            grants:
              - {zone: gold, tables: [project], actions: [read]}
        projects:
          p-one:
            title: A test project
            purpose: testing the token commands
            expires: %s
            datasets: [cohort_t2dm]
            key: derived
        """.formatted(approvalEnds));
    Path tokens = dir.resolve("share-tokens.txt");
    Path profile = dir.resolve("p-one.share");

    EntryPoint added = EntryPoint.run("share-token", "add", "--tokens", tokens.toString(), "--project", "p-one", "--days", "30",
        "--endpoint", "http://127.0.0.1:8090/delta-sharing", "--out", profile.toString(), "--policy", policy.toString());
    assertThat(added.exit()).as(added.err()).isZero();

    JsonNode json = new ObjectMapper().readTree(profile.toFile());
    String token = json.get("bearerToken").asText();
    assertThat(json.get("shareCredentialsVersion").asInt()).isEqualTo(1);
    assertThat(json.get("endpoint").asText()).isEqualTo("http://127.0.0.1:8090/delta-sharing");
    assertThat(token).hasSizeGreaterThan(40);
    // 30 days asked, but the approval ends sooner: the token ends with it.
    Instant expires = Instant.parse(json.get("expirationTime").asText());
    assertThat(expires).isBeforeOrEqualTo(approvalEnds.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(profile))).isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(tokens))).isEqualTo("rw-------");
    assertThat(Files.readString(tokens)).doesNotContain(token);
    assertThat(added.out()).doesNotContain(token);

    EntryPoint listed = EntryPoint.run("share-token", "list", "--tokens", tokens.toString());
    assertThat(listed.exit()).isZero();
    assertThat(listed.out()).contains("p-one", "active").doesNotContain(token);

    assertThat(EntryPoint.run("share-token", "revoke", "--tokens", tokens.toString(), "--project", "p-one").exit()).isZero();
    assertThat(ProjectTokens.list(tokens)).singleElement().satisfies(e -> assertThat(e.revoked()).isPresent());
    assertThat(EntryPoint.run("share-token", "list", "--tokens", tokens.toString()).out()).contains("revoked");

    // A project the policy does not declare gets no token, and no profile is written.
    EntryPoint refused = EntryPoint.run("share-token", "add", "--tokens", tokens.toString(), "--project", "p-two", "--days", "30",
        "--endpoint", "http://127.0.0.1:8090/delta-sharing", "--out", dir.resolve("p-two.share").toString(), "--policy", policy.toString());
    assertThat(refused.exit()).isNotZero();
    assertThat(refused.err()).contains("not declared in the access policy");
    assertThat(dir.resolve("p-two.share")).doesNotExist();

    // For the SQL endpoint (sc://), the same token store writes a Spark Connect connection string instead.
    Path connect = dir.resolve("p-one.connect");
    EntryPoint sql = EntryPoint.run("share-token", "add", "--tokens", tokens.toString(), "--project", "p-one", "--days", "30",
        "--endpoint", "sc://localhost:15002", "--out", connect.toString(), "--policy", policy.toString());
    assertThat(sql.exit()).as(sql.err()).isZero();
    String connection = Files.readString(connect).strip();
    assertThat(connection).matches("sc://localhost:15002/;token=cls1\\.tok-[0-9a-f]{12}\\.[A-Za-z0-9_-]{43};user_id=p-one");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(connect))).isEqualTo("rw-------");
    assertThat(sql.out()).contains("connection string").doesNotContain(connection.substring(connection.indexOf("token=")));
    assertThat(ProjectTokens.list(tokens)).hasSize(2);
  }
}
