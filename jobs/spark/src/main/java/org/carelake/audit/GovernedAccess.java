package org.carelake.audit;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.carelake.access.AccessDecision;
import org.carelake.access.AccessPolicy;
import org.carelake.access.AccessRequest;
import org.carelake.access.Action;
import org.carelake.error.CareLakeErrors;
import org.carelake.lake.DeltaIo;
import org.carelake.lake.TableRef;
import org.carelake.lake.Zone;

/**
 * The door every serving interface goes through (CLI reads today; the dashboard and researchers'
 * endpoints to come): it asks the {@link AccessPolicy} about every table a request touches and
 * writes one {@code ops.audit} record per request, whatever happens: ALLOWED with the rows
 * returned, REFUSED (nothing is read; the target says why) or FAILED. Requests are decided on the
 * clock's day (UTC), so an expired research project's tables are refused.
 */
public final class GovernedAccess {
  /** Who is asking, in which role, for which project (researchers), and why. */
  public record Caller(String actor, String role, Optional<String> project, String purpose) {
    public Caller {
      requireNonNull(actor, "actor is null");
      requireNonNull(role, "role is null");
      requireNonNull(project, "project is null");
      requireNonNull(purpose, "purpose is null");
    }
  }

  /** One table (or "*", every table of a zone the command follows) and what the request does to it. */
  public record Resource(Zone zone, String table, Action action) {
    public Resource {
      requireNonNull(zone, "zone is null");
      requireNonNull(table, "table is null");
      requireNonNull(action, "action is null");
    }

    public static Resource read(TableRef table) {
      return new Resource(table.zone(), table.name(), Action.READ);
    }

    String label() {
      return zone.folder() + "." + table + (action == Action.READ ? "" : " (" + action.label() + ")");
    }
  }

  /** What the work returned, for the caller, and how much of it, for the audit record. */
  public record Result<T>(T value, long rowsReturned, boolean identifiersShown) {}

  private final AccessPolicy policy;
  private final AuditLog audit;
  private final DeltaIo io;
  private final Clock clock;

  public GovernedAccess(AccessPolicy policy, AuditLog audit, DeltaIo io, Clock clock) {
    this.policy = requireNonNull(policy, "policy is null");
    this.audit = requireNonNull(audit, "audit is null");
    this.io = requireNonNull(io, "io is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  /**
   * Runs {@code work} if the policy allows every resource, auditing the request either way.
   *
   * @param action the command or endpoint, e.g. {@code trace}
   * @param target what was asked for (a file and row, a table, an internal id prefix), never an identifier value
   * @throws org.carelake.error.CareLakeException of category ACCESS_REFUSED when refused
   */
  public <T> T use(Caller caller, String action, String target, List<Resource> resources, Supplier<Result<T>> work) {
    String what = target + " [" + resources.stream().map(Resource::label).collect(Collectors.joining(", ")) + "]";
    Optional<String> refused = refusal(caller, resources);
    if (refused.isPresent()) {
      // The reason (e.g. a project's expiry) is kept with the refusal; it names tables and projects, never a value.
      record(caller, action, what + " refused: " + refused.get(), "REFUSED", 0, false);
      throw CareLakeErrors.accessRefused(refused.get());
    }
    Result<T> result;
    try {
      result = work.get();
    } catch (RuntimeException e) {
      record(caller, action, what, "FAILED", 0, false);
      throw e;
    }
    record(caller, action, what, "ALLOWED", result.rowsReturned(), result.identifiersShown());
    return result.value();
  }

  /**
   * The policy's refusal of the first resource it does not allow, if any, without auditing: for an
   * interface that decides inside a request and audits the request as a whole when it ends (the SQL
   * endpoint decides while a query is analysed and records it with {@link #record} when it is answered).
   */
  public Optional<String> refusal(Caller caller, List<Resource> resources) {
    java.time.LocalDate today = java.time.LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC);
    for (Resource resource : resources) {
      AccessDecision decision = policy.decide(new AccessRequest(caller.actor(), caller.role(), caller.project(), caller.purpose(),
          resource.action(), resource.zone().folder(), resource.table(), today));
      if (!decision.allowed()) {
        return Optional.of(decision.reason());
      }
    }
    return Optional.empty();
  }

  /**
   * Writes one audit record for a request decided with {@link #refusal} (or refused before any table
   * was named, e.g. for its credentials). {@code outcome} is {@link AuditEntry#ALLOWED}, {@link
   * AuditEntry#REFUSED} or {@link AuditEntry#FAILED}; {@code target} names tables, never a value.
   */
  public void record(Caller caller, String action, String target, String outcome, long rowsReturned) {
    record(caller, action, target, outcome, rowsReturned, false);
  }

  /** One request's outcome as {@link #record} takes it, stamped when it happened, for {@link #recordAll}. */
  public record Outcome(Caller caller, String action, String target, String outcome, long rowsReturned, java.time.Instant at) {}

  /** Writes several requests' records in one commit (a server's queue, in order). */
  public void recordAll(List<Outcome> outcomes) {
    audit.append(outcomes.stream().map(o -> new AuditLog.Stamped(new AuditEntry(o.caller().actor(), o.caller().role(),
        o.caller().project().orElse(null), o.caller().purpose(), o.action(), o.target(), o.outcome(), o.rowsReturned(), false), o.at()))
        .toList());
  }

  /**
   * One table for a serving interface, pinned to its current version, with the rows it holds
   * counted for the audit record.
   */
  public Dataset<Row> readTable(Caller caller, TableRef table) {
    return use(caller, "read table", table.qualifiedName(), List.of(Resource.read(table)), () -> {
      long version = io.version(table).orElseThrow(() -> CareLakeErrors.missingInput("table " + table.qualifiedName() + " does not exist"));
      Dataset<Row> rows = io.readAt(table, version);
      return new Result<>(rows, rows.count(), false);
    });
  }

  private void record(Caller caller, String action, String what, String outcome, long rows, boolean identifiersShown) {
    audit.append(new AuditEntry(caller.actor(), caller.role(), caller.project().orElse(null), caller.purpose(), action, what,
        outcome, rows, identifiersShown), clock.instant());
  }
}
