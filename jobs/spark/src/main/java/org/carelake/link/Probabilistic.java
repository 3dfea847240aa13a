package org.carelake.link;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.pow;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.carelake.linkage.FellegiSunterModel;
import org.carelake.linkage.MatchThresholds;

/**
 * Fellegi–Sunter scoring of the records the deterministic passes left: blocked candidate pairs
 * against the linked pool, match weights with term-frequency adjustment for names and postcodes,
 * and per record the best and second-best candidate person. Pairs a clerical reviewer marked
 * NO_LINK never count.
 */
final class Probabilistic {
  private final Blocking blocking;
  private final FellegiSunterModel model;
  private final MatchThresholds thresholds;
  private final Dataset<Row> frequencies;

  /**
   * @param frequencies {@code field, value, tf}: the share of identity records carrying each given
   *     name, family name and postcode
   */
  Probabilistic(Blocking blocking, FellegiSunterModel model, MatchThresholds thresholds, Dataset<Row> frequencies) {
    this.blocking = blocking;
    this.model = model;
    this.thresholds = thresholds;
    this.frequencies = frequencies;
  }

  /** Scored pairs {@code a_id, b_id, pattern, weight, probability, drivers-inputs}. */
  Dataset<Row> score(Dataset<Row> pairs) {
    Dataset<Row> withTf = pairs
        .join(tf("given_name", "tf_given"), col("a_given_name").equalTo(col("tf_given_value")), "left")
        .join(tf("family_name", "tf_family"), col("a_family_name").equalTo(col("tf_family_value")), "left")
        .join(tf("postcode", "tf_postcode"), col("a_postcode").equalTo(col("tf_postcode_value")), "left");
    Column weight = LinkFunctions.weight(model).apply(col("pattern"), col("tf_given"), col("tf_family"), col("tf_postcode"));
    return withTf.select(col("a_id"), col("b_id"), col("pattern"), col("tf_given"), col("tf_family"), col("tf_postcode"))
        .withColumn("match_weight", weight)
        .withColumn("match_probability", probability(col("match_weight")));
  }

  /**
   * For each probe record, its candidate persons ranked: {@code identity_id, person_id, rank,
   * match_probability, match_weight, drivers}. {@code pool} maps {@code identity_id} to
   * {@code person_id}; {@code refused} holds {@code identity_id, candidate_person_id} NO_LINK pairs.
   */
  Dataset<Row> rankedCandidates(Dataset<Row> probe, Dataset<Row> pool, Dataset<Row> refused) {
    Dataset<Row> scored = score(blocking.between(probe, pool));
    Dataset<Row> persons = pool.select(col("identity_id").as("b_id"), col("person_id"));
    // A person is judged by the record that can be compared on the most fields, then by score: a
    // record without names must not vouch for a person whose named records disagree.
    Dataset<Row> best = scored.join(persons, "b_id")
        .join(refused, col("a_id").equalTo(col("r_id")).and(col("person_id").equalTo(col("r_person"))), "left_anti")
        .withColumn("fields_compared", LinkFunctions.FIELDS_COMPARED.apply(col("pattern")))
        .groupBy("a_id", "person_id")
        .agg(max(struct(col("fields_compared"), col("match_probability"), col("match_weight"), col("pattern"),
            col("tf_given"), col("tf_family"), col("tf_postcode"))).as("best"))
        .filter(col("best.match_probability").geq(lit(thresholds.review())));
    Column drivers = LinkFunctions.drivers(model)
        .apply(col("best.pattern"), col("best.tf_given"), col("best.tf_family"), col("best.tf_postcode"));
    return best
        .withColumn("rank", row_number().over(Window.partitionBy("a_id")
            .orderBy(col("best.match_probability").desc(), col("person_id"))))
        .filter(col("rank").leq(2))
        .select(col("a_id").as("identity_id"), col("person_id"), col("rank"),
            col("best.match_probability").as("match_probability"), col("best.match_weight").as("match_weight"),
            drivers.as("drivers"), col("best.pattern").as("pattern"));
  }

  /** Above-threshold pairs within a set of records (both still without a person). */
  Dataset<Row> linksWithin(Dataset<Row> records) {
    return score(blocking.within(records)).filter(links());
  }

  /**
   * True for a scored row ({@code match_probability}, {@code pattern}) that links automatically:
   * at or above the link threshold, and a pattern that allows it ({@link MatchThresholds#decide}).
   */
  Column links() {
    return col("match_probability").geq(lit(thresholds.link())).and(LinkFunctions.AUTOMATIC.apply(col("pattern")));
  }

  /** The same model and thresholds over pairs whose NHS numbers are within one edit ({@link Blocking#numberNeighbours}). */
  Probabilistic byNumberNeighbours() {
    return new Probabilistic(blocking.numberNeighbours(), model, thresholds, frequencies);
  }

  Blocking blocking() {
    return blocking;
  }

  MatchThresholds thresholds() {
    return thresholds;
  }

  FellegiSunterModel model() {
    return model;
  }

  static Column probability(Column weight) {
    return lit(1.0).divide(lit(1.0).plus(pow(lit(2.0), weight.multiply(-1.0))));
  }

  /** Term frequencies of one field's values among identity records. */
  static Dataset<Row> frequencies(Dataset<Row> identities) {
    long total = Math.max(1, identities.count());
    Dataset<Row> result = null;
    for (String field : new String[] {"given_name", "family_name", "postcode"}) {
      Dataset<Row> one = identities.filter(col(field).isNotNull()).groupBy(col(field).as("value")).agg(count("*").as("n"))
          .select(lit(field).as("field"), col("value"), col("n").divide(lit((double) total)).as("tf"));
      result = result == null ? one : result.unionByName(one);
    }
    return result;
  }

  private Dataset<Row> tf(String field, String name) {
    return frequencies.filter(col("field").equalTo(lit(field)))
        .select(col("value").as(name + "_value"), col("tf").as(name));
  }
}
