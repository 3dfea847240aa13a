package org.carelake.link;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.sort_array;
import static org.apache.spark.sql.functions.struct;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.carelake.linkage.NumberFounders;

/**
 * The deterministic passes, before any scoring: (1) a record whose source's local patient id is
 * already linked joins that person; (2) a record with a usable NHS number joins the person already
 * holding that number when their demographics agree ({@link LinkFunctions#AGREES}); (3) records
 * bringing a new usable NHS number found one person per number, the founder being a record with
 * the most common date of birth among them, and the others join it when they agree. A number that
 * contradicts the other identifiers (a valid number keyed against the wrong person) is left to
 * the probabilistic pass.
 *
 * <p>With {@code smallNight} (a normal night's few records) the night's side of each join with the
 * pool is broadcast, so the pool is read where it lies instead of shuffled whole.
 */
final class Deterministic {
  private Deterministic() {}

  /** Records of {@code candidates} whose local patient id a pool record already carries. */
  static Dataset<Row> byLocalId(Dataset<Row> candidates, Dataset<Row> pool, boolean smallNight) {
    Dataset<Row> known = pool.filter(col("local_id").isNotNull())
        .select(col("local_namespace").as("k_ns"), col("local_id").as("k_id"), col("person_id"));
    Dataset<Row> decided = Blocking.broadcastIf(smallNight, candidates.filter(col("local_id").isNotNull()))
        .join(known, col("local_namespace").equalTo(col("k_ns")).and(col("local_id").equalTo(col("k_id"))))
        .groupBy("identity_id").agg(min("person_id").as("person_id"));
    return Assignments.deterministic(decided, "local-id", Assignments.RULE_LOCAL_ID, "local_id=exact");
  }

  /**
   * Candidates whose usable NHS number a pool record carries: {@code agreed} (identity_id,
   * person_id) where some record of the person agrees, {@code contradicted} identity_ids where the
   * number is held but no record of its person agrees.
   */
  record NhsMatches(Dataset<Row> agreed, Dataset<Row> contradicted) {}

  static NhsMatches byNhsNumber(Dataset<Row> candidates, Dataset<Row> pool, boolean smallNight) {
    Dataset<Row> held = pool.filter(col("nhs_usable"))
        .select(col("nhs_number").as("p_nhs"), col("person_id"), LinkFunctions.struct("").as("p"));
    Dataset<Row> compared = Blocking.broadcastIf(smallNight, candidates.filter(col("nhs_usable"))
            .select(col("identity_id"), col("nhs_number"), LinkFunctions.struct("").as("c")))
        .join(held, col("nhs_number").equalTo(col("p_nhs")))
        .select(col("identity_id"), col("person_id"), LinkFunctions.AGREES.apply(col("c"), col("p")).as("agrees"));
    Dataset<Row> perCandidate = compared.groupBy("identity_id")
        .agg(max(col("agrees")).as("any_agrees"),
            min(org.apache.spark.sql.functions.when(col("agrees"), col("person_id"))).as("person_id"));
    Dataset<Row> agreed = Assignments.deterministic(perCandidate.filter(col("any_agrees")), "nhs-number",
        Assignments.RULE_NHS, "nhs_number=exact, date_of_birth and given_name agree");
    Dataset<Row> contradicted = perCandidate.filter(col("any_agrees").equalTo(false)).select("identity_id");
    return new NhsMatches(agreed, contradicted);
  }

  /** New persons founded tonight ({@code assigned}) and the records that disagreed with their number's founder. */
  record Founded(Dataset<Row> assigned, Dataset<Row> disagreeing) {}

  /**
   * New persons from records whose usable NHS number no pool record holds, one per number, by
   * {@link NumberFounders#decide} over the number's records: the assigned records (founders and
   * the records agreeing with them) and those set aside (a number keyed against the wrong person,
   * or a disputed number), which go to scoring with the number set aside. Records of a disputed
   * number without demographics are in neither: they wait, and join through their local id.
   */
  static Founded founders(Dataset<Row> candidates) {
    Dataset<Row> usable = candidates.filter(col("nhs_usable"));
    Dataset<Row> roles = usable
        .groupBy("nhs_number")
        .agg(sort_array(collect_list(struct(col("identity_id"), LinkFunctions.struct("").as("r")))).as("records"))
        .select(explode(LinkFunctions.FOUNDER_ROLES.apply(col("records"))).as("decision"))
        .select(col("decision.identity_id").as("identity_id"), col("decision.person_id").as("person_id"),
            col("decision.role").as("role"));
    Dataset<Row> founders = roles.filter(col("role").equalTo(NumberFounders.Role.FOUNDER.name()));
    Dataset<Row> joiners = roles.filter(col("role").equalTo(NumberFounders.Role.JOINS.name()));
    Dataset<Row> assigned = Assignments.deterministic(founders.select("identity_id", "person_id"), "founder",
            Assignments.RULE_FOUNDER, "first record of a new NHS number")
        .unionByName(Assignments.deterministic(joiners.select("identity_id", "person_id"), "nhs-number", Assignments.RULE_NHS,
            "nhs_number=exact, date_of_birth and given_name agree"));
    Dataset<Row> setAside = roles.filter(col("role").equalTo(NumberFounders.Role.SET_ASIDE.name())).select("identity_id");
    return new Founded(assigned, setAside);
  }
}
