package org.carelake.serve.audit;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One row of {@code ops.audit} (sql/ddl/ops/audit.sql): who, in what role, for which research
 * project (null when none), why, what they asked for, how it ended and how many rows it returned.
 * Targets are table names and page names, never a data value.
 */
public record AuditRecord(
    String auditId, Instant at, String actor, String role, String project, String purpose, String action, String target,
    String outcome, long rowsReturned) {
  public static final String ALLOWED = "ALLOWED";
  public static final String REFUSED = "REFUSED";
  public static final String FAILED = "FAILED";

  public AuditRecord {
    requireNonNull(auditId, "auditId is null");
    requireNonNull(at, "at is null");
    requireNonNull(actor, "actor is null");
    requireNonNull(role, "role is null");
    requireNonNull(purpose, "purpose is null");
    requireNonNull(action, "action is null");
    requireNonNull(target, "target is null");
    requireNonNull(outcome, "outcome is null");
  }

  /** A record of a request made for no research project (the dashboard's). */
  public AuditRecord(
      String auditId, Instant at, String actor, String role, String purpose, String action, String target, String outcome,
      long rowsReturned) {
    this(auditId, at, actor, role, null, purpose, action, target, outcome, rowsReturned);
  }
}
