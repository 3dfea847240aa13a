package org.carelake.serve.audit;

import static java.util.Objects.requireNonNull;

import io.delta.kernel.types.BooleanType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.carelake.audit.AuditEntry;
import org.carelake.serve.lake.DeltaAppend;

/**
 * Appends the serving interfaces' audit records (the dashboard's and the sharing server's) to {@code ops.audit} without Spark: requests queue their
 * record and a background thread commits the queue every {@code flushEvery} (and at {@link #close}),
 * so a request never waits for a Delta commit and a busy minute costs sixty commits, not thousands.
 * The table keeps Delta's {@code delta.appendOnly} property (set when this creates it, as the Spark
 * side does), so no writer can change or delete what is recorded.
 *
 * <p>A record is lost only if the process dies within one flush interval of the request; a commit
 * that fails is retried at the next flush (and its records kept), and the failure is logged by
 * category only.
 */
public final class AuditTrail implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(AuditTrail.class.getName());

  /** The columns of sql/ddl/ops/audit.sql, in its order. */
  public static final StructType SCHEMA = new StructType()
      .add("audit_id", StringType.STRING, false)
      .add("at", TimestampType.TIMESTAMP, false)
      .add("actor", StringType.STRING, false)
      .add("role", StringType.STRING, false)
      .add("project", StringType.STRING, true)
      .add("purpose", StringType.STRING, false)
      .add("action", StringType.STRING, false)
      .add("target", StringType.STRING, false)
      .add("outcome", StringType.STRING, false)
      .add("rows_returned", LongType.LONG, false)
      .add("identifiers_shown", BooleanType.BOOLEAN, false);

  private final DeltaAppend appender;
  private final String location;
  private final LinkedBlockingQueue<Queued> queue = new LinkedBlockingQueue<>();
  private final ScheduledExecutorService flusher;

  public AuditTrail(DeltaAppend appender, String location, Duration flushEvery) {
    this.appender = requireNonNull(appender, "appender is null");
    this.location = requireNonNull(location, "location is null");
    this.flusher = Executors.newSingleThreadScheduledExecutor(runnable -> {
      Thread thread = new Thread(runnable, "audit-flush");
      thread.setDaemon(true);
      return thread;
    });
    long millis = Math.max(1, flushEvery.toMillis());
    flusher.scheduleWithFixedDelay(this::flushQuietly, millis, millis, TimeUnit.MILLISECONDS);
  }

  /** Queues one access, recorded as happening at {@code at}; the row's id is assigned here. */
  public void record(AuditEntry entry, Instant at) {
    queue.add(new Queued(UUID.randomUUID().toString(), requireNonNull(at, "at is null"), requireNonNull(entry, "entry is null")));
  }

  /** An entry waiting for the next flush, with the id and time its row will carry. */
  private record Queued(String auditId, Instant at, AuditEntry entry) {}

  /** Commits every queued record in one append; returns how many. */
  public synchronized int flush() {
    List<Queued> batch = new ArrayList<>();
    queue.drainTo(batch);
    if (batch.isEmpty()) {
      return 0;
    }
    List<Object[]> rows = new ArrayList<>(batch.size());
    for (Queued q : batch) {
      AuditEntry e = q.entry();
      rows.add(new Object[] {q.auditId(), q.at(), e.actor(), e.role(), e.project(), e.purpose(), e.action(), e.target(), e.outcome(),
          e.rowsReturned(), e.identifiersShown()});
    }
    try {
      appender.append(location, SCHEMA, Map.of("delta.appendOnly", "true"), rows);
    } catch (RuntimeException e) {
      // Keep the records for the next flush rather than lose them.
      batch.forEach(queue::add);
      throw e;
    }
    return batch.size();
  }

  private void flushQuietly() {
    try {
      flush();
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "audit flush failed (" + e.getClass().getSimpleName() + "); records kept for the next flush");
    }
  }

  @Override
  public void close() {
    flusher.shutdown();
    try {
      flusher.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    flush();
  }
}
