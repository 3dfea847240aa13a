package org.carelake.error;

/** What kind of problem stopped a step, so operators know where to look first. */
public enum ErrorCategory {
  /** A contract file, SQL file or option is wrong: fix the project or the command. */
  CONFIGURATION,
  /** Landed data broke its contract as a whole (a file, not a row). */
  CONTRACT_VIOLATION,
  /** An expected input (landing folder, key, table) is missing. */
  MISSING_INPUT,
  /** A check on the lake's own invariants failed (ledger, identifier leak). */
  INVARIANT,
  /** The access policy refused the request (the refusal is audited). */
  ACCESS_REFUSED,
  /** A bug in CareLake. */
  INTERNAL
}
