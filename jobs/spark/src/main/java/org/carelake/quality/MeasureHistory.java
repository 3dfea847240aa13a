package org.carelake.quality;

import org.carelake.run.QualityGates;
import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.carelake.lake.DeltaIo;
import org.carelake.lake.TableRef;

/**
 * Each measure's recent past in {@code ops.data_quality}: the mean over the most recent earlier
 * nights that have it (up to {@code quality.previous-nights}), looking back at most
 * {@code quality.lookback-days}. Only that slice of the small ops table is read.
 */
final class MeasureHistory {
  private final DeltaIo io;
  private final TableRef table;
  private final QualityGates settings;

  MeasureHistory(DeltaIo io, TableRef table, QualityGates settings) {
    this.io = requireNonNull(io, "io is null");
    this.table = requireNonNull(table, "table is null");
    this.settings = requireNonNull(settings, "settings is null");
  }

  /** Tonight's measures with their previous average and the number of nights it covers. */
  List<Measure> attach(LocalDate night, List<Measure> tonight) {
    Map<String, Row> previous = new HashMap<>();
    if (io.exists(table) && !tonight.isEmpty()) {
      io.spark().sparkContext().setJobDescription("quality: previous nights' measures");
      LocalDate from = night.minusDays(settings.lookbackDays());
      for (Row row : io.read(table)
          .filter(col("night").lt(lit(java.sql.Date.valueOf(night))).and(col("night").geq(lit(java.sql.Date.valueOf(from)))))
          .withColumn("recency", row_number().over(Window.partitionBy("borough", "feed", "measure").orderBy(col("night").desc())))
          .filter(col("recency").leq(settings.previousNights()))
          .groupBy("borough", "feed", "measure")
          .agg(avg(col("value")).as("average"), count(lit(1)).as("nights"))
          .collectAsList()) {
        previous.put(Measure.key(row.getString(0), row.getString(1), row.getString(2)), row);
      }
    }
    List<Measure> attached = new ArrayList<>();
    for (Measure measure : tonight) {
      Row row = previous.get(measure.key());
      attached.add(row == null
          ? measure
          : measure.withHistory(OptionalDouble.of(round(row.getDouble(3))), (int) row.getLong(4)));
    }
    return attached;
  }

  /** Six decimals: a re-run computes the same average whatever order Spark summed it in. */
  private static double round(double value) {
    return Math.round(value * 1e6) / 1e6;
  }
}
