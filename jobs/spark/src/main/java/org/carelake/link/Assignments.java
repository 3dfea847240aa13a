package org.carelake.link;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The shape of a link decision, as {@code restricted.person_link} stores it: identity record,
 * person, method, score, the fields that drove it and the rule or model version.
 */
final class Assignments {
  static final String RULE_LOCAL_ID = "local-id/v1";
  static final String RULE_NHS = "nhs-number/v1";
  static final String RULE_FOUNDER = "founder/v1";

  private Assignments() {}

  /** A deterministic decision: no score, the rule as driver. */
  static Dataset<Row> deterministic(Dataset<Row> decided, String method, String rule, String drivers) {
    return decided.select(col("identity_id"), col("person_id"), lit(method).as("method"),
        lit(null).cast("double").as("match_probability"), lit(null).cast("double").as("match_weight"),
        lit(drivers).as("drivers"), lit(rule).as("rule_version"));
  }

  /** A probabilistic decision with its score and drivers. */
  static Dataset<Row> scored(Dataset<Row> decided, String method, Column probability, Column weight, Column drivers,
      String modelVersion) {
    return decided.select(col("identity_id"), col("person_id"), lit(method).as("method"),
        probability.as("match_probability"), weight.as("match_weight"), drivers.as("drivers"),
        lit(modelVersion).as("rule_version"));
  }

  static Column[] columns() {
    return new Column[] {col("identity_id"), col("person_id"), col("method"), col("match_probability"),
        col("match_weight"), col("drivers"), col("rule_version")};
  }
}
