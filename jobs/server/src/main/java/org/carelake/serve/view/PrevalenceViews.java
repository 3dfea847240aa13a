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

/** The long-term conditions page: prevalence by borough and deprivation quintile, and a borough's LSOAs ranked. */
final class PrevalenceViews extends PageView {
  PrevalenceViews(Function<PublishedTable, Optional<TableSnapshot>> tables) {
    super(tables);
  }

  // Prevalence: a condition in one month, by borough and deprivation quintile, ranked by the borough's overall prevalence.
  Grid prevalence(Filters filters) {
    List<Cells> rows = rows(PublishedTable.LTC_PREVALENCE);
    String condition = filters.condition().orElse(Filters.CONDITIONS.get(0));
    YearMonth month = filters.month().orElseGet(() -> latest(rows, "month"));
    List<Cells> chosen = rows.stream()
        .filter(r -> condition.equals(r.text("condition")) && month != null && month.equals(r.month("month")))
        .filter(r -> filters.borough().map(b -> b.equals(r.text("borough_code"))).orElse(true))
        .toList();
    List<Cells> totals = new ArrayList<>(chosen.stream().filter(r -> ALL.equals(r.text("deprivation_quintile"))).toList());
    totals.sort(Comparator.comparing((Cells r) -> r.rateNumber("prevalence_per_1000"), Comparator.nullsLast(Comparator.reverseOrder()))
        .thenComparing(r -> r.text("borough_code")));
    List<String> order = totals.stream().map(r -> r.text("borough_code")).toList();
    List<List<String>> table = new ArrayList<>();
    List<Cells> sorted = new ArrayList<>(chosen);
    sorted.sort(Comparator.comparing((Cells r) -> order.indexOf(r.text("borough_code"))).thenComparing(r -> quintileOrder(r.text("deprivation_quintile"))));
    for (Cells row : sorted) {
      table.add(List.of(boroughName(row.text("borough_code")), row.text("deprivation_quintile"), row.count("people_with_condition").text(),
          row.count("registered_population").text(), row.rate("prevalence_per_1000")));
    }
    return new Grid("Recorded prevalence of " + condition + ", " + month,
        "Bar chart ranking the boroughs by recorded prevalence of " + condition + " per 1,000 registered people in " + month
            + (totals.isEmpty() ? "" : "; highest " + boroughName(totals.get(0).text("borough_code")) + " at "
                + totals.get(0).rate("prevalence_per_1000")) + ". The table gives each borough by deprivation quintile (1 = most deprived).",
        List.of("Borough", "Deprivation quintile", "People with the condition", "Registered population", "Prevalence per 1,000"), table,
        new Chart("bar", "Prevalence per 1,000", totals.stream().map(r -> boroughName(r.text("borough_code"))).toList(),
            List.of(new Series("Prevalence per 1,000", totals.stream().map(r -> r.rateNumber("prevalence_per_1000")).toList()))),
        List.of("Deprivation quintile 1 is the most deprived fifth of areas; \"all\" is the borough's total."));
  }

  private static final int CHART_ENDS = 10;

