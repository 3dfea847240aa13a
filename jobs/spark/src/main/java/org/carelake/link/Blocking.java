package org.carelake.link;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.carelake.linkage.BlockingRule;

/**
 * Candidate pairs by blocking: two identity records are compared only when they share a key of
 * one of the {@link BlockingRule}s, so the work grows with the records, not with their square.
 * Keys shared by more than {@code maxBlock} pool records (a very common name in one postcode, say)
 * are dropped and counted; the other rules still bring the true pairs inside them together.
 *
 * <p>Inputs are record datasets with {@code identity_id} and the identity fields; the result has
 * {@code a_id, b_id} and the packed comparison {@code pattern}, plus {@code a_given_name,
 * a_family_name, a_postcode} for term frequencies.
 */
final class Blocking {
  private final int maxBlock;
  /** True when records meet only through NHS numbers within one edit ({@link #numberNeighbours}). */
  private final boolean byNumberOnly;
  /** True when the probe side is a normal night's few records, sent whole to every task ({@link #smallProbe}). */
  private final boolean broadcastProbe;

  Blocking(int maxBlock) {
    this(maxBlock, false, false);
  }

  private Blocking(int maxBlock, boolean byNumberOnly, boolean broadcastProbe) {
    if (maxBlock < 2) {
      throw new IllegalArgumentException("linkage.max-block must be at least 2, was " + maxBlock);
    }
    this.maxBlock = maxBlock;
    this.byNumberOnly = byNumberOnly;
    this.broadcastProbe = broadcastProbe;
  }

  /**
   * The same blocking for probes small enough to send to every task (a normal night's new
   * records): the pool is then read once and filtered to the probe's keys where it lies, instead
   * of shuffled whole for each join, and a key's crowding is counted only for the probe's keys
   * (the same counts: every pool record with the key is still counted).
   */
  Blocking smallProbe() {
    return new Blocking(maxBlock, byNumberOnly, true);
  }

  /**
   * Blocking for one question ({@link #between} only): which known records carry an NHS number
   * that could be a typo of a new record's ({@link BlockingRule#numberNeighbourKeys}, {@link
   * BlockingRule#numberNeighbourKeysOfKnown}). The general rules' pairs, nearly all of a night's,
   * are never formed.
   */
  Blocking numberNeighbours() {
    return new Blocking(maxBlock, true, broadcastProbe);
  }

  /** Pairs of a probe record and a different pool record sharing a blocking key. */
  Dataset<Row> between(Dataset<Row> probe, Dataset<Row> pool) {
    return compared(pairIds(probe, pool, true), probe, pool);
  }

  /**
   * {@code a_id, b_id} of every probe and pool record sharing a key, crowded keys included: a
   * superset of {@link #between}'s pairs over any subset of {@code pool}, whose crowding can only
   * be counted on that subset.
   */
  Dataset<Row> sharingAKey(Dataset<Row> probe, Dataset<Row> pool) {
    return pairIds(probe, pool, false);
  }

  private Dataset<Row> pairIds(Dataset<Row> probe, Dataset<Row> pool, boolean dropCrowded) {
    Dataset<Row> probeKeys = small(keys(probe, "a_id"));
    Dataset<Row> poolKeys = keys(pool, "b_id");
    if (broadcastProbe) {
      poolKeys = poolKeys.join(small(probeKeys.select("key").distinct()), "key", "left_semi");
    }
    Dataset<Row> joined;
    if (byNumberOnly) {
      // Blocks hold a number and its few neighbours, never crowded. Records of one number share a
      // key; an identical number is no mistyping, so they are dropped in the join.
      joined = probeKeys.join(poolKeys, "key").filter(col("a_nhs").notEqual(col("b_nhs")));
    } else {
      joined = probeKeys.join(dropCrowded ? uncrowded(poolKeys) : poolKeys, "key");
    }
    return small(joined.filter(col("a_id").notEqual(col("b_id"))).select("a_id", "b_id").distinct());
  }

  /** Pairs within one set of records, each pair once ({@code a_id < b_id}). */
  Dataset<Row> within(Dataset<Row> records) {
    Dataset<Row> right = uncrowded(keys(records, "b_id"));
    Dataset<Row> ids = keys(records, "a_id").join(right, "key")
        .select("a_id", "b_id")
        .filter(col("a_id").lt(col("b_id")))
        .distinct();
    return compared(ids, records, records);
  }

  /** The dataset marked for broadcasting when the probe side is small ({@link #smallProbe}). */
  private Dataset<Row> small(Dataset<Row> probeSide) {
    return broadcastIf(broadcastProbe, probeSide);
  }

  /**
   * {@code rows} marked to be sent whole to every task of a join when {@code small} (a normal
   * night's side of a join with the master person index), else unchanged: the one place the link
   * stage decides to broadcast.
   */
  static Dataset<Row> broadcastIf(boolean small, Dataset<Row> rows) {
    return small ? org.apache.spark.sql.functions.broadcast(rows) : rows;
  }

  private Dataset<Row> uncrowded(Dataset<Row> keys) {
    Dataset<Row> crowded = keys.groupBy("key").count().filter(col("count").gt(maxBlock)).select(col("key").as("crowded_key"));
    return keys.join(crowded, col("key").equalTo(col("crowded_key")), "left_anti");
  }

  private Dataset<Row> keys(Dataset<Row> records, String idName) {
    if (byNumberOnly) {
      // the new records (a) offer every neighbour key; the known ones (b) only those a typo can share
      boolean known = idName.startsWith("b");
      Column keys = (known ? LinkFunctions.KNOWN_NUMBER_NEIGHBOUR_KEYS : LinkFunctions.NUMBER_NEIGHBOUR_KEYS).apply(col("nhs_number"));
      return records.select(col("identity_id").as(idName), col("nhs_number").as(known ? "b_nhs" : "a_nhs"), explode(keys).as("key"));
    }
    return records.select(col("identity_id").as(idName), explode(LinkFunctions.BLOCKING_KEYS.apply(LinkFunctions.struct(""))).as("key"));
  }

  private Dataset<Row> compared(Dataset<Row> ids, Dataset<Row> probe, Dataset<Row> pool) {
    Dataset<Row> a = probe.select(col("identity_id").as("a_id"), LinkFunctions.struct("").as("a"));
    Dataset<Row> b = pool.select(col("identity_id").as("b_id"), LinkFunctions.struct("").as("b"));
    Column pattern = LinkFunctions.COMPARE.apply(col("a"), col("b"));
    return small(ids.join(a, "a_id")).join(b, "b_id")
        .select(col("a_id"), col("b_id"), pattern.as("pattern"), col("a.given_name").as("a_given_name"),
            col("a.family_name").as("a_family_name"), col("a.postcode").as("a_postcode"));
  }
}
