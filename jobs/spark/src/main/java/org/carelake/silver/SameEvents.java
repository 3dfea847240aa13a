package org.carelake.silver;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;

import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.carelake.lake.DeltaIo;
import org.carelake.lake.TableRef;

/**
 * Collapses rows that are the same real-world event under different record keys — a source
 * re-sending an event with a new id, or two systems recording one event (a GP record transferred
 * between practices) — using the columns a silver table declares as {@code -- same-event:}
 * (person, date, code and the like). The row with the smallest key is kept, within the night's
 * batch and against rows already in the table; every collapsed row is recorded in
 * {@code restricted.duplicate_event}.
 *
 * <p>Of the rows already in the table only the partitions the batch falls in are read, when the
 * table's partition columns are generated from same-event columns alone (an activity table's
 * {@code activity_month} from its care date): the same event has the same care date, so it lies in
 * the same month, and a night reads its own months rather than the table's history.
 */
final class SameEvents {
  private final DeltaIo io;
  private final TableRef record;
  private final LocalDate night;
  private final String runId;

  SameEvents(DeltaIo io, TableRef record, LocalDate night, String runId) {
    this.io = io;
    this.record = record;
    this.night = night;
    this.runId = runId;
  }

  /** The batch without the rows that repeat an event; the repeats are recorded. */
  Dataset<Row> collapse(String target, TableRef table, Dataset<Row> batch, String key, List<String> sameEvent) {
    Column[] event = sameEvent.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
    WindowSpec byEvent = Window.partitionBy(event).orderBy(col(key));
    Dataset<Row> ranked = batch.withColumn("_event_rank", row_number().over(byEvent))
        .withColumn("_event_kept", first(col(key)).over(byEvent))
        .localCheckpoint();
    Dataset<Row> repeatedTonight = ranked.filter(col("_event_rank").gt(1))
        .select(col("_event_kept").as("kept_key"), col(key).as("dropped_key"));
    Dataset<Row> firsts = ranked.filter(col("_event_rank").equalTo(1)).drop("_event_rank", "_event_kept");
    Dataset<Row> existing = io.read(table);
    List<String> partitions = partitionsOfTheSameEvent(table, existing.columns(), sameEvent);
    if (partitions.size() == 1 && java.util.Arrays.asList(firsts.columns()).contains(partitions.get(0))) {
      // The batch's partition values as literals, so Delta skips the other partitions' files.
      String partition = partitions.get(0);
      List<Object> values = new java.util.ArrayList<>();
      boolean anyNull = false;
      for (Row row : firsts.select(partition).distinct().collectAsList()) {
        if (row.isNullAt(0)) {
          anyNull = true;
        } else {
          values.add(row.get(0));
        }
      }
      Column inBatch = col(partition).isin(values.toArray());
      existing = existing.filter(anyNull ? inBatch.or(col(partition).isNull()) : inBatch);
    }
    existing = existing.select(java.util.stream.Stream.concat(sameEvent.stream().map(c -> col(c).as("_existing_" + c)),
        java.util.stream.Stream.of(col(key).as("_existing_key"))).toArray(Column[]::new));
    Column same = lit(true);
    for (String column : sameEvent) {
      same = same.and(col(column).eqNullSafe(col("_existing_" + column)));
    }
    Dataset<Row> alreadyThere = firsts.join(existing, same.and(col("_existing_key").notEqual(col(key))))
        .groupBy(col(key).as("dropped_key")).agg(org.apache.spark.sql.functions.min("_existing_key").as("kept_key"))
        .localCheckpoint();
    Dataset<Row> dropped = repeatedTonight.unionByName(alreadyThere.select("kept_key", "dropped_key"));
    Dataset<Row> rows = dropped.select(lit(target).as("silver_table"), col("kept_key"), col("dropped_key"),
        lit(java.sql.Date.valueOf(night)).as("night"), lit(runId).as("run_id"));
    if (!rows.isEmpty()) {
      io.delta(record).as("t").merge(rows.as("s"), "t.silver_table = s.silver_table AND t.dropped_key = s.dropped_key")
          .whenNotMatched().insertAll().execute();
    }
    return firsts.join(alreadyThere.select(col("dropped_key")), col(key).equalTo(col("dropped_key")), "left_anti");
  }

  /**
   * The table's partition columns when each is generated from same-event columns only (then two
   * rows of one event share their partition), else none.
   */
  private List<String> partitionsOfTheSameEvent(TableRef table, String[] columns, List<String> sameEvent) {
    List<String> partitions = io.partitionColumns(table);
    java.util.Map<String, String> generated = io.generatedColumns(table);
    for (String partition : partitions) {
      if (!generated.containsKey(partition) || !sameEvent.containsAll(referencedColumns(generated.get(partition), columns))) {
        return List.of();
      }
    }
    return partitions;
  }

  /** The table's columns a generation expression names (quoted literals left out). */
  static List<String> referencedColumns(String expression, String[] columns) {
    String unquoted = expression.replaceAll("'[^']*'", " ");
    java.util.regex.Matcher words = java.util.regex.Pattern.compile("`([^`]+)`|([A-Za-z_][A-Za-z0-9_]*)").matcher(unquoted);
    java.util.Set<String> names = new java.util.TreeSet<>();
    List<String> known = java.util.Arrays.asList(columns);
    while (words.find()) {
      String word = words.group(1) != null ? words.group(1) : words.group(2);
      if (known.contains(word)) {
        names.add(word);
      }
    }
    return List.copyOf(names);
  }
}
