package org.carelake.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.carelake.access.AccessPolicy;
import org.carelake.error.CareLakeErrors;
import org.carelake.access.ProjectTokens;
import org.carelake.serve.sharing.SharingMain;
import org.carelake.serve.sharing.SharingProfile;
import org.carelake.serve.sharing.SharingSettings;
import org.carelake.serve.sql.ConnectionString;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code carelake share}: the Delta Sharing server for research projects' published tables (no Spark; docs/sharing.md). */
@Command(
    name = "share",
    mixinStandardHelpOptions = true,
    description = {"Serve each research project's published gold tables over the Delta Sharing protocol (read with Delta Kernel; no Spark)."
        + " One share per project of the access policy; bearer tokens from `carelake share-token add`; every request audited in ops.audit."})
final class ShareCommand implements Callable<Integer> {
  @Mixin ServerOptions server = new ServerOptions();

  @Option(names = "--tokens", paramLabel = "FILE", defaultValue = "share-tokens.txt",
      description = "Token file written by `carelake share-token add` (default ${DEFAULT-VALUE}).")
  Path tokens;

  @Option(names = "--port", defaultValue = "8090", description = "Port (default ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Option(names = "--public-url", paramLabel = "URL",
      description = "The address researchers reach the server at (the TLS proxy's), used in file URLs (default: the request's host).")
  String publicUrl;

  @Option(names = "--url-minutes", defaultValue = "15", description = "How long a signed file URL is valid (default ${DEFAULT-VALUE}).")
  int urlMinutes;

  @Override
  public Integer call() throws InterruptedException {
    SharingSettings settings = new SharingSettings(server.lakeRoot(), tokens, server.policyFile(), server.host, port, Duration.ofMinutes(urlMinutes),
        Duration.ofSeconds(1), Optional.ofNullable(publicUrl));
    SharingMain.serve(settings);
    return 0;
  }

  /** {@code carelake share-token add|revoke|list}: the IG lead's management of sharing tokens. */
  @Command(name = "share-token", mixinStandardHelpOptions = true,
      description = "Issue, revoke and list research projects' bearer tokens (the sharing server's and the SQL endpoint's).",
      subcommands = {ShareCommand.Add.class, ShareCommand.Revoke.class, ShareCommand.ListTokens.class})
  static final class Tokens implements Runnable {
    @Override
    public void run() {
      new picocli.CommandLine(this).usage(System.out);
    }
  }

  @Command(name = "add", mixinStandardHelpOptions = true,
      description = "Issue a token for a research project, valid for N days, and write the researcher's Delta Sharing profile file"
          + " (it holds the token: hand it over securely). The token file keeps only its SHA-256.")
  static final class Add implements Callable<Integer> {
    @Option(names = "--tokens", paramLabel = "FILE", defaultValue = "share-tokens.txt", description = "Token file (default ${DEFAULT-VALUE}).")
    Path tokens;

    @Option(names = "--project", required = true, description = "A project id of the access policy.")
    String project;

    @Option(names = "--days", required = true, description = "Days until the token expires (1 to 366; never past the project's approval).")
    int days;

    @Option(names = "--endpoint", required = true, paramLabel = "URL",
        description = "The server's address as researchers reach it: the sharing server's, ending /delta-sharing (e.g."
            + " https://share.example.org/delta-sharing), or the SQL endpoint's, sc://HOST:PORT (e.g. sc://localhost:15002).")
    String endpoint;

    @Option(names = "--out", required = true, paramLabel = "FILE",
        description = "Where to write the profile (e.g. demo.share) or, for sc://, the Spark Connect connection string (e.g. demo.connect).")
    Path out;

    @Option(names = "--policy", paramLabel = "FILE", description = "Access policy (default as for `carelake share`).")
    Path policy;

    @Override
    public Integer call() {
      if (days < 1 || days > 366) {
        throw CareLakeErrors.configuration("--days must be 1 to 366");
      }
      var declared = AccessPolicy.load(ServerOptions.policyFile(policy)).projects().get(project);
      if (declared == null) {
        throw CareLakeErrors.configuration("project " + project + " is not declared in the access policy");
      }
      Instant now = Instant.now();
      Instant expires = now.plus(Duration.ofDays(days));
      Instant approvalEnds = declared.expires().plusDays(1).atStartOfDay(java.time.ZoneOffset.UTC).toInstant();
      if (expires.isAfter(approvalEnds)) {
        expires = approvalEnds;
      }
      if (!expires.isAfter(now)) {
        throw CareLakeErrors.configuration("project " + project + "'s approval has expired");
      }
      ProjectTokens.Issued issued = ProjectTokens.issue(tokens, project, now, expires);
      boolean connect = ConnectionString.isConnectEndpoint(endpoint);
      if (connect) {
        ConnectionString.write(out, endpoint, issued);
      } else {
        SharingProfile.write(out, endpoint, issued);
      }
      System.out.println("issued " + issued.entry().id() + " for project " + project + ", expires " + issued.entry().expires()
          + "; " + (connect ? "connection string" : "profile") + " written to " + out
          + " (it holds the token: hand it over securely, keep it out of git)");
      return 0;
    }
  }

  @Command(name = "revoke", mixinStandardHelpOptions = true,
      description = "Revoke a token by id, or every token of a project; takes effect at the server's next request, with its file URLs.")
  static final class Revoke implements Callable<Integer> {
    @Option(names = "--tokens", paramLabel = "FILE", defaultValue = "share-tokens.txt", description = "Token file (default ${DEFAULT-VALUE}).")
    Path tokens;

    @Option(names = "--id", description = "The token id (from `carelake share-token list`).")
    String id;

    @Option(names = "--project", description = "Revoke every live token of this project.")
    String project;

    @Override
    public Integer call() {
      if ((id == null) == (project == null)) {
        throw CareLakeErrors.configuration("give either --id or --project");
      }
      List<ProjectTokens.Entry> revoked = id != null
          ? ProjectTokens.revokeId(tokens, id, Instant.now())
          : ProjectTokens.revokeProject(tokens, project, Instant.now());
      revoked.forEach(e -> System.out.println("revoked " + e.id() + " (project " + e.project() + ")"));
      if (revoked.isEmpty()) {
        System.out.println("nothing to revoke: no live token matches");
      }
      return 0;
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the tokens: id, project, issued, expires, status (never a token).")
  static final class ListTokens implements Callable<Integer> {
    @Option(names = "--tokens", paramLabel = "FILE", defaultValue = "share-tokens.txt", description = "Token file (default ${DEFAULT-VALUE}).")
    Path tokens;

    @Override
    public Integer call() {
      Instant now = Instant.now();
      System.out.printf("%-17s %-24s %-21s %-21s %s%n", "id", "project", "issued", "expires", "status");
      for (ProjectTokens.Entry e : ProjectTokens.list(tokens)) {
        System.out.printf("%-17s %-24s %-21s %-21s %s%n", e.id(), e.project(), e.issued(), e.expires(), e.status(now));
      }
      return 0;
    }
  }
}
