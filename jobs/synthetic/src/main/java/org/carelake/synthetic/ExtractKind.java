package org.carelake.synthetic;

/** What a night's GP registration feeds carry. */
public enum ExtractKind {
  /**
   * Normal night: only new or changed registrations (~0.3% of persons) and the night's activity;
   * in the calibrated model also late records, corrections and deletions of what earlier nights
   * sent ({@link Revisions}).
   */
  INCREMENT,
  /**
   * First night: every registration (movers also with their ended registration in the old
   * borough) and one coded event per recorded long-term condition at its onset date, so the
   * person table and the condition history are complete; plus the night's activity.
   */
  INITIAL
}
