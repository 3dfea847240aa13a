package org.carelake.quality;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import org.carelake.lake.DeltaIo;
import org.carelake.lake.Lake;
import org.carelake.lake.TableDefinitions;
import org.carelake.lake.TableRef;
import org.carelake.lake.Zone;

/**
 * Writes the night's measures to {@code ops.data_quality} and its gate evaluations to
 * {@code ops.quality_gate}, both declared in {@code sql/ddl/ops/}. Each write replaces exactly the
 * night's rows ({@code replaceWhere}), and is skipped when the night already holds the same rows,
 * so a repeated night writes no new table version.
 */
final class QualityWrites {
  static final String MEASURES = "data_quality";
  static final String GATES = "quality_gate";

  private final DeltaIo io;
  private final Lake lake;
  private final LocalDate night;
  private final String runId;

  QualityWrites(DeltaIo io, Lake lake, Path sqlDir, LocalDate night, String runId) {
    this.io = requireNonNull(io, "io is null");
    this.lake = requireNonNull(lake, "lake is null");
    this.night = requireNonNull(night, "night is null");
    this.runId = requireNonNull(runId, "runId is null");
    TableDefinitions ops = new TableDefinitions(sqlDir, Zone.OPS);
    ops.create(io.spark(), table(MEASURES));
    ops.create(io.spark(), table(GATES));
  }

  TableRef table(String name) {
    return lake.table(Zone.OPS, name);
  }

  /** Returns true when the night's rows changed. */
  boolean measures(List<Measure> measures) {
    List<Row> rows = new ArrayList<>();
    for (Measure m : measures) {
      rows.add(RowFactory.create(night, m.borough(), m.feed(), m.category().label(), m.measure(), m.value(),
          m.previousAverage().isPresent() ? m.previousAverage().getAsDouble() : null, m.previousNights(), m.check(), runId));
    }
    return replaceNight(table(MEASURES), rows, "quality measures");
  }

  /** Returns true when the night's rows changed. */
  boolean gates(List<GateEvaluation> evaluations) {
    List<Row> rows = new ArrayList<>();
    for (GateEvaluation e : evaluations) {
      rows.add(RowFactory.create(night, e.borough(), e.feed(), e.gate(), e.status().name(), e.measured(), e.threshold(),
          e.reason(), runId));
    }
    return replaceNight(table(GATES), rows, "quality gates");
  }

  private boolean replaceNight(TableRef table, List<Row> rows, String what) {
    StructType schema = io.read(table).schema();
    if (content(rows, schema).equals(stored(table, schema))) {
      return false;
    }
    io.spark().sparkContext().setJobDescription("quality: write " + table.qualifiedName());
    io.replaceWhere(io.spark().createDataFrame(rows, schema).coalesce(1), table, "night = DATE'" + night + "'", List.of(),
        what + " night " + night + " run " + runId);
    return true;
  }

  /** The night's rows already stored, as text without the run id. The ops tables are small. */
  private Set<String> stored(TableRef table, StructType schema) {
    List<Row> rows = io.read(table).filter(col("night").equalTo(lit(java.sql.Date.valueOf(night)))).collectAsList();
    return content(rows, schema);
  }

  private static Set<String> content(List<Row> rows, StructType schema) {
    int runId = schema.fieldIndex("run_id");
    Set<String> content = new HashSet<>();
    for (Row row : rows) {
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < row.size(); i++) {
        if (i != runId) {
          text.append(row.get(i)).append('\u0000');
        }
      }
      content.add(text.toString());
    }
    return content;
  }
}
