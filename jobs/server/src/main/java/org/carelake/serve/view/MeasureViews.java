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

/** The cross-organisation measures page, over gold.measures. */
final class MeasureViews extends PageView {
  MeasureViews(Function<PublishedTable, Optional<TableSnapshot>> tables) {
    super(tables);
  }

  // Measures: one measure for a borough (or the region rows), every published cell in the period.
  Grid measures(Filters filters) {
    List<Cells> rows = rows(PublishedTable.MEASURES);
    List<String> ids = rows.stream().map(r -> r.text("measure_id")).distinct().sorted().toList();
    String measure = filters.measure().orElse(ids.isEmpty() ? "" : ids.get(0));
    if (!ids.isEmpty() && !ids.contains(measure)) {
      throw new BadRequest("measure must be one of " + String.join(", ", ids));
    }
    String borough = filters.borough().orElse(ALL);
    List<Cells> chosen = new ArrayList<>(rows.stream()
        .filter(r -> measure.equals(r.text("measure_id")) && borough.equals(r.text("borough_code")) && inPeriod(r.month("period_end"), filters))
        .toList());
    chosen.sort(Comparator.comparing((Cells r) -> r.text("period_end")).thenComparing(r -> r.text("age_band"))
        .thenComparing(r -> r.text("sex")).thenComparing(r -> r.text("deprivation_quintile")));
    List<List<String>> table = new ArrayList<>();
    TreeMap<String, Sum> numerators = new TreeMap<>();
    TreeMap<String, Sum> denominators = new TreeMap<>();
    String name = "";
    String definition = "";
    for (Cells row : chosen) {
      name = row.text("measure_name");
      definition = row.text("definition");
      table.add(List.of(row.text("period_end"), row.text("age_band"), row.text("sex"), row.text("deprivation_quintile"),
          row.count("numerator").text(), row.count("denominator").text(), row.rate("value")));
      numerators.computeIfAbsent(row.text("period_end"), p -> new Sum()).add(row.count("numerator"));
      denominators.computeIfAbsent(row.text("period_end"), p -> new Sum()).add(row.count("denominator"));
    }
    List<Double> values = new ArrayList<>();
    for (String period : numerators.keySet()) {
      Sum n = numerators.get(period);
      Sum d = denominators.get(period);
      values.add(rateShown(n, d) ? n.total * 100.0 / d.total : null);
    }
    String where = boroughName(borough);
    return new Grid((name.isEmpty() ? measure : name) + ", " + where,
        "Line chart of " + (name.isEmpty() ? measure : name) + " in " + where + " as a percentage, by period end. " + definition,
        List.of("Period end", "Age band", "Sex", "Deprivation quintile", "Numerator", "Denominator", "Value (%)"), table,
        new Chart("line", "Percent", List.copyOf(numerators.keySet()), List.of(new Series("Percent (all cells)", values))),
        List.of("Measures: " + String.join(", ", ids), "The chart adds up the cells of each period; a period with a suppressed cell is a gap."));
  }
}
