package org.carelake.link;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.carelake.lake.DeltaIo;
import org.carelake.lake.TableRef;

/**
 * Clerical decisions on review pairs: LINK (the record is that person) and NO_LINK (it is not). A
 * decision not yet acted on is applied by the next night's link stage; NO_LINK pairs stay refused
 * on every later night.
 */
final class ClericalDecisions {
  /** One decision: the record, the candidate person, and whether they are the same person. */
  record Decision(String pairId, String identityId, String personId, boolean link) {}

  private final DeltaIo io;
  private final TableRef table;

  ClericalDecisions(DeltaIo io, TableRef table) {
    this.io = io;
    this.table = table;
  }

  /** Decisions made but not yet applied: a handful of ids, never identifier values. */
  List<Decision> unapplied() {
    List<Decision> decisions = new ArrayList<>();
    if (!io.exists(table)) {
      return decisions;
    }
    for (Row row : io.read(table).filter(col("status").isin("LINK", "NO_LINK").and(col("applied_night").isNull()))
        .select("pair_id", "identity_id", "candidate_person_id", "status").orderBy("pair_id").collectAsList()) {
      decisions.add(new Decision(row.getString(0), row.getString(1), row.getString(2), "LINK".equals(row.getString(3))));
    }
    return decisions;
  }

  /** Every NO_LINK pair ever decided, as {@code r_id, r_person}. */
  Dataset<Row> refused() {
    return io.read(table).filter(col("status").equalTo("NO_LINK"))
        .select(col("identity_id").as("r_id"), col("candidate_person_id").as("r_person"));
  }

  /** Marks decisions as applied on this night. */
  void markApplied(List<Decision> applied, LocalDate night) {
    if (applied.isEmpty()) {
      return;
    }
    List<String> ids = applied.stream().map(Decision::pairId).toList();
    io.delta(table).update(col("pair_id").isin(ids.toArray()).and(col("applied_night").isNull()),
        java.util.Map.of("applied_night", lit(java.sql.Date.valueOf(night))));
  }
}
