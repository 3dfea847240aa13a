package org.carelake.synthetic;

/**
 * How a row of an increment revises what the sources sent before ({@link #key()} is the ground
 * truth and manifest name). See {@link Revisions}.
 */
public enum Revision {
  /** A new record dated in past weeks, sent nights after its care date. */
  LATE("late"),
  /** An earlier-sent record re-sent under its source record id with changed content: the newest wins. */
  CORRECTION("corrected"),
  /** An earlier-sent GP event re-sent under its id with the deleted flag set: it leaves silver. */
  DELETION("deleted");

  private final String key;

  Revision(String key) {
    this.key = key;
  }

  public String key() {
    return key;
  }
}
