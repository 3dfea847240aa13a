package org.carelake.serve.sql;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connect.service.SessionHolder;
import org.apache.spark.sql.connect.service.SparkConnectService;
import org.apache.spark.sql.connect.service.SparkConnectService$;
import org.carelake.access.AccessPolicy;
import org.carelake.access.ProjectTokens;
import org.carelake.audit.AuditLog;
import org.carelake.audit.GovernedAccess;
import org.carelake.audit.GovernedAccess.Caller;
import org.carelake.error.CareLakeException;
import org.carelake.lake.DeltaIo;
import org.carelake.lake.Lake;
import org.carelake.spark.SparkSessions;
import scala.Option;

/**
 * The researchers' SQL endpoint: a Spark Connect server, in this process and in local mode (or on
 * the cluster spark-submit gives it), over the lake's published tables. Researchers connect with
 * PySpark's Connect client ({@code sc://host:port/;token=...;user_id=<project>}); {@link TokenGate}
 * checks every call's project token, {@link QueryGuard} every query's tables, and every query is
 * written to {@code ops.audit} through {@link GovernedAccess}. docs/sql-endpoint.md is the guide.
 *
 * <p>Spark Connect is one service per JVM, created by class name, so one endpoint runs per JVM and
 * its interceptor finds it through {@link #running}.
 */
