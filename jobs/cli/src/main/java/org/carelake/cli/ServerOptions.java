package org.carelake.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.carelake.access.AccessPolicy;
import picocli.CommandLine.Option;

/**
 * The options the Spark-free servers share ({@code carelake serve}, {@code carelake share}): which
 * lake, which address to listen on and which access policy decides. Each server keeps its own port.
 */
final class ServerOptions {
  @Option(names = "--lake", paramLabel = "DIR", description = "Lake root (env CARELAKE_LAKE; default ./lake).")
  Path lake;

  @Option(names = "--host", defaultValue = "127.0.0.1",
      description = "Address to listen on (default ${DEFAULT-VALUE}; put a TLS proxy in front before listening beyond loopback).")
  String host;

  @Option(names = "--policy", paramLabel = "FILE",
      description = "Access policy (default: env CARELAKE_POLICY, else governance/access-policy.yaml beside the SQL folder).")
  Path policy;

  Path lakeRoot() {
    return lake != null ? lake : Path.of(Optional.ofNullable(System.getenv("CARELAKE_LAKE")).orElse("lake"));
  }

  Path policyFile() {
    return policyFile(policy);
  }

  /** The given policy file, else the one {@link AccessPolicy#locate} finds from CARELAKE_HOME and CARELAKE_POLICY. */
  static Path policyFile(Path given) {
    Map<String, String> environment = System.getenv();
    Path home = Optional.ofNullable(environment.get("CARELAKE_HOME")).map(Path::of).orElse(Path.of(""));
    return given != null ? given : AccessPolicy.locate(home.resolve("sql"), environment);
  }
}
