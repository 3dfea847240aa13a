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
    Row last = DeltaTable.forPath(spark, table.path()).history(1).select("version").head();
    return OptionalLong.of(last.getLong(0));
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
