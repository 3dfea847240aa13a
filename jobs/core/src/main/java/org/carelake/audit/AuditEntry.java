package org.carelake.audit;

import static java.util.Objects.requireNonNull;

/**
 * One access as {@code ops.audit} records it (sql/ddl/ops/audit.sql), less the row's id and time,
 * which the writer assigns: who, in what role, for which research project (null when none), why,
 * what they asked for, how it ended, how many rows it returned and whether identifiers were shown.
 * Targets are table, page and command names, never a data value. The Spark side's
 * {@code AuditLog} and the servers' {@code AuditTrail} both write these, so the two kinds of rows
 * cannot drift apart.
 */
public record AuditEntry(
    String actor, String role, String project, String purpose, String action, String target, String outcome,
    long rowsReturned, boolean identifiersShown) {
  public static final String ALLOWED = "ALLOWED";
  public static final String REFUSED = "REFUSED";
  public static final String FAILED = "FAILED";

  public AuditEntry {
    requireNonNull(actor, "actor is null");
    requireNonNull(role, "role is null");
    requireNonNull(purpose, "purpose is null");
    requireNonNull(action, "action is null");
    requireNonNull(target, "target is null");
    requireNonNull(outcome, "outcome is null");
  }
}
