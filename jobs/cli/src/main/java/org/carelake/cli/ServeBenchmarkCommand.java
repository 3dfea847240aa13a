package org.carelake.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.carelake.access.AccessPolicy;
import org.carelake.serve.bench.ServeBenchmark;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code carelake serve-benchmark}: the dashboard's serving latency beside a static file of the same size (docs/commissioner.md). */
@Command(
    name = "serve-benchmark",
    mixinStandardHelpOptions = true,
    description = {"Benchmark the dashboard: writes planning tables of the published zone's shape for --people people (once, under"
        + " --work), starts the server on loopback and prints p50/p95/p99 latency of each page's data endpoint at 1, 10 and 50"
        + " concurrent clients beside a static file of the same size, the start time and the heap used."})
final class ServeBenchmarkCommand implements Callable<Integer> {
  @Option(names = "--work", paramLabel = "DIR", defaultValue = ".carelake/serve-benchmark", description = "Work folder (default ${DEFAULT-VALUE}).")
  Path work;

  @Option(names = "--people", defaultValue = "1000000", description = "Population the tables are scaled to (default ${DEFAULT-VALUE}).")
  long people;

  @Option(names = "--requests", defaultValue = "40", description = "Requests per client per measurement (default ${DEFAULT-VALUE}).")
  int requests;

  @Option(names = "--policy", paramLabel = "FILE", description = "Access policy (default as carelake serve finds it).")
  Path policy;

  @Override
  public Integer call() throws Exception {
    Map<String, String> environment = System.getenv();
    Path home = ProjectHome.folder(environment);
    ServeBenchmark.run(work, policy != null ? policy : AccessPolicy.locate(home.resolve("sql"), environment), people, requests, new int[] {1, 10, 50});
    return 0;
  }
}
