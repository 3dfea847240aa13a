package org.carelake.serve.view;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.carelake.geography.Borough;
import org.carelake.serve.lake.PublishedTable;
import org.carelake.serve.lake.TableSnapshot;
import org.carelake.serve.view.Grid.Chart;
import org.carelake.serve.view.Grid.Series;

/** The pages over the run tables: data freshness and data quality by feed. */
final class OperationsViews extends PageView {
  OperationsViews(Function<PublishedTable, Optional<TableSnapshot>> tables) {
    super(tables);
  }

  // Freshness: each planning table's published version and time, and the last successful night where the role may read the run table.
  Grid freshness() {
    List<List<String>> table = new ArrayList<>();
    for (PublishedTable published : List.of(PublishedTable.MONTHLY_ACTIVITY, PublishedTable.MONTHLY_ACTIVITY_DEPRIVATION,
        PublishedTable.LTC_PREVALENCE, PublishedTable.LTC_PREVALENCE_LSOA, PublishedTable.MEASURES)) {
      Optional<TableSnapshot> readable = tables.apply(published);
      if (readable.isEmpty()) {
        continue; // a table the role may not read is not listed
      }
      TableSnapshot snapshot = readable.get();
      table.add(List.of(published.qualifiedName(), snapshot.exists() ? Long.toString(snapshot.version()) : "not published",
          snapshot.exists() ? snapshot.committedAt().toString() : "", Integer.toString(snapshot.rows().size())));
    }
    String lastNight = tables.apply(PublishedTable.RUNS).map(runs -> {
      Map<String, Integer> at = runs.positions();
      return runs.rows().stream().map(r -> new Cells(r, at))
          .filter(r -> r.text("outcome").startsWith("SUCCEEDED") && r.text("stages").contains("gold"))
          .map(r -> r.text("night")).max(Comparator.naturalOrder()).orElse("none recorded");
    }).orElse("not shown: your role may not read ops.runs");
    return new Grid("Data freshness", "Last successful night: " + lastNight + ". No chart on this page.",
        List.of("Table", "Version", "Published at (UTC)", "Rows"), table, Chart.none(),
        List.of("Last successful night: " + lastNight,
            "Each night's build writes a new version; the dashboard picks it up within seconds, without a restart."));
  }

  // Quality: the latest night's measures per borough and feed (shares, counts and days; no patient data).
  Grid quality(Filters filters) {
    List<Cells> rows = rows(PublishedTable.DATA_QUALITY);
    String night = rows.stream().map(r -> r.text("night")).max(Comparator.naturalOrder()).orElse("");
    List<Cells> chosen = new ArrayList<>(rows.stream().filter(r -> night.equals(r.text("night")))
        .filter(r -> filters.borough().map(b -> b.equals(r.text("borough"))).orElse(true))
        .filter(r -> r.text("measure").equals("loaded_share") || r.text("measure").equals("rows_read")
            || r.text("measure").startsWith("completeness.") || r.text("measure").equals("linkage_rate"))
        .toList());
    chosen.sort(Comparator.comparing((Cells r) -> r.text("borough")).thenComparing(r -> r.text("feed")).thenComparing(r -> r.text("measure")));
    List<List<String>> table = new ArrayList<>();
    TreeMap<String, List<Double>> loaded = new TreeMap<>();
    for (Cells row : chosen) {
      table.add(List.of(boroughName(row.text("borough")), row.text("feed"), row.text("category"), row.text("measure"),
          number(row.get("value")), number(row.get("previous_average"))));
      if (row.text("measure").equals("loaded_share")) {
        loaded.computeIfAbsent(row.text("feed"), f -> new ArrayList<>()).add(((Number) row.get("value")).doubleValue());
      }
    }
    List<Double> lowest = loaded.values().stream().map(v -> v.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN)).toList();
    return new Grid("Data quality by feed, night " + night,
        "Bar chart of the lowest share of rows loaded by any borough, per feed, on the night of " + night + ".",
        List.of("Borough", "Feed", "Category", "Measure", "Value", "Average of earlier nights"), table,
        new Chart("bar", "Lowest loaded share", List.copyOf(loaded.keySet()), List.of(new Series("Lowest loaded share", lowest))),
        List.of("Shares are between 0 and 1."));
  }
}
