package org.carelake.serve.view;

import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.carelake.serve.lake.PublishedTable;
import org.carelake.serve.lake.TableSnapshot;
import org.carelake.serve.view.Grid.Chart;
import org.carelake.serve.view.Grid.Series;

/** The activity-by-deprivation page over gold.monthly_activity_deprivation: one setting and month, by deprivation quintile. */
final class DeprivationViews extends PageView {
  /** The quintiles in the order the page lists them: most deprived first, then unknown, then the total. */
  static final List<String> QUINTILES = List.of("1", "2", "3", "4", "5", "unknown", ALL);

  DeprivationViews(Function<PublishedTable, Optional<TableSnapshot>> tables) {
    super(tables);
  }

  // A borough's published rows as they are; for the region, each quintile summed over the boroughs' published rows.
  Grid deprivation(Filters filters) {
    String setting = filters.setting().orElse("emergency-care");
    String label = Filters.settingLabel(setting);
    String where = boroughName(filters.borough().orElse(ALL));
    List<String> headers = List.of("Deprivation quintile", "Activity", "Registered population", "Rate per 1,000");
    TableSnapshot snapshot = tables.apply(PublishedTable.MONTHLY_ACTIVITY_DEPRIVATION)
        .orElseThrow(() -> new IllegalStateException(PublishedTable.MONTHLY_ACTIVITY_DEPRIVATION + " not readable"));
    if (!snapshot.exists()) {
      return new Grid("Activity by deprivation quintile, " + where,
          "This lake has no gold.monthly_activity_deprivation yet (it was built before the table existed); no chart.", headers, List.of(),
          Chart.none(), List.of("The next night's build publishes activity by deprivation quintile."));
    }
    List<Cells> rows = rows(PublishedTable.MONTHLY_ACTIVITY_DEPRIVATION);
    YearMonth month = filters.month().orElseGet(() -> latest(rows, "month"));
    Map<String, Sum> counts = new LinkedHashMap<>();
    Map<String, Sum> population = new LinkedHashMap<>();
    Map<String, String> rates = new LinkedHashMap<>();
    for (Cells row : rows) {
      if (!setting.equals(row.text("setting")) || month == null || !month.equals(row.month("month"))) {
        continue;
      }
      if (filters.borough().isPresent() && !filters.borough().get().equals(row.text("borough_code"))) {
        continue;
      }
      String quintile = row.text("deprivation_quintile");
      counts.computeIfAbsent(quintile, q -> new Sum()).add(row.count("activity_count"));
      population.computeIfAbsent(quintile, q -> new Sum()).add(row.count("registered_population"));
      rates.put(quintile, row.rate("rate_per_1000"));
    }
    List<List<String>> table = new ArrayList<>();
    List<String> categories = new ArrayList<>();
    List<Double> chartRates = new ArrayList<>();
    for (String quintile : QUINTILES) {
      Sum count = counts.get(quintile);
      if (count == null) {
        continue;
      }
      Sum pop = population.get(quintile);
      String rate = filters.borough().isPresent() ? rates.get(quintile) : regionRate(count, pop);
      table.add(List.of(quintile, count.text(), pop.text(), rate));
      if (!ALL.equals(quintile)) {
        categories.add(quintile);
        chartRates.add(SUPPRESSED.equals(rate) ? null : Double.valueOf(rate));
      }
    }
    return new Grid("Activity by deprivation quintile: " + label + ", " + where + ", " + month,
        "Bar chart of " + label + " per 1,000 registered people in " + where + " in " + month + " by deprivation quintile (1 = most deprived"
            + " fifth of areas, unknown = no area recorded); suppressed rates are left out of the chart and read \"suppressed\" in the table,"
            + " which also gives the total (all).",
        headers, table, new Chart("bar", Filters.DAY_SETTINGS.contains(setting) ? "Days per 1,000" : "Rate per 1,000", categories,
            List.of(new Series("Rate per 1,000", chartRates))),
        List.of("Counts are rounded to the nearest 5; counts of 1 to 7 are suppressed; rates are shown only where both counts are at least 8.",
            "For the region, counts add up the boroughs' published figures (\"(+N suppressed)\" says how many were left out) and the rate is"
                + " worked out only when no borough's count was suppressed."));
  }
}
