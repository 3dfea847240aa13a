package org.carelake.link;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.carelake.digest.Sha256;

/**
 * One person found to be two: a clerical NO_LINK on a record and the person it is linked to moves
 * that record out into a new person of its own (its identity_id becomes the new person id; if the
 * record founded the person, the new id is derived from it so the remaining records keep theirs).
 */
final class Splits {
  private record Split(String identityId, String from, String to) {}

  private final List<ClericalDecisions.Decision> refusals;
  private final List<Split> applied = new ArrayList<>();

  Splits(List<ClericalDecisions.Decision> refusals) {
    this.refusals = List.copyOf(refusals);
  }

  /**
   * @param current the person each refused record is linked to after tonight's links and merges
   * @return {@code identity_id, old_person_id, new_person_id, reason} for the records split off
   */
  Dataset<Row> apply(SparkSession spark, Map<String, String> current) {
    List<Row> rows = new ArrayList<>();
    for (ClericalDecisions.Decision refusal : refusals) {
      String person = current.get(refusal.identityId());
      if (person == null || !person.equals(refusal.personId())) {
        continue;
      }
      String to = refusal.identityId().equals(person) ? derived(person) : refusal.identityId();
      applied.add(new Split(refusal.identityId(), person, to));
      rows.add(RowFactory.create(refusal.identityId(), person, to, "split"));
    }
    StructType schema = new StructType()
        .add("identity_id", DataTypes.StringType, false)
        .add("old_person_id", DataTypes.StringType, true)
        .add("new_person_id", DataTypes.StringType, false)
        .add("reason", DataTypes.StringType, false);
    return spark.createDataFrame(rows, schema);
  }

  List<Row> events(LocalDate night, String runId) {
    List<Row> rows = new ArrayList<>();
    for (Split split : applied) {
      rows.add(RowFactory.create(LinkWrites.eventId(night, "SPLIT", split.to(), split.from()), night, "SPLIT", split.to(),
          split.from(), split.identityId(), "clerical decision NO_LINK", runId));
    }
    return rows;
  }

  int count() {
    return applied.size();
  }

  private static String derived(String person) {
    return Sha256.hex("split\u001f" + person);
  }
}
