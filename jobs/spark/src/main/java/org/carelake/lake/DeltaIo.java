package org.carelake.lake;

import static java.util.Objects.requireNonNull;

import io.delta.tables.DeltaTable;
import java.util.List;
import java.util.OptionalLong;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** The narrow port every stage reads and writes Delta tables through. */
public final class DeltaIo {
  private final SparkSession spark;

  public DeltaIo(SparkSession spark) {
    this.spark = requireNonNull(spark, "spark is null");
  }

  public SparkSession spark() {
    return spark;
  }

  public boolean exists(TableRef table) {
    return DeltaTable.isDeltaTable(spark, table.path());
  }

  /** The table's current version, or empty when it does not exist yet. */
  public OptionalLong version(TableRef table) {
    if (!exists(table)) {
      return OptionalLong.empty();
    }
    // The newest commit file names the version; listing the log is cheaper than a Spark job.
    org.apache.hadoop.fs.Path log = new org.apache.hadoop.fs.Path(table.path() + "/_delta_log");
    try {
      org.apache.hadoop.fs.FileSystem fs = log.getFileSystem(spark.sparkContext().hadoopConfiguration());
      long newest = -1;
      for (org.apache.hadoop.fs.FileStatus status : fs.listStatus(log)) {
        String name = status.getPath().getName();
        if (name.endsWith(".json") && name.length() == 25 && Character.isDigit(name.charAt(0))) {
          newest = Math.max(newest, Long.parseLong(name.substring(0, 20)));
        }
      }
      return newest < 0 ? OptionalLong.empty() : OptionalLong.of(newest);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot read the log of " + table.qualifiedName(), e);
    }
  }

  /** Rows the newest commit wrote ({@code numOutputRows} of its operation metrics), or 0. */
  public long rowsWrittenByLastCommit(TableRef table) {
    Row last = DeltaTable.forPath(spark, table.path()).history(1).select("operationMetrics").head();
    scala.collection.Map<String, String> metrics = last.getMap(0);
    return metrics == null ? 0 : Long.parseLong(metrics.getOrElse("numOutputRows", () -> "0"));
  }

  public Dataset<Row> read(TableRef table) {
    return spark.read().format("delta").load(table.path());
  }

  public Dataset<Row> readAt(TableRef table, long version) {
    return spark.read().format("delta").option("versionAsOf", version).load(table.path());
  }

  public DeltaTable delta(TableRef table) {
    return DeltaTable.forPath(spark, table.path());
  }

  /** Appends rows; creates the table (partitioned as given) on first write. */
  public void append(Dataset<Row> rows, TableRef table, List<String> partitionColumns, String commitNote) {
    rows.write()
        .format("delta")
        .mode("append")
        .option("userMetadata", commitNote)
        .partitionBy(partitionColumns.toArray(new String[0]))
        .save(table.path());
  }

  /**
   * Replaces exactly the rows matching {@code predicate} with {@code rows}, atomically: a retried
   * write replaces its own earlier attempt instead of adding to it.
   */
  public void replaceWhere(
      Dataset<Row> rows, TableRef table, String predicate, List<String> partitionColumns, String commitNote) {
    var writer =
        rows.write()
            .format("delta")
            .option("userMetadata", commitNote)
            .partitionBy(partitionColumns.toArray(new String[0]));
    if (exists(table)) {
      writer.mode("overwrite").option("replaceWhere", predicate).save(table.path());
    } else {
      writer.mode("append").save(table.path());
    }
  }

  /** Replaces the whole table's content in one commit. */
  public void overwrite(Dataset<Row> rows, TableRef table, String commitNote) {
    rows.write()
        .format("delta")
        .mode("overwrite")
        .option("overwriteSchema", "true")
        .option("userMetadata", commitNote)
        .save(table.path());
  }
}
