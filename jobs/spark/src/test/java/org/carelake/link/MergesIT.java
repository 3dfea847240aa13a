package org.carelake.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.carelake.lake.DeltaIo;
import org.carelake.testing.TestSpark;
import org.junit.jupiter.api.Test;

/** Bridges between persons: merged unless the two persons hold different usable NHS numbers. */
class MergesIT {
  private static final LocalDate NIGHT = LocalDate.parse("2026-11-23");
  private static final Date EARLIER = Date.valueOf("2026-11-01");
  private static final Date LATER = Date.valueOf("2026-11-10");
  // Synthetic numbers of the never-issued 999 range.
  private static final String NUMBER_ONE = "9990000018";
  private static final String NUMBER_TWO = "9990000026";

  private final SparkSession spark = TestSpark.session();

  @Test
  void aBridgeMergesPersonsUnlessTheirUsableNumbersDiffer() {
    Dataset<Row> pool = pool(
        record("r1", "p-numbered", NUMBER_ONE, true, EARLIER),
        record("r2", "p-without", null, false, LATER),
        record("r3", "p-one", NUMBER_ONE, true, EARLIER),
        record("r4", "p-two", NUMBER_TWO, true, EARLIER),
        record("r5", "p-same-a", NUMBER_TWO, true, EARLIER),
        record("r6", "p-same-b", NUMBER_TWO, true, LATER),
        // a record whose number fails the check does not count as the person's number
        record("r7", "p-unusable", "9990000019", false, LATER),
        record("r8", "p-other", NUMBER_ONE, true, EARLIER));
    Dataset<Row> bridges = bridges(
        bridge("n1", "p-without", "p-numbered", 0.999),
        bridge("n2", "p-one", "p-two", 0.998),
        bridge("n3", "p-same-b", "p-same-a", 0.997),
        bridge("n4", "p-unusable", "p-other", 0.996));
    Merges merges = new Merges(new DeltaIo(spark), NIGHT);

    merges.proposeBridges(bridges, pool);
    Dataset<Row> moved = merges.applyTo(assigned(), pool);

    Map<String, String> personOf = new TreeMap<>();
    moved.collectAsList().forEach(row -> personOf.put(row.getString(0), row.getString(1)));
    assertThat(personOf).containsEntry("a-without", "p-numbered").containsEntry("a-same-b", "p-same-a")
        .containsEntry("a-unusable", "p-other")
        .as("different usable numbers: never merged").containsEntry("a-one", "p-one").containsEntry("a-two", "p-two");
    assertThat(merges.count()).isEqualTo(3);
    assertThat(merges.events("run-1")).extracting(row -> row.getString(4))
        .containsExactlyInAnyOrder("p-without", "p-same-b", "p-unusable");
  }

  @Test
  void noBridgesProposeNothing() {
    Merges merges = new Merges(new DeltaIo(spark), NIGHT);
    merges.proposeBridges(bridges(), pool(record("r1", "p-one", NUMBER_ONE, true, EARLIER)));
    assertThat(merges.count()).isZero();
    assertThat(merges.applyTo(assigned(), pool()).count()).isEqualTo(assigned().count());
  }

  private Dataset<Row> assigned() {
    StructType schema = new StructType().add("identity_id", DataTypes.StringType).add("person_id", DataTypes.StringType);
    return spark.createDataFrame(List.of(RowFactory.create("a-without", "p-without"), RowFactory.create("a-one", "p-one"),
        RowFactory.create("a-two", "p-two"), RowFactory.create("a-same-b", "p-same-b"),
        RowFactory.create("a-unusable", "p-unusable")), schema);
  }

  private Dataset<Row> pool(Row... rows) {
    StructType schema = new StructType().add("identity_id", DataTypes.StringType).add("person_id", DataTypes.StringType)
        .add("nhs_number", DataTypes.StringType).add("nhs_usable", DataTypes.BooleanType).add("linked_night", DataTypes.DateType);
    return spark.createDataFrame(List.of(rows), schema);
  }

  private static Row record(String identity, String person, String number, boolean usable, Date linked) {
    return RowFactory.create(identity, person, number, usable, linked);
  }

  private Dataset<Row> bridges(Row... rows) {
    StructType schema = new StructType().add("identity_id", DataTypes.StringType).add("person_id", DataTypes.StringType)
        .add("other_person_id", DataTypes.StringType).add("other_probability", DataTypes.DoubleType);
    return spark.createDataFrame(List.of(rows), schema);
  }

  private static Row bridge(String identity, String person, String other, double probability) {
    return RowFactory.create(identity, person, other, probability);
  }
}
