package org.carelake.serve.sharing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real delta-sharing client from PyPI (install-sharing-client.sh's venv) against the server on
 * loopback: it lists the project's tables and loads the cohort equal to the gold table's rows; a
 * wrong token, a token expired at the server and another project's token are refused.
 */
class SharingPythonClientIT {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void theDeltaSharingPythonClientReadsOnlyWhatItsTokenAllows(@TempDir Path temp) throws Exception {
    try (SharingFixture fixture = new SharingFixture(temp)) {
      Path good = temp.resolve("good.share");
      SharingProfile.write(good, fixture.endpoint(), fixture.issue("demo", Duration.ofDays(7)));
      Path wrong = temp.resolve("wrong.share");
      ObjectNode wrongProfile = (ObjectNode) JSON.readTree(good.toFile());
      String token = wrongProfile.get("bearerToken").asText();
      wrongProfile.put("bearerToken", token.substring(0, token.length() - 4) + "AAAA");
      Files.writeString(wrong, wrongProfile.toString());
      // expired at the server; the profile leaves out expirationTime so that the client asks and the server refuses
      Path expired = temp.resolve("expired.share");
      ObjectNode expiredProfile = (ObjectNode) JSON.readTree(SharingProfile.json(fixture.endpoint(), fixture.expired("demo")));
      expiredProfile.remove("expirationTime");
      Files.writeString(expired, expiredProfile.toString());
      Path other = temp.resolve("other.share");
      SharingProfile.write(other, fixture.endpoint(), fixture.issue("other", Duration.ofDays(7)));

      JsonNode result = run(good, wrong, expired, other);

      assertThat(result.at("/good_tables/ok").toString()).isEqualTo("[\"demo.gold.cohort_t2dm__demo\"]");
      List<Map<String, Object>> expected = new ArrayList<>();
      for (Object[] row : fixture.demoRows) {
        expected.add(Map.of("patient_id", row[0], "index_date", row[1].toString(), "age_band", row[2], "hba1c_tests", ((Long) row[3]).intValue()));
      }
      expected.sort((a, b) -> String.valueOf(a.get("patient_id")).compareTo(String.valueOf(b.get("patient_id"))));
      assertThat(result.at("/good_rows/ok").size()).isEqualTo(12);
      assertThat(result.at("/good_rows/ok")).isEqualTo(JSON.valueToTree(expected));
      assertThat(result.at("/good_limited/ok").asInt()).isEqualTo(3);
      assertThat(result.at("/wrong_tables/status").asInt()).isEqualTo(401);
      assertThat(result.at("/wrong_rows/status").asInt()).isEqualTo(401);
      assertThat(result.at("/expired_tables/status").asInt()).isEqualTo(401);
      assertThat(result.at("/expired_rows/status").asInt()).isEqualTo(401);
      assertThat(result.at("/other_tables/ok").toString()).isEqualTo("[\"other.gold.cohort_t2dm__other\"]");
      assertThat(result.at("/other_rows/status").asInt()).isEqualTo(403);

      assertThat(fixture.audit()).anySatisfy(row -> {
        assertThat(row.get("project")).isEqualTo("other");
        assertThat(row.get("outcome")).isEqualTo("REFUSED");
        assertThat(row.get("target")).isEqualTo("share demo");
      });
    }
  }

  private static JsonNode run(Path... profiles) throws Exception {
    String venv = System.getenv("CARELAKE_SHARING_CLIENT_VENV");
    String python = venv != null ? venv + "/bin/python" : System.getProperty("carelake.test.sharing-python", ".sharing-client-venv/bin/python");
    List<String> command = new ArrayList<>(List.of(python, Path.of("src/test/python/sharing_client_check.py").toAbsolutePath().toString()));
    for (Path profile : profiles) {
      command.add(profile.toString());
    }
    Process process = new ProcessBuilder(command).redirectErrorStream(false).start();
    byte[] err;
    byte[] out = process.getInputStream().readAllBytes();
    err = process.getErrorStream().readAllBytes();
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(new String(err, StandardCharsets.UTF_8)).isZero();
    String text = new String(out, StandardCharsets.UTF_8).strip();
    return JSON.readTree(text.substring(text.lastIndexOf('\n') + 1));
  }
}
