package org.carelake.link;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.carelake.lake.DeltaIo;

/**
 * Two persons found to be one: a record links to both above the link threshold (and they hold no
 * different usable NHS numbers), or a clerical reviewer says a record is a person it is not linked
 * to. Proposals are a handful of person ids, resolved on the driver (chains included); the person
 * founded first keeps its id — a clerical LINK keeps the reviewer's person — and every record of
 * the absorbed person moves to the keeper.
 */
final class Merges {
  private record Proposal(String keeper, String absorbed, boolean explicitKeeper, String identityId, String reason) {}

  private final DeltaIo io;
  private final LocalDate night;
  private final List<Proposal> proposals = new ArrayList<>();
  private final Map<String, String> keeperOf = new TreeMap<>();
  private final List<Proposal> applied = new ArrayList<>();
  /** Night each proposed person was founded, for the persons already in the pool. */
  private final Map<String, String> founded = new HashMap<>();

  Merges(DeltaIo io, LocalDate night) {
    this.io = io;
    this.night = night;
  }

  /**
   * Bridges {@code identity_id, person_id, other_person_id, other_probability}; pairs of persons
   * whose usable NHS numbers differ are never merged.
   */
  void proposeBridges(Dataset<Row> bridges, Dataset<Row> pool) {
    List<Row> found = bridges.select("identity_id", "person_id", "other_person_id", "other_probability")
        .orderBy("identity_id", "other_person_id").collectAsList();
    if (found.isEmpty()) {
      return;
    }
    // Only the bridged persons' numbers are looked up: a handful, not every person of the pool.
    java.util.Set<String> persons = new java.util.TreeSet<>();
    found.forEach(row -> {
      persons.add(row.getString(1));
      persons.add(row.getString(2));
    });
    Map<String, String> numbers = new HashMap<>();
    for (Row row : pool.filter(col("nhs_usable").and(col("person_id").isin(persons.toArray())))
        .groupBy("person_id").agg(min("nhs_number")).collectAsList()) {
      numbers.put(row.getString(0), row.getString(1));
    }
    for (Row row : found) {
      String a = numbers.get(row.getString(1));
      String b = numbers.get(row.getString(2));
      if (a == null || b == null || a.equals(b)) {
        proposals.add(new Proposal(row.getString(1), row.getString(2), false, row.getString(0),
            String.format(java.util.Locale.ROOT, "record linked to both above the threshold (p=%.4f)", row.getDouble(3))));
      }
    }
  }

  /**
   * Persons founded tonight under a number one transposition away from a known person's, whose
   * demographics link to that person ({@code identity_id, person_id, other_person_id,
   * other_probability}): the known person keeps its id. Different numbers do not block these.
   */
  void proposeMistypedNumbers(Dataset<Row> mistyped) {
    for (Row row : mistyped.orderBy("identity_id").collectAsList()) {
      proposals.add(new Proposal(row.getString(2), row.getString(1), true, row.getString(0),
          String.format(java.util.Locale.ROOT, "new number one transposition from the person's (p=%.4f)", row.getDouble(3))));
    }
  }

  /** A clerical LINK: the record's current person is the reviewer's candidate person. */
  void proposeClerical(ClericalDecisions.Decision decision, String currentPerson) {
    if (currentPerson != null && !currentPerson.equals(decision.personId())) {
      proposals.add(new Proposal(decision.personId(), currentPerson, true, decision.identityId(), "clerical decision LINK"));
    }
  }

  /** Resolves the proposals and maps {@code assigned.person_id} through them. */
  Dataset<Row> applyTo(Dataset<Row> assigned, Dataset<Row> pool) {
    if (proposals.isEmpty()) {
      return assigned;
    }
    founded.putAll(foundedNights(pool));
    Map<String, String> parent = new HashMap<>();
    for (Proposal proposal : proposals) {
      String a = root(parent, proposal.keeper());
      String b = root(parent, proposal.absorbed());
      if (a.equals(b)) {
        continue;
      }
      String keeper = proposal.explicitKeeper() ? a : older(a, b, founded);
      String absorbed = keeper.equals(a) ? b : a;
      parent.put(absorbed, keeper);
      applied.add(new Proposal(keeper, absorbed, proposal.explicitKeeper(), proposal.identityId(), proposal.reason()));
    }
    for (String person : parent.keySet()) {
      keeperOf.put(person, root(parent, person));
    }
    Dataset<Row> mapping = mapping();
    return assigned.join(mapping, col("person_id").equalTo(col("m_from")), "left")
        .withColumn("person_id", org.apache.spark.sql.functions.coalesce(col("m_to"), col("person_id")))
        .drop("m_from", "m_to");
  }

  /** Pool records of absorbed persons: {@code identity_id, old_person_id, new_person_id, reason}. */
  Dataset<Row> movedIdentities(Dataset<Row> pool) {
    Dataset<Row> mapping = mapping();
    return pool.join(mapping, col("person_id").equalTo(col("m_from")))
        .select(col("identity_id"), col("person_id").as("old_person_id"), col("m_to").as("new_person_id"),
            lit("merge").as("reason"));
  }

  /** Event rows for the merges applied. */
  List<Row> events(String runId) {
    List<Row> rows = new ArrayList<>();
    for (Proposal merge : applied) {
      if (!founded.containsKey(merge.absorbed())) {
        continue; // a person founded tonight and joined at once to a known one: a link, not a merge
      }
      String keeper = keeperOf.getOrDefault(merge.keeper(), merge.keeper());
      rows.add(RowFactory.create(LinkWrites.eventId(night, "MERGE", keeper, merge.absorbed()), night, "MERGE", keeper,
          merge.absorbed(), merge.identityId(), merge.reason(), runId));
    }
    return rows;
  }

  /** Merges of two persons that both existed before tonight. */
  int count() {
    return (int) applied.stream().filter(merge -> founded.containsKey(merge.absorbed())).count();
  }

  private Dataset<Row> mapping() {
    StructType schema = new StructType().add("m_from", DataTypes.StringType, false).add("m_to", DataTypes.StringType, false);
    List<Row> rows = new ArrayList<>();
    keeperOf.forEach((from, to) -> {
      if (!from.equals(to)) {
        rows.add(RowFactory.create(from, to));
      }
    });
    return io.spark().createDataFrame(rows, schema);
  }

  private Map<String, String> foundedNights(Dataset<Row> pool) {
    List<String> persons = new ArrayList<>();
    proposals.forEach(p -> {
      persons.add(p.keeper());
      persons.add(p.absorbed());
    });
    Map<String, String> founded = new HashMap<>();
    for (Row row : pool.filter(col("person_id").isin(persons.toArray())).groupBy("person_id")
        .agg(min("linked_night").cast("string")).collectAsList()) {
      founded.put(row.getString(0), row.getString(1));
    }
    return founded;
  }

  /** The person founded first; a person new tonight is younger than any in the pool; ties by id. */
  private String older(String a, String b, Map<String, String> founded) {
    String tonight = night.toString();
    int byNight = founded.getOrDefault(a, tonight).compareTo(founded.getOrDefault(b, tonight));
    if (byNight != 0) {
      return byNight < 0 ? a : b;
    }
    return a.compareTo(b) <= 0 ? a : b;
  }

  private static String root(Map<String, String> parent, String person) {
    String current = person;
    while (parent.containsKey(current)) {
      current = parent.get(current);
    }
    return current;
  }
}
