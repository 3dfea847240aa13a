package org.carelake.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.spark.sql.SparkSession;
import org.carelake.serve.sql.SqlEndpoint;
import org.carelake.serve.sql.SqlEndpointSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code carelake sql-endpoint}: the researchers' SQL endpoint, a Spark Connect server over the published tables (docs/sql-endpoint.md). */
@Command(
    name = "sql-endpoint",
    mixinStandardHelpOptions = true,
    description = {"Serve SQL to research projects over Spark Connect (pyspark-client: sc://host:port/;token=...;user_id=<project>)."
        + " A project's token opens only its own sessions, which read only its published gold tables and the shared tables the"
        + " access policy grants; every query is audited in ops.audit."})
final class SqlEndpointCommand implements Callable<Integer> {
  @Mixin ServerOptions server = new ServerOptions();

  @Option(names = "--tokens", paramLabel = "FILE", defaultValue = "share-tokens.txt",
      description = "Token file written by `carelake share-token add` (default ${DEFAULT-VALUE}); revocations apply without a restart.")
  Path tokens;

  @Option(names = "--port", defaultValue = "15002", description = "Port (default ${DEFAULT-VALUE}, Spark Connect's; 0 picks a free one).")
  int port;

  @Option(names = "--sql", paramLabel = "DIR", description = "SQL folder, for the audit table's definition (default: CARELAKE_HOME/sql, else sql).")
  Path sql;

  @Option(names = "--master", defaultValue = "local[*]",
      description = "Spark master when not under spark-submit (default ${DEFAULT-VALUE}).")
  String master;

  @Option(names = "--shuffle-partitions", defaultValue = "4", paramLabel = "N", description = "spark.sql.shuffle.partitions (default ${DEFAULT-VALUE}).")
  int shufflePartitions;

  @Override
  public Integer call() throws InterruptedException {
    Path sqlDir = ProjectHome.orDefault(sql, "sql");
    SqlEndpointSettings settings = new SqlEndpointSettings(server.lakeRoot().toAbsolutePath().toString(), sqlDir, tokens,
        server.policyFile(), server.host, port);
    SparkSession spark = SqlEndpoint.createSession(settings, org.carelake.spark.SparkSessions.runSettings(master, shufflePartitions));
    SqlEndpoint endpoint = SqlEndpoint.start(spark, settings, Clock.systemUTC());
    System.out.printf("CareLake SQL endpoint (Spark Connect) on sc://%s:%d (lake %s): %d tables registered%n", server.host,
        endpoint.port(), settings.lakeRoot(), endpoint.tables().size());
    System.out.println("  connection strings from `carelake share-token add --endpoint sc://HOST:PORT`; Ctrl-C stops it"
        + " (queued audit records are written first).");
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      endpoint.close();
      stopped.countDown();
    }, "sql-endpoint-shutdown"));
    stopped.await();
    return 0;
  }
}
