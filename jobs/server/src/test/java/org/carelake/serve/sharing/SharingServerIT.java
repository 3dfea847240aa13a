package org.carelake.serve.sharing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.carelake.access.ProjectTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sharing server on loopback over a Kernel-written lake, spoken to in the Delta Sharing protocol over HTTP. */
class SharingServerIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path temp;
  static SharingFixture fixture;
  static ProjectTokens.Issued demo;
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws IOException {
    fixture = new SharingFixture(temp);
    demo = fixture.issue("demo", Duration.ofDays(30));
  }

  @AfterAll
  static void stop() {
    fixture.close();
  }

  static HttpResponse<String> get(String path, String token) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : fixture.endpoint() + path));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<byte[]> bytes(String url, String range) throws Exception {
    // As the Python client's HTTP layer (aiohttp) asks: a compressed answer would break its ranges.
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept-Encoding", "gzip, deflate");
    if (range != null) {
      request.header("Range", range);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  static HttpResponse<String> query(String table, String token, String body) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(fixture.endpoint() + "/shares/demo/schemas/gold/tables/" + table + "/query"))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void listsOnlyTheProjectsOwnShareSchemaAndPublishedTables() throws Exception {
    JsonNode shares = JSON.readTree(get("/shares", demo.token()).body());
    assertThat(shares.get("items")).hasSize(1);
    assertThat(shares.get("items").get(0).get("name").asText()).isEqualTo("demo");
    assertThat(JSON.readTree(get("/shares/demo", demo.token()).body()).at("/share/name").asText()).isEqualTo("demo");
    assertThat(JSON.readTree(get("/shares/demo/schemas", demo.token()).body()).at("/items/0/name").asText()).isEqualTo("gold");
    // cohort_unbuilt is declared but not published: not listed; the other projects' tables never are
    for (String path : List.of("/shares/demo/schemas/gold/tables", "/shares/demo/all-tables")) {
      JsonNode tables = JSON.readTree(get(path, demo.token()).body()).get("items");
      assertThat(tables).hasSize(1);
      assertThat(tables.get(0).get("name").asText()).isEqualTo("cohort_t2dm__demo");
      assertThat(tables.get(0).get("share").asText()).isEqualTo("demo");
    }
  }

  @Test
  void versionMetadataAndQueryFollowTheProtocol() throws Exception {
    HttpResponse<String> version = get("/shares/demo/schemas/gold/tables/cohort_t2dm__demo/version", demo.token());
    assertThat(version.statusCode()).isEqualTo(200);
    assertThat(version.headers().firstValue("delta-table-version")).hasValue("1");
    HttpResponse<Void> head = HTTP.send(HttpRequest.newBuilder(URI.create(fixture.endpoint() + "/shares/demo/schemas/gold/tables/cohort_t2dm__demo"))
        .header("Authorization", "Bearer " + demo.token()).method("HEAD", HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.discarding());
    assertThat(head.headers().firstValue("delta-table-version")).hasValue("1");

    String[] metadata = get("/shares/demo/schemas/gold/tables/cohort_t2dm__demo/metadata", demo.token()).body().split("\n");
    assertThat(JSON.readTree(metadata[0]).at("/protocol/minReaderVersion").asInt()).isEqualTo(1);
    JsonNode meta = JSON.readTree(metadata[1]).get("metaData");
    assertThat(meta.at("/format/provider").asText()).isEqualTo("parquet");
    assertThat(JSON.readTree(meta.get("schemaString").asText()).get("fields")).hasSize(4);
    assertThat(meta.get("numFiles").asInt()).isEqualTo(2);

    HttpResponse<String> query = query("cohort_t2dm__demo", demo.token(), "{}");
    assertThat(query.headers().firstValue("content-type").orElse("")).startsWith("application/x-ndjson");
    String[] lines = query.body().split("\n");
    assertThat(lines).hasSize(4);
    long records = 0;
    for (int i = 2; i < lines.length; i++) {
      JsonNode file = JSON.readTree(lines[i]).get("file");
      records += JSON.readTree(file.get("stats").asText()).get("numRecords").asLong();
      HttpResponse<byte[]> whole = bytes(file.get("url").asText(), null);
      assertThat(whole.statusCode()).isEqualTo(200);
      // Files are served as they are, never compressed on the way (Content-Length is the file's).
      assertThat(file.get("size").asInt()).as("a file big enough for the server to want to compress it").isGreaterThan(1500);
      assertThat(whole.headers().firstValue("content-encoding")).isEmpty();
      assertThat(whole.headers().firstValue("content-length")).hasValue(file.get("size").asText());
      assertThat(whole.body()).hasSize(file.get("size").asInt());
      assertThat(new String(whole.body(), 0, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PAR1");
      HttpResponse<byte[]> tail = bytes(file.get("url").asText(), "bytes=-8");
      assertThat(tail.statusCode()).isEqualTo(206);
      assertThat(tail.body()).hasSize(8);
      HttpResponse<byte[]> from = bytes(file.get("url").asText(), "bytes=0-");
      assertThat(from.statusCode()).isEqualTo(206);
      assertThat(from.headers().firstValue("content-encoding")).isEmpty();
      assertThat(from.body()).isEqualTo(whole.body());
      assertThat(file.get("expirationTimestamp").asLong()).isGreaterThan(Instant.now().toEpochMilli());
    }
    assertThat(records).isEqualTo(12);

    // version 0 holds the first commit's file only; a limit hint of 3 is covered by the first file
    String[] atZero = query("cohort_t2dm__demo", demo.token(), "{\"version\":0}").body().split("\n");
    assertThat(atZero).hasSize(3);
    assertThat(JSON.readTree(atZero[2]).at("/file/version").asLong()).isZero();
    assertThat(query("cohort_t2dm__demo", demo.token(), "{\"limitHint\":3}").body().split("\n")).hasSize(3);
    assertThat(query("cohort_t2dm__demo", demo.token(), "{\"version\":7}").statusCode()).isEqualTo(400);
  }

  @Test
  void alteredOrExpiredOrForeignFileUrlsAreRefused() throws Exception {
    String[] lines = query("cohort_t2dm__demo", demo.token(), "{}").body().split("\n");
    String url = JSON.readTree(lines[2]).at("/file/url").asText();
    char first = url.charAt(url.indexOf("sig=") + 4);
    String altered = url.replace("sig=" + first, "sig=" + (first == 'A' ? 'B' : 'A'));
    assertThat(altered).isNotEqualTo(url);
    assertThat(bytes(altered, null).statusCode()).isEqualTo(403);
    long expires = Long.parseLong(url.replaceAll(".*expires=(\\d+).*", "$1"));
    assertThat(bytes(url.replace("expires=" + expires, "expires=" + (expires + 3600)), null).statusCode()).isEqualTo(403);
    // the same signature on another table's path
    assertThat(bytes(url.replace("/cohort_t2dm__demo/", "/cohort_t2dm__other/"), null).statusCode()).isEqualTo(403);
    // a URL signed for an expiry already past
    String tokenId = demo.entry().id();
    String path = new String(java.util.Base64.getUrlDecoder().decode(url.replaceAll(".*/cohort_t2dm__demo/([^?]+)\\?.*", "$1")));
    long past = Instant.now().getEpochSecond() - 1;
    FileSigner other = new FileSigner();
    String forged = url.replaceAll("expires=\\d+&sig=.*", "expires=" + past + "&sig=" + other.sign(tokenId, "cohort_t2dm__demo", path, past));
    assertThat(bytes(forged, null).statusCode()).isEqualTo(403);
    assertThat(bytes(url, null).statusCode()).isEqualTo(200);
  }

  @Test
  void wrongExpiredAndRevokedTokensGet401() throws Exception {
    HttpResponse<String> none = get("/shares", null);
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(JSON.readTree(none.body()).get("errorCode").asText()).isEqualTo("UNAUTHENTICATED");
    assertThat(get("/shares", demo.token().substring(0, demo.token().length() - 2) + "xx").statusCode()).isEqualTo(401);
    assertThat(get("/shares", fixture.expired("demo").token()).statusCode()).isEqualTo(401);
    ProjectTokens.Issued revoked = fixture.issue("demo", Duration.ofDays(1));
    assertThat(get("/shares", revoked.token()).statusCode()).isEqualTo(200);
    String[] lines = query("cohort_t2dm__demo", revoked.token(), "{}").body().split("\n");
    String url = JSON.readTree(lines[2]).at("/file/url").asText();
    ProjectTokens.revokeId(fixture.tokens, revoked.entry().id(), Instant.now());
    assertThat(get("/shares", revoked.token()).statusCode()).isEqualTo(401);
    assertThat(bytes(url, null).statusCode()).isEqualTo(401); // its file URLs die with it
    assertThat(get("/shares", demo.token()).statusCode()).isEqualTo(200);
  }

  @Test
  void anotherProjectsShareAndTablesAreRefusedAndAudited() throws Exception {
    ProjectTokens.Issued other = fixture.issue("other", Duration.ofDays(1));
    assertThat(get("/shares/demo", other.token()).statusCode()).isEqualTo(403);
    assertThat(get("/shares/demo/all-tables", other.token()).statusCode()).isEqualTo(403);
    assertThat(get("/shares/other/schemas/gold/tables/cohort_t2dm__demo/metadata", other.token()).statusCode()).isEqualTo(403);
    assertThat(get("/shares/nosuch", other.token()).statusCode()).isEqualTo(404);
    assertThat(get("/shares/other/schemas/gold/tables/monthly_activity/version", other.token()).statusCode()).isEqualTo(404);
    ProjectTokens.Issued gone = fixture.issue("gone", Duration.ofDays(1));
    assertThat(get("/shares", gone.token()).statusCode()).isEqualTo(403);

    assertThat(query("cohort_t2dm__demo", demo.token(), "{}").statusCode()).isEqualTo(200);
    List<Map<String, Object>> audit = fixture.audit();
    assertThat(audit).anySatisfy(row -> {
      assertThat(row.get("actor")).isEqualTo(other.entry().id());
      assertThat(row.get("project")).isEqualTo("other");
      assertThat(row.get("role")).isEqualTo("researcher");
      assertThat(row.get("outcome")).isEqualTo("REFUSED");
      assertThat(row.get("target")).isEqualTo("gold.cohort_t2dm__demo");
    });
    assertThat(audit).anySatisfy(row -> {
      assertThat(row.get("actor")).isEqualTo(other.entry().id());
      assertThat(row.get("target")).isEqualTo("share demo");
      assertThat(row.get("outcome")).isEqualTo("REFUSED");
    });
    assertThat(audit).anySatisfy(row -> {
      assertThat(row.get("actor")).isEqualTo(demo.entry().id());
      assertThat(row.get("outcome")).isEqualTo("ALLOWED");
      assertThat(String.valueOf(row.get("action"))).isEqualTo("share POST /delta-sharing/shares/{share}/schemas/{schema}/tables/{table}/query");
    });
    // no token ever reaches the audit trail or the token file
    String everything = audit.toString() + Files.readString(fixture.tokens);
    assertThat(everything).doesNotContain(demo.token()).doesNotContain(other.token()).doesNotContain(ProjectTokens.PREFIX + ".");
  }
}
