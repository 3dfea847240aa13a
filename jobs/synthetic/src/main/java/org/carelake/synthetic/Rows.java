package org.carelake.synthetic;

/**
 * Where the activity models put a person's rows: a landing file ({@link FeedFile}), or a
 * {@link SentRecords} when the generator looks back at what an earlier night sent.
 */
interface Rows {
  /** One valid row of the person (fields in header order, true identifiers). */
  default void write(String[] fields, Person person) {
    write(fields, person, null);
  }

  /** As {@link #write(String[], Person)}; {@code rekeyedId}, when not null, is the id a re-keyed duplicate of this row takes. */
  void write(String[] fields, Person person, String rekeyedId);

  /** A copy of an event another file holds (a GP2GP transfer duplicate). */
  void writeCrossSystemDuplicate(String[] fields, long person, String duplicateOf);

  /** A record that arrives nights after its care date: a row like any other, marked late in ground truth. */
  void writeLate(String[] fields, Person person, String rekeyedId);

  /** An earlier-sent record re-sent as a correction or deletion, as is (no defects). */
  void resend(String[] fields, Person person, Revision revision);
}
