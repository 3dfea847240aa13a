package org.carelake.cli;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Row;
import org.carelake.lake.DeltaIo;
import org.carelake.lake.Lake;
import org.carelake.lake.LakeTables;
import org.carelake.lake.TableRef;
import org.carelake.run.Settings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Shows the last runs and every table's current version. */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Show the last runs and the version of every table in the lake.")
final class StatusCommand implements Callable<Integer> {
  @Mixin LakeOptions lake;

  @Option(names = "--runs", defaultValue = "10", description = "How many recent runs to show (default ${DEFAULT-VALUE}).")
  int runs;

  @Override
  public Integer call() {
    Settings settings = lake.settings();
    DeltaIo io = Lakehouse.open(settings);
    Lake lakeRoot = new Lake(settings.lakeRoot());
    StringBuilder out = new StringBuilder("\nCareLake lake at " + settings.lakeRoot() + "\n\nRecent runs\n");
    if (io.exists(lakeRoot.runs())) {
      List<List<String>> rows = new ArrayList<>();
      for (Row row : io.read(lakeRoot.runs()).orderBy(col("started_at").desc()).limit(runs)
          .select("run_id", "night", "stages", "outcome", "rows_read", "rows_loaded", "rows_quarantined", "message").collectAsList()) {
        List<String> cells = new ArrayList<>();
        for (int i = 0; i < row.size(); i++) {
          Object value = row.get(i);
          cells.add(value == null ? "" : value instanceof Long l ? RunSummary.n(l) : value.toString());
        }
        rows.add(cells);
      }
      RunSummary.table(out, List.of("run", "night", "stages", "outcome", "read", "loaded", "quarantined", "message"), rows);
    } else {
      out.append("  (no runs yet)\n");
    }
    out.append("\nTables\n");
    List<List<String>> tables = new ArrayList<>();
    for (TableRef table : LakeTables.all(io, lakeRoot)) {
      tables.add(List.of(table.qualifiedName(), Long.toString(io.version(table).orElse(-1))));
    }
    RunSummary.table(out, List.of("table", "version"), tables);
    System.out.print(out);
    return 0;
  }
}
