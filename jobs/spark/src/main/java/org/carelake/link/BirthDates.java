package org.carelake.link;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.min;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.carelake.lake.DeltaIo;
import org.carelake.lake.Lake;

/**
 * The person's known birth date for every linked identity record: the earliest date of birth among
 * the identity records linked to the same person in the master person index. The earliest, so an
 * event is called "before birth" only when it precedes every birth date the sources have given
 * the person (a mistyped one among them does not put the person's own events before birth).
 * Silver and the quality stage both read it through this class, after the link stage has run.
 */
public final class BirthDates {
  private BirthDates() {}

  /**
   * {@code identity_id, person_id, birth_date} for every record in {@code restricted.person_link};
   * {@code birth_date} is null when no record of the person carries a date of birth.
   */
  public static Dataset<Row> ofLinkedRecords(DeltaIo io, Lake lake) {
    Dataset<Row> links = io.read(lake.restricted("person_link")).select("identity_id", "person_id");
    Dataset<Row> vault = io.read(lake.restricted("identity")).select("identity_id", "date_of_birth");
    Dataset<Row> born = links.join(vault, "identity_id").groupBy("person_id").agg(min(col("date_of_birth")).as("birth_date"));
    return links.join(born, "person_id", "left").select("identity_id", "person_id", "birth_date");
  }
}