public final class SqlEndpoint implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(SqlEndpoint.class.getName());
  private static volatile SqlEndpoint running;

  private final SparkSession spark;
  private final GovernedAccess governed;
  private final PublishedTables tables;
  private final ResearcherSessions sessions = new ResearcherSessions();
  private final TokenGate gate;
  private final ExecutorService auditWriter;
  private final BlockingQueue<GovernedAccess.Outcome> pending = new LinkedBlockingQueue<>();
  private final Clock clock;

  private SqlEndpoint(SparkSession spark, GovernedAccess governed, PublishedTables tables, ProjectTokens tokens, AccessPolicy policy,
      Clock clock) {
    this.spark = spark;
    this.governed = governed;
    this.tables = tables;
    this.clock = clock;
    this.gate = new TokenGate(tokens, policy, sessions, this, clock);
    this.auditWriter = Executors.newSingleThreadExecutor(runnable -> {
      Thread thread = new Thread(runnable, "sql-endpoint-audit");
      thread.setDaemon(true);
      return thread;
    });
  }

  /**
   * The session settings the endpoint needs on top of CareLake's own ({@link SparkSessions#settings}):
   * the query guard among the extensions, and Spark Connect's address and interceptor. They are set
   * before Spark starts (Spark Connect reads them once).
   */
  public static Map<String, String> settings(SqlEndpointSettings settings) {
    Map<String, String> all = new java.util.LinkedHashMap<>(SparkSessions.settings());
    all.merge("spark.sql.extensions", EndpointExtensions.class.getName(), (delta, guard) -> delta + "," + guard);
    all.put("spark.connect.grpc.binding.address", settings.host());
    all.put("spark.connect.grpc.binding.port", Integer.toString(settings.port()));
    all.put("spark.connect.grpc.interceptor.classes", ProjectTokenInterceptor.class.getName());
    // A refusal or error reaches the researcher as its message, without the server's stack.
    all.put("spark.sql.connect.serverStacktrace.enabled", "false");
    // Delta answers a whole table's MIN/MAX/COUNT from file statistics with java.sql.Date values,
    // which CareLake's Java 8 date types then fail to cast (ClassCastException on "SELECT max(month)
    // FROM gold.ltc_prevalence"): researchers' queries take the ordinary plan.
    all.put("spark.databricks.delta.optimizeMetadataQuery.enabled", "false");
    return all;
  }

  /**
   * Starts Spark for the endpoint: CareLake's settings and {@link #settings}, then {@code overrides}
   * (master, partitions, UI). The session returned is CareLake's own (the guard lets it do anything:
   * it writes the audit trail and, in tests, the lake); Spark Connect's sessions are cloned from it.
   */
  public static SparkSession createSession(SqlEndpointSettings settings, Map<String, String> overrides) {
    SparkSession.Builder builder = SparkSession.builder().appName("carelake-sql-endpoint");
    settings(settings).forEach(builder::config);
    overrides.forEach(builder::config);
    SparkSession spark = builder.getOrCreate();
    spark.sparkContext().setLogLevel("WARN");
    QueryGuard.trust(spark);
    return spark;
  }

  /** Starts the endpoint in a session from {@link #createSession}. */
  public static synchronized SqlEndpoint start(SparkSession spark, SqlEndpointSettings settings, Clock clock) {
    if (running != null) {
      throw new IllegalStateException("an SQL endpoint is already running in this JVM");
    }
    if (!QueryGuard.trusted(spark)) {
      throw new IllegalStateException("start the SQL endpoint in a session from SqlEndpoint.createSession");
    }
    AccessPolicy policy = AccessPolicy.load(settings.policy());
    ProjectTokens tokens = new ProjectTokens(settings.tokens());
    DeltaIo io = new DeltaIo(spark);
    Lake lake = new Lake(settings.lakeRoot());
    GovernedAccess governed = new GovernedAccess(policy, new AuditLog(io, lake, settings.sqlDir()), io, clock);
    PublishedTables tables = PublishedTables.register(spark, lake);
    SqlEndpoint endpoint = new SqlEndpoint(spark, governed, tables, tokens, policy, clock);
    running = endpoint;
    try {
      SparkConnectService.start(spark.sparkContext());
      endpoint.checkGuardInPlace();
    } catch (RuntimeException e) {
      endpoint.close();
      throw e;
    }
    LOG.info("SQL endpoint serving " + tables.names().size() + " tables on port " + endpoint.port());
    return endpoint;
  }

  /**
   * Refuses to serve unless a session Spark Connect creates refuses a query it was not given a token
   * for: proof that the guard is among its check rules, whichever way Spark Connect made the session.
   */
  private void checkGuardInPlace() {
    SessionHolder probe = SparkConnectService.getOrCreateIsolatedSession("carelake-self-check", UUID.randomUUID().toString(), Option.empty());
    boolean refused = false;
    try {
      probe.session().sql("SELECT 1").collect();
    } catch (CareLakeException e) {
      refused = true;
    } finally {
      SparkConnectService$.MODULE$.sessionManager().closeSession(probe.key(), false);
    }
    if (!refused) {
      throw new IllegalStateException("the SQL endpoint's query guard is not in Spark Connect's sessions; start the endpoint in a"
          + " session built with SqlEndpoint.settings");
    }
  }

  static SqlEndpoint running() {
    return running;
  }

  /** The port Spark Connect listens on (the one asked for, or the free one it picked for 0). */
  public int port() {
    return SparkConnectService$.MODULE$.localPort();
  }

  /** The tables registered in the catalog, as {@code zone.table}; which a project reads is the policy's decision. */
  public List<String> tables() {
    return tables.names();
  }

  PublishedTables publishedTables() {
    return tables;
  }

  GovernedAccess governed() {
    return governed;
  }

  ResearcherSessions sessions() {
    return sessions;
  }

  TokenGate gate() {
    return gate;
  }

  /**
   * Queues one audit record. One thread writes the queue in order, whatever has gathered in one
   * commit, in CareLake's own session (never in the researcher's, whose guard would refuse the audit
   * table); a refusal is queued before the caller hears of it.
   */
  void audit(Caller caller, String action, String target, String outcome, long rows) {
    pending.add(new GovernedAccess.Outcome(caller, action, target, outcome, rows, clock.instant()));
    auditWriter.execute(this::writePending);
  }

  private void writePending() {
    List<GovernedAccess.Outcome> batch = new ArrayList<>();
    pending.drainTo(batch);
    if (batch.isEmpty()) {
      return;
    }
    SparkSession.setActiveSession(spark);
    try {
      governed.recordAll(batch);
    } catch (RuntimeException e) {
      LOG.log(Level.SEVERE, batch.size() + " ops.audit records could not be written: " + e.getClass().getSimpleName());
    }
  }

  /** Waits until every audit record queued so far is written. */
  public void flushAudit() {
    try {
      auditWriter.submit(() -> {}).get(2, TimeUnit.MINUTES);
    } catch (Exception e) {
      throw new IllegalStateException("audit records were not written", e);
    }
  }

  /** Stops Spark Connect and writes the audit records still queued; the Spark session stays. */
  @Override
  public synchronized void close() {
    try {
      if (SparkConnectService$.MODULE$.started()) {
        SparkConnectService.stop(Option.empty(), Option.empty());
      }
    } finally {
      auditWriter.shutdown();
      try {
        auditWriter.awaitTermination(2, TimeUnit.MINUTES);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      running = null;
    }
  }
}
