package org.carelake.access;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.util.Optional;

/**
 * One request to the policy: who (the signed-in or operating-system user), in which role, for
 * which research project (researchers only), why, to do what, to which table of which zone.
 * {@code table} "*" asks for every table of the zone (a command that follows a record through all
 * of them). {@code on} is the day of the request (UTC): a research project's approval covers reads up
 * to and including the day it expires.
 */
public record AccessRequest(
    String actor, String role, Optional<String> project, String purpose, Action action, String zone, String table, LocalDate on) {
  public AccessRequest {
    requireNonNull(actor, "actor is null");
    requireNonNull(role, "role is null");
    requireNonNull(project, "project is null");
    requireNonNull(purpose, "purpose is null");
    requireNonNull(action, "action is null");
    requireNonNull(zone, "zone is null");
    requireNonNull(table, "table is null");
    requireNonNull(on, "on is null");
  }

  /** {@code zone.table}, as the audit record names it. */
  public String resource() {
    return zone + "." + table;
  }
}
