package org.carelake.link;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.concat_ws;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;
import org.carelake.digest.Sha256;
import org.carelake.lake.DeltaIo;
import org.carelake.lake.Lake;
import org.carelake.lake.TableRef;

/**
 * The link stage's writes to the restricted zone. Each is a MERGE on the table's keys, so a
 * repeated night adds nothing: the vault and the sightings insert what is new, the person links
 * are upserted, changes, events and review pairs insert once.
 */
final class LinkWrites {
  private final DeltaIo io;
  private final Lake lake;
  private final LocalDate night;
  private final String runId;

  LinkWrites(DeltaIo io, Lake lake, LocalDate night, String runId) {
    this.io = io;
    this.lake = lake;
    this.night = night;
    this.runId = runId;
  }

  void sightings(Dataset<Row> rows) {
    Dataset<Row> batch = rows.groupBy(col("identity_id"), col("feed")).agg(count("*").as("rows"))
        .select(col("identity_id"), col("feed"), lit(java.sql.Date.valueOf(night)).as("night"), col("rows"));
    insertNew(batch, table("identity_sighting"), "t.identity_id = s.identity_id AND t.feed = s.feed AND t.night = s.night");
  }

  void vault(Dataset<Row> fresh) {
    Dataset<Row> batch = fresh.select(io.read(table("identity")).columns()[0], columnsOf("identity"));
    insertNew(batch, table("identity"), "t.identity_id = s.identity_id");
  }

  /** Every identity whose person changed tonight; a split overrides an assignment or a move. */
  void changes(Dataset<Row> assigned, Dataset<Row> moved, Dataset<Row> split) {
    Dataset<Row> linked = assigned.select(col("identity_id"), lit(null).cast("string").as("old_person_id"),
        col("person_id").as("new_person_id"), lit("linked").as("reason"));
    Dataset<Row> all = linked.join(split.select("identity_id"), "identity_id", "left_anti")
        .unionByName(moved.join(split.select("identity_id"), "identity_id", "left_anti"))
        .unionByName(split);
    Dataset<Row> batch = all.select(lit(java.sql.Date.valueOf(night)).as("night"), col("identity_id"), col("old_person_id"),
        col("new_person_id"), col("reason"), lit(runId).as("run_id"));
    insertNew(batch, table("link_change"), "t.night = s.night AND t.identity_id = s.identity_id");
  }

  /** Upserts tonight's decisions, then moves records of merged and split persons. */
  void links(Dataset<Row> assigned, Dataset<Row> moved, Dataset<Row> split) {
    Dataset<Row> decisions = assigned
        .join(split.select(col("identity_id"), col("new_person_id")), "identity_id", "left")
        .withColumn("person_id", coalesce(col("new_person_id"), col("person_id")))
        .select(Assignments.columns())
        .withColumn("linked_night", lit(java.sql.Date.valueOf(night)))
        .withColumn("run_id", lit(runId));
    io.delta(table("person_link")).as("t").merge(decisions.as("s"), "t.identity_id = s.identity_id")
        .whenMatched().updateAll().whenNotMatched().insertAll().execute();
    Dataset<Row> moves = moved.join(split.select("identity_id"), "identity_id", "left_anti").unionByName(split)
        .join(assigned.select("identity_id"), "identity_id", "left_anti");
    java.util.Map<String, String> set = new java.util.HashMap<>();
    set.put("person_id", "s.new_person_id");
    set.put("linked_night", "DATE'" + night + "'");
    set.put("run_id", "'" + runId.replace("'", "") + "'");
    io.delta(table("person_link")).as("t").merge(moves.as("s"), "t.identity_id = s.identity_id")
        .whenMatched().updateExpr(set).execute();
  }

  void events(List<Row> merges, List<Row> splits) {
    List<Row> rows = new ArrayList<>(merges);
    rows.addAll(splits);
    if (rows.isEmpty()) {
      return;
    }
    StructType schema = io.read(table("link_event")).schema();
    insertNew(io.spark().createDataFrame(rows, schema), table("link_event"), "t.event_id = s.event_id");
  }

  /** Pairs between the review and link thresholds, raised once each; returns how many tonight. */
  long reviewPairs(Dataset<Row> review, String modelVersion) {
    Dataset<Row> batch = review.select(
        sha2(concat_ws("\u001f", col("identity_id"), col("person_id")), 256).as("pair_id"),
        col("identity_id"), col("person_id").as("candidate_person_id"), col("match_probability"), col("match_weight"),
        col("drivers"), lit(modelVersion).as("model_version"), lit(java.sql.Date.valueOf(night)).as("raised_night"),
        lit("PENDING").as("status"), lit(null).cast("string").as("decided_by"),
        lit(null).cast("timestamp").as("decided_at"), lit(null).cast("date").as("applied_night"));
    long pairs = batch.count();
    if (pairs > 0) {
      insertNew(batch, table("clerical_review"), "t.pair_id = s.pair_id");
    }
    return pairs;
  }

  static String eventId(LocalDate night, String kind, String person, String other) {
    return Sha256.hex(night + "\u001f" + kind + "\u001f" + person + "\u001f" + other);
  }

  private void insertNew(Dataset<Row> batch, TableRef table, String on) {
    io.delta(table).as("t").merge(batch.as("s"), on).whenNotMatched().insertAll().execute();
  }

  private String[] columnsOf(String name) {
    String[] all = io.read(table(name)).columns();
    return java.util.Arrays.copyOfRange(all, 1, all.length);
  }

  private TableRef table(String name) {
    return lake.restricted(name);
  }
}
