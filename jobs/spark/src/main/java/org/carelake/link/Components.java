package org.carelake.link;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.min;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * Connected components of a small graph of identity records (the night's uncertain records and
 * their above-threshold links), by iterated smallest-label propagation in Spark: each node takes
 * the smallest label among itself and its neighbours until nothing changes. Components here are a
 * handful of records, so a few rounds suffice; the cap only guards against a pathological chain.
 */
final class Components {
  private static final int MAX_ROUNDS = 30;

  private Components() {}

  /**
   * @param nodes {@code identity_id} of every node
   * @param edges {@code a_id, b_id} (undirected)
   * @return {@code identity_id, component} where component is the smallest identity_id in it
   */
  static Dataset<Row> of(Dataset<Row> nodes, Dataset<Row> edges) {
    Dataset<Row> both = edges.select(col("a_id").as("src"), col("b_id").as("dst"))
        .union(edges.select(col("b_id").as("src"), col("a_id").as("dst")))
        .persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> labels = nodes.select(col("identity_id"), col("identity_id").as("component"))
        .localCheckpoint();
    try {
      for (int round = 0; round < MAX_ROUNDS; round++) {
        Dataset<Row> offered = both.join(labels, both.col("src").equalTo(labels.col("identity_id")))
            .select(col("dst").as("identity_id"), col("component").as("offer"));
        Dataset<Row> next = labels.join(offered.groupBy("identity_id").agg(min("offer").as("offer")), "identity_id", "left")
            .select(col("identity_id"), least(col("component"), org.apache.spark.sql.functions.coalesce(col("offer"), col("component")))
                .as("component"))
            .localCheckpoint();
        long changed = next.join(labels.withColumnRenamed("component", "previous"), "identity_id")
            .filter(col("component").notEqual(col("previous"))).count();
        labels = next;
        if (changed == 0) {
          break;
        }
      }
      return labels;
    } finally {
      both.unpersist();
    }
  }
}