  // Prevalence by LSOA: one borough's LSOAs ranked by a condition's prevalence; suppressed rates and the unknown LSOA listed last, unranked.
  Grid prevalenceByLsoa(Filters filters) {
    String condition = filters.condition().orElse(Filters.CONDITIONS.get(0));
    List<String> headers = List.of("Rank", "LSOA", "Deprivation quintile", "People with the condition", "Registered population",
        "Prevalence per 1,000");
    TableSnapshot snapshot = tables.apply(PublishedTable.LTC_PREVALENCE_LSOA)
        .orElseThrow(() -> new IllegalStateException(PublishedTable.LTC_PREVALENCE_LSOA + " not readable"));
    String title = "LSOAs ranked by recorded prevalence of " + condition;
    if (!snapshot.exists()) {
      return new Grid(title, "This lake has no gold.ltc_prevalence_lsoa yet (it was built before the table existed); no chart.", headers,
          List.of(), Chart.none(), List.of("The next night's build publishes the prevalence by LSOA; until then only the borough figures above are shown."));
    }
    if (filters.borough().isEmpty()) {
      return new Grid(title, "Choose a borough to rank its LSOAs; no chart for the whole region.", headers, List.of(), Chart.none(),
          List.of("LSOAs are ranked within one borough."));
    }
    String borough = filters.borough().get();
    List<Cells> rows = rows(PublishedTable.LTC_PREVALENCE_LSOA);
    YearMonth month = filters.month().orElseGet(() -> latest(rows, "month"));
    List<Cells> chosen = new ArrayList<>(rows.stream()
        .filter(r -> condition.equals(r.text("condition")) && borough.equals(r.text("borough_code")) && month != null && month.equals(r.month("month")))
        .toList());
    // Ranked: a shown rate of a known LSOA, highest first; then, unranked, suppressed rates and the unknown LSOA (never read as 0).
    Function<Cells, Double> rankedRate = r -> "unknown".equals(r.text("lsoa_code")) ? null : r.rateNumber("prevalence_per_1000");
    chosen.sort(Comparator.comparing(rankedRate, Comparator.nullsLast(Comparator.reverseOrder())).thenComparing(r -> r.text("lsoa_code")));
    List<Cells> ranked = chosen.stream().filter(r -> rankedRate.apply(r) != null).toList();
    List<List<String>> table = new ArrayList<>();
    for (int i = 0; i < chosen.size(); i++) {
      Cells row = chosen.get(i);
      table.add(List.of(i < ranked.size() ? Integer.toString(i + 1) : "unranked", row.text("lsoa_code"), row.text("deprivation_quintile"),
          row.count("people_with_condition").text(), row.count("registered_population").text(), row.rate("prevalence_per_1000")));
    }
    List<Cells> drawn = ranked.size() <= 2 * CHART_ENDS ? ranked
        : java.util.stream.Stream.concat(ranked.subList(0, CHART_ENDS).stream(), ranked.subList(ranked.size() - CHART_ENDS, ranked.size()).stream()).toList();
    String name = boroughName(borough);
    String summary = ranked.isEmpty()
        ? "No LSOA of " + name + " has a shown prevalence of " + condition + " in " + month + "; no chart."
        : "Bar chart of recorded prevalence of " + condition + " per 1,000 registered people in " + month + " in "
            + (drawn.size() == ranked.size() ? "all " + ranked.size() + " ranked LSOAs" : "the " + CHART_ENDS + " highest and " + CHART_ENDS
                + " lowest of " + ranked.size() + " ranked LSOAs") + " of " + name + "; highest " + ranked.get(0).text("lsoa_code") + " at "
            + ranked.get(0).rate("prevalence_per_1000") + ", lowest " + ranked.get(ranked.size() - 1).text("lsoa_code") + " at "
            + ranked.get(ranked.size() - 1).rate("prevalence_per_1000") + ". " + (chosen.size() - ranked.size())
            + " LSOAs (suppressed or unknown) are listed last in the table, unranked.";
    return new Grid(title + ", " + name + ", " + month, summary, headers, table,
        ranked.isEmpty() ? Chart.none() : new Chart("bar", "Prevalence per 1,000", drawn.stream().map(r -> r.text("lsoa_code")).toList(),
            List.of(new Series("Prevalence per 1,000", drawn.stream().map(rankedRate).toList()))),
        List.of("LSOAs are small areas of about 1,500 people; deprivation quintile 1 is the most deprived fifth.",
            "An LSOA whose rate is suppressed (a count of 1 to 7, or under 8) is not ranked: it is listed last and reads \"suppressed\", never 0.",
            "\"unknown\" gathers registered people of the borough without a known LSOA."));
  }

  private static String quintileOrder(String quintile) {
    return ALL.equals(quintile) ? "0" : quintile;
  }
}
