package org.carelake.lake;

import static java.util.Objects.requireNonNull;

import io.delta.exceptions.DeltaConcurrentModificationException;
import io.delta.tables.DeltaTable;
import java.util.List;
import java.util.OptionalLong;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** The narrow port every stage reads and writes Delta tables through. */
public final class DeltaIo {
  private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(DeltaIo.class.getName());
  private final SparkSession spark;

  public DeltaIo(SparkSession spark) {
    this.spark = requireNonNull(spark, "spark is null");
  }

  public SparkSession spark() {
    return spark;
  }

  /** True when the table has at least one commit; a listing, not a Spark job. */
  public boolean exists(TableRef table) {
    return version(table).isPresent();
  }

  /** The table's current version, or empty when it does not exist yet. */
  public OptionalLong version(TableRef table) {
    // The newest commit file names the version; listing the log is cheaper than a Spark job.
    org.apache.hadoop.fs.Path log = new org.apache.hadoop.fs.Path(table.path() + "/_delta_log");
    try {
      org.apache.hadoop.fs.FileSystem fs = log.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(log)) {
        return OptionalLong.empty();
      }
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

  /**
   * Removes the table's log folder when it holds no file at all. Delta makes the folder (and its
   * staged-commits folder) before the first commit, so a run killed while creating a table can
   * leave one; {@code CREATE TABLE IF NOT EXISTS} then takes it for a table and creates nothing,
   * and the re-run fails with {@code DELTA_TABLE_NOT_FOUND}. A folder holding any file is kept,
   * and so is one made since this JVM started (another thread of this run creating the table).
   */
  public void removeUncommittedLog(TableRef table) {
    org.apache.hadoop.fs.Path log = new org.apache.hadoop.fs.Path(table.path() + "/_delta_log");
    try {
      org.apache.hadoop.fs.FileSystem fs = log.getFileSystem(spark.sparkContext().hadoopConfiguration());
      long started = java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();
      if (fs.exists(log) && fs.getFileStatus(log).getModificationTime() < started && !fs.listFiles(log, true).hasNext()) {
        fs.delete(log, true);
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot read the log of " + table.qualifiedName(), e);
    }
  }

  /**
   * Rows a commit wrote ({@code numOutputRows} of its operation metrics, 0 when absent), read from
   * the commit file itself rather than through a Spark job.
   */
  public long rowsWrittenBy(TableRef table, long version) {
    com.fasterxml.jackson.databind.JsonNode rows = commitInfo(table, version).path("operationMetrics").path("numOutputRows");
    return rows.isMissingNode() ? 0 : Long.parseLong(rows.asText());
  }

  /** The note a commit was written with ({@code userMetadata}), if any, read from the commit file. */
  public java.util.Optional<String> commitNote(TableRef table, long version) {
    com.fasterxml.jackson.databind.JsonNode note = commitInfo(table, version).path("userMetadata");
    return note.isTextual() ? java.util.Optional.of(note.asText()) : java.util.Optional.empty();
  }

  private com.fasterxml.jackson.databind.JsonNode commitInfo(TableRef table, long version) {
    org.apache.hadoop.fs.Path commit =
        new org.apache.hadoop.fs.Path(table.path() + "/_delta_log/" + String.format("%020d", version) + ".json");
    try {
      org.apache.hadoop.fs.FileSystem fs = commit.getFileSystem(spark.sparkContext().hadoopConfiguration());
      try (java.io.BufferedReader reader =
          new java.io.BufferedReader(new java.io.InputStreamReader(fs.open(commit), java.nio.charset.StandardCharsets.UTF_8))) {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        String line;
        while ((line = reader.readLine()) != null) {
          com.fasterxml.jackson.databind.JsonNode action = json.readTree(line);
          if (action.has("commitInfo")) {
            return action.get("commitInfo");
          }
        }
      }
      return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    } catch (java.io.FileNotFoundException e) {
      throw new IllegalArgumentException(table.qualifiedName() + " has no version " + version, e);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot read commit " + version + " of " + table.qualifiedName(), e);
    }
  }

  /**
   * The table's generated columns (name to generation expression, in schema order), from the Delta
   * log's metadata: a plain read's schema does not carry them. A writer that MERGEs with
   * {@code updateAll} must supply them, computed by the same expression.
   */
  public java.util.Map<String, String> generatedColumns(TableRef table) {
    java.util.Map<String, String> generated = new java.util.LinkedHashMap<>();
    if (!exists(table)) {
      return generated;
    }
    org.apache.spark.sql.types.StructType schema = metadata(table).schema();
    for (org.apache.spark.sql.types.StructField field : schema.fields()) {
      if (field.metadata().contains("delta.generationExpression")) {
        generated.put(field.name(), field.metadata().getString("delta.generationExpression"));
      }
    }
    return generated;
  }

  /**
   * The data files the commits after {@code after} up to {@code upTo} added (absolute paths), read
   * from the commit files themselves; empty when a commit in the range is no longer in the log
   * (cleaned up after a checkpoint) or changed the table's metadata, so the caller reads the whole
   * table instead. Files a later commit in the range removed are still listed: reading them is
   * harmless for a scan, and cheaper than replaying the log.
   */
  public java.util.Optional<List<String>> filesAddedAfter(TableRef table, long after, long upTo) {
    org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(table.path());
    List<String> files = new java.util.ArrayList<>();
    boolean whole = commitActions(table, after, upTo, (kind, action) -> {
      if (kind.equals("add")) {
        org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(java.net.URI.create(action.get("path").asText()));
        files.add((file.isAbsolute() ? file : new org.apache.hadoop.fs.Path(root, file)).toString());
      }
    });
    return whole ? java.util.Optional.of(files) : java.util.Optional.empty();
  }

  /**
   * The values of partition column {@code column} of every file the commits after {@code after} up
   * to {@code upTo} added or removed: the partitions those commits changed ({@code null} for a file
   * of the null partition). Empty when a commit in the range is no longer in the log or changed the
   * table's metadata, so the caller treats the whole table as changed.
   */
  public java.util.Optional<java.util.Set<String>> partitionsChanged(TableRef table, long after, long upTo, String column) {
    java.util.Set<String> values = new java.util.HashSet<>();
    boolean whole = commitActions(table, after, upTo, (kind, action) -> {
      com.fasterxml.jackson.databind.JsonNode value = action.path("partitionValues").path(column);
      values.add(value.isTextual() ? value.asText() : null);
    });
    return whole ? java.util.Optional.of(values) : java.util.Optional.empty();
  }

  /**
   * Hands every {@code add} and {@code remove} action of the commits after {@code after} up to
   * {@code upTo} to {@code each} (its kind and body), reading the commit files themselves; false
   * when a commit in the range is no longer in the log or changed the table's metadata.
   */
  private boolean commitActions(TableRef table, long after, long upTo,
      java.util.function.BiConsumer<String, com.fasterxml.jackson.databind.JsonNode> each) {
    org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(table.path());
    try {
      org.apache.hadoop.fs.FileSystem fs = root.getFileSystem(spark.sparkContext().hadoopConfiguration());
      com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
      for (long version = after + 1; version <= upTo; version++) {
        org.apache.hadoop.fs.Path commit = new org.apache.hadoop.fs.Path(root, "_delta_log/" + String.format("%020d", version) + ".json");
        if (!fs.exists(commit)) {
          return false;
        }
        try (java.io.BufferedReader reader =
            new java.io.BufferedReader(new java.io.InputStreamReader(fs.open(commit), java.nio.charset.StandardCharsets.UTF_8))) {
          String line;
          while ((line = reader.readLine()) != null) {
            com.fasterxml.jackson.databind.JsonNode action = json.readTree(line);
            if (action.has("metaData")) {
              return false;
            }
            for (String kind : List.of("add", "remove")) {
              if (action.has(kind)) {
                each.accept(kind, action.get(kind));
              }
            }
          }
        }
      }
      return true;
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot read the log of " + table.qualifiedName() + ": " + e.getMessage(), e);
    }
  }

  /** The table's partition columns (empty when it is not partitioned or does not exist yet). */
  public List<String> partitionColumns(TableRef table) {
    return exists(table) ? scala.jdk.javaapi.CollectionConverters.asJava(metadata(table).partitionColumns()) : List.of();
  }

  private org.apache.spark.sql.delta.actions.Metadata metadata(TableRef table) {
    return org.apache.spark.sql.delta.DeltaLog.forTable(spark, table.path()).update(false, scala.Option.empty(), scala.Option.empty())
        .metadata();
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
    retryingConflicts(table, () -> rows.write()
        .format("delta")
        .mode("append")
        .option("userMetadata", commitNote)
        .partitionBy(partitionColumns.toArray(new String[0]))
        .save(table.path()));
  }

  /** Commit attempts a write gets when concurrent writers keep committing first. */
  static final int COMMIT_ATTEMPTS = 12;
  private static final java.util.concurrent.atomic.AtomicLong CONFLICTS_RETRIED = new java.util.concurrent.atomic.AtomicLong();

  /** Writes repeated in this JVM because a concurrent writer committed first. */
  public static long conflictsRetried() {
    return CONFLICTS_RETRIED.get();
  }

  /**
   * Runs a write, again when a concurrent writer's commit conflicts with it (two boroughs' ingest
   * tasks loading the same raw table, as the Airflow DAG may run them): Delta then commits nothing
   * and says so with a {@link DeltaConcurrentModificationException}, so the write is repeated on
   * the table's new version, after a short random pause that keeps the writers from colliding
   * again. Only writes that are safe to repeat come here: appends, replaces of exactly their own
   * rows, insert-only MERGEs and CREATE TABLE IF NOT EXISTS.
   */
  public static void retryingConflicts(TableRef table, Runnable write) {
    for (int attempt = 1; ; attempt++) {
      try {
        write.run();
        return;
      } catch (DeltaConcurrentModificationException e) {
        if (attempt == COMMIT_ATTEMPTS) {
          throw e;
        }
        int tries = attempt;
        CONFLICTS_RETRIED.incrementAndGet();
        LOG.info(() -> "concurrent commit to " + table.qualifiedName() + " (" + e.getClass().getSimpleName()
            + "); writing again, attempt " + (tries + 1));
        try {
          Thread.sleep(java.util.concurrent.ThreadLocalRandom.current().nextLong(50, 200L * Math.min(attempt, 10)));
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw e;
        }
      }
    }
  }

  /**
   * The version a write with this commit note made, looking back from the newest to {@code after}
   * (exclusive): other writers may have committed since.
   */
  public OptionalLong versionWritten(TableRef table, long after, String commitNote) {
    long newest = version(table).orElse(-1);
    for (long v = newest; v > after; v--) {
      if (commitNote(table, v).filter(commitNote::equals).isPresent()) {
        return OptionalLong.of(v);
      }
    }
    return OptionalLong.empty();
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
    retryingConflicts(table, () -> {
      if (exists(table)) {
        writer.mode("overwrite").option("replaceWhere", predicate).save(table.path());
      } else {
        writer.mode("append").save(table.path());
      }
    });
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
