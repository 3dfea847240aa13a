package org.carelake.link;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Date;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.carelake.testing.TestSpark;
import org.junit.jupiter.api.Test;

/**
 * The number-less persons a new number's founder is compared with: every record of each person
 * that holds no usable NHS number and shares a blocking key with the founder, found without
 * grouping the whole pool by person — including through a key crowded only by other persons.
 */
class WithoutNumberNearIT {
  // Synthetic numbers of the never-issued 999 range.
  private static final String NEW_NUMBER = "9990000018";
  private static final String KNOWN_NUMBER = "9990000026";
  private static final Date BORN = Date.valueOf("1980-05-06");

  private final SparkSession spark = TestSpark.session();

  @Test
  void everyRecordOfTheNearNumberLessPersonsAndNoOther() {
    Dataset<Row> founder = records(List.of(
        record("f1", NEW_NUMBER, true, "ALICE", "EXAMPLE", BORN, "F", "M1 1AA", null)));
    Dataset<Row> pool = records(List.of(
        // a person holding a usable number, one of whose records has none
        record("r1", null, false, "ALICE", "EXAMPLE", BORN, "F", "M1 1AA", "p-numbered"),
        record("r2", KNOWN_NUMBER, true, "ALICE", "EXAMPLE", BORN, "F", "M1 1AA", "p-numbered"),
        // a person without a number: one record shares keys with the founder, the other none
        record("r3", null, false, null, null, BORN, "F", null, "p-without"),
        record("r4", null, false, "ALYS", "OTHERNAME", null, null, "OL1 1AA", "p-without"),
        // another person without a number, sharing no key
        record("r5", null, false, "BOB", "ZED", Date.valueOf("1950-01-01"), "M", "M9 9ZZ", "p-far")));

    List<String> found = LinkStage.withoutNumberNear(founder, pool, new Blocking(2), true).select("identity_id")
        .as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
    List<String> shuffled = LinkStage.withoutNumberNear(founder, pool, new Blocking(2), false).select("identity_id")
        .as(org.apache.spark.sql.Encoders.STRING()).collectAsList();

    // the date-of-birth-and-sex key is held by three unnumbered records (crowded at 2), of which only r3 is number-less
    assertThat(found).containsExactlyInAnyOrder("r3", "r4");
    assertThat(shuffled).containsExactlyInAnyOrderElementsOf(found);
  }

  private Dataset<Row> records(List<Row> rows) {
    StructType schema = new StructType().add("identity_id", DataTypes.StringType).add("nhs_number", DataTypes.StringType)
        .add("nhs_usable", DataTypes.BooleanType).add("given_name", DataTypes.StringType).add("family_name", DataTypes.StringType)
        .add("date_of_birth", DataTypes.DateType).add("sex", DataTypes.StringType).add("postcode", DataTypes.StringType)
        .add("address", DataTypes.StringType).add("local_namespace", DataTypes.StringType).add("local_id", DataTypes.StringType)
        .add("person_id", DataTypes.StringType).add("linked_night", DataTypes.DateType);
    return spark.createDataFrame(rows, schema);
  }

  private static Row record(String id, String number, boolean usable, String given, String family, Date born, String sex,
      String postcode, String person) {
    return RowFactory.create(id, number, usable, given, family, born, sex, postcode, null, null, null, person,
        Date.valueOf("2026-11-01"));
  }
}
