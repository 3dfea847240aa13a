package org.carelake.serve.sharing;

import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.types.DateType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.carelake.access.ProjectTokens;
import org.carelake.serve.lake.DeltaAppend;

/**
 * A small lake for the sharing tests, written with Delta Kernel: project demo's cohort in two commits
 * (two files), project other's cohort, and an expired project's; a policy declaring the three
 * projects; a token file; and a running server on loopback with 15-minute file URLs.
 */
final class SharingFixture implements AutoCloseable {
  static final StructType COHORT = new StructType()
      .add("patient_id", StringType.STRING).add("index_date", DateType.DATE).add("age_band", StringType.STRING)
      .add("hba1c_tests", LongType.LONG);
  static final String POLICY = """
      apiVersion: carelake/v1
      kind: AccessPolicy
      version: 1
      roles:
        researcher:
          description: A researcher on an approved project.
          project: required
          grants:
            - {zone: gold, tables: [project, measures], actions: [read]}
      projects:
        demo:
          title: Demo cohort
          purpose: type 2 diabetes cohort study
          expires: 2099-03-31
          datasets: [cohort_t2dm, cohort_unbuilt]
          key: derived
        other:
          title: Another project
          purpose: another study
          expires: 2099-03-31
          datasets: [cohort_t2dm]
          key: derived
        gone:
          title: An expired project
          purpose: an old study
          expires: 2020-01-31
          datasets: [cohort_t2dm]
          key: derived
      """;

  final Path root;
  final Path lake;
  final Path tokens;
  final List<Object[]> demoRows = new ArrayList<>();
  final DeltaAppend append = new DeltaAppend(DefaultEngine.create(new Configuration()), "carelake-test");
  final SharingServer server;
  final int port;

  SharingFixture(Path root) throws IOException {
    this.root = root;
    this.lake = root.resolve("lake");
    this.tokens = root.resolve("share-tokens.txt");
    Path policy = root.resolve("policy.yaml");
    Files.writeString(policy, POLICY);
    for (int i = 0; i < 12; i++) {
      // 64-hex project pseudonyms, as gold writes them (and files above the size at which a web server would compress)
      demoRows.add(new Object[] {org.carelake.digest.Sha256.hex("demo-p" + i), LocalDate.of(2025, 1, 1).plusDays(i), i % 2 == 0 ? "40-59" : "60-79", (long) i});
    }
    append.append(gold("cohort_t2dm__demo"), COHORT, Map.of(), demoRows.subList(0, 7));
    append.append(gold("cohort_t2dm__demo"), COHORT, Map.of(), demoRows.subList(7, 12));
    append.append(gold("cohort_t2dm__other"), COHORT, Map.of(), List.<Object[]>of(new Object[] {"other-p1", LocalDate.of(2025, 2, 1), "40-59", 3L}));
    append.append(gold("cohort_t2dm__gone"), COHORT, Map.of(), List.<Object[]>of(new Object[] {"gone-p1", LocalDate.of(2025, 2, 1), "40-59", 3L}));
    // an empty token file: the server starts with no tokens and picks up those issued later
    Files.writeString(tokens, "# no tokens yet\n");
    SharingSettings settings = new SharingSettings(lake, tokens, policy, "127.0.0.1", 0, Duration.ofMinutes(15),
        Duration.ofMillis(200), java.util.Optional.empty());
    this.server = new SharingServer(settings, Clock.systemUTC());
    this.port = server.start();
  }

  String gold(String table) {
    return lake.resolve("gold").resolve(table).toString();
  }

  String endpoint() {
    return "http://127.0.0.1:" + port + SharingServer.PREFIX;
  }

  ProjectTokens.Issued issue(String project, Duration lifetime) {
    Instant now = Instant.now();
    return ProjectTokens.issue(tokens, project, now, now.plus(lifetime));
  }

  /** A token that expired yesterday. */
  ProjectTokens.Issued expired(String project) {
    Instant now = Instant.now();
    return ProjectTokens.issue(tokens, project, now.minus(Duration.ofDays(2)), now.minus(Duration.ofDays(1)));
  }

  /** Every ops.audit row, after a flush. */
  List<Map<String, Object>> audit() {
    server.audit().flush();
    return org.carelake.serve.lake.PublishedLake.readAll(DefaultEngine.create(new Configuration()), lake.resolve("ops").resolve("audit").toString());
  }

  @Override
  public void close() {
    server.close();
  }
}
