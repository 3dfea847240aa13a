package org.carelake.link;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The deterministic passes, before any scoring: (1) a record whose source's local patient id is
 * already linked joins that person; (2) a record with a usable NHS number joins the person already
 * holding that number when their demographics agree ({@link LinkFunctions#AGREES}); (3) records
 * bringing a new usable NHS number found one person per number, the founder being a record with
 * the most common date of birth among them, and the others join it when they agree. A number that
 * contradicts the other identifiers (a valid number keyed against the wrong person) is left to
 * the probabilistic pass.
 */
final class Deterministic {
  private Deterministic() {}

  /** Records of {@code candidates} whose local patient id a pool record already carries. */
  static Dataset<Row> byLocalId(Dataset<Row> candidates, Dataset<Row> pool) {
    Dataset<Row> known = pool.filter(col("local_id").isNotNull())
        .select(col("local_namespace").as("k_ns"), col("local_id").as("k_id"), col("person_id"));
    Dataset<Row> decided = candidates.filter(col("local_id").isNotNull())
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

  static NhsMatches byNhsNumber(Dataset<Row> candidates, Dataset<Row> pool) {
    Dataset<Row> held = pool.filter(col("nhs_usable"))
        .select(col("nhs_number").as("p_nhs"), col("person_id"), LinkFunctions.struct("").as("p"));
    Dataset<Row> compared = candidates.filter(col("nhs_usable"))
        .select(col("identity_id"), col("nhs_number"), LinkFunctions.struct("").as("c"))
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
   * New persons from records whose usable NHS number no pool record holds. Returns the assigned
   * records (founders and the records agreeing with them) and those disagreeing with the founder
   * (a number keyed against the wrong person), which go to scoring with the number set aside.
   */
  static Founded founders(Dataset<Row> candidates) {
    Dataset<Row> usable = candidates.filter(col("nhs_usable"));
    // The founder's date of birth: the most common one among the number's records.
    Dataset<Row> commonest = usable.filter(col("date_of_birth").isNotNull())
        .groupBy("nhs_number", "date_of_birth").agg(count("*").as("n"))
        .groupBy("nhs_number")
        .agg(max(struct(col("n"), org.apache.spark.sql.functions.expr("-unix_date(date_of_birth)").as("tie"),
            col("date_of_birth"))).as("best"))
        .select(col("nhs_number").as("f_nhs"), col("best.date_of_birth").as("f_dob"));
    Dataset<Row> founder = usable.join(commonest, col("nhs_number").equalTo(col("f_nhs")), "left")
        .filter(col("f_dob").isNull().or(col("date_of_birth").equalTo(col("f_dob"))))
        .groupBy("nhs_number").agg(min(struct(col("identity_id"), LinkFunctions.struct("").as("f"))).as("founder"))
        .select(col("nhs_number").as("f_nhs"), col("founder.identity_id").as("person_id"), col("founder.f").as("f"));
    Dataset<Row> judged = usable.join(founder, col("nhs_number").equalTo(col("f_nhs")))
        .withColumn("joins", col("identity_id").equalTo(col("person_id"))
            .or(LinkFunctions.AGREES.apply(LinkFunctions.struct(""), col("f"))))
        .select(col("identity_id"), col("person_id"), col("joins"));
    Dataset<Row> decided = judged.filter(col("joins"));
    Dataset<Row> founders = decided.filter(col("identity_id").equalTo(col("person_id")));
    Dataset<Row> joiners = decided.filter(col("identity_id").notEqual(col("person_id")));
    Dataset<Row> assigned = Assignments.deterministic(founders, "founder", Assignments.RULE_FOUNDER,
            "first record of a new NHS number")
        .unionByName(Assignments.deterministic(joiners, "nhs-number", Assignments.RULE_NHS,
            "nhs_number=exact, date_of_birth and given_name agree"));
    return new Founded(assigned, judged.filter(col("joins").equalTo(false)).select("identity_id"));
  }
}
