package org.carelake.access;

import static java.util.Objects.requireNonNull;

/** Allowed or refused, with a reason fit for the caller and the audit trail (no data values). */
public record AccessDecision(boolean allowed, String reason) {
  public AccessDecision {
    requireNonNull(reason, "reason is null");
  }

  static AccessDecision allow(String reason) {
    return new AccessDecision(true, reason);
  }

  static AccessDecision refuse(String reason) {
    return new AccessDecision(false, reason);
  }
}
