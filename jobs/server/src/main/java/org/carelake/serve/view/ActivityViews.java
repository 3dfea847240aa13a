package org.carelake.serve.view;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
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

/** The pages over gold.monthly_activity: the region overview, a borough, and demand by age band and sex. */
final class ActivityViews extends PageView {
  ActivityViews(Function<PublishedTable, Optional<TableSnapshot>> tables) {
    super(tables);
  }

  // Region overview: activity by setting and month (age band and sex 'all'), summed over the chosen boroughs, with the same month a year before.
  Grid overview(Filters filters) {
    List<Cells> rows = rows(PublishedTable.MONTHLY_ACTIVITY);
    List<String> settings = filters.setting().map(List::of).orElse(List.of("gp-event", "admitted-care", "emergency-care", "outpatient"));
    Map<String, TreeMap<YearMonth, Sum>> sums = new LinkedHashMap<>();
    settings.forEach(s -> sums.put(s, new TreeMap<>()));
    for (Cells row : rows) {
      if (!ALL.equals(row.text("age_band")) || !ALL.equals(row.text("sex")) || !sums.containsKey(row.text("setting"))) {
        continue;
      }
      if (filters.borough().isPresent() && !filters.borough().get().equals(row.text("borough_code"))) {
        continue;
      }
      YearMonth month = row.month("month");
      if (month != null) {
        sums.get(row.text("setting")).computeIfAbsent(month, m -> new Sum()).add(row.count("activity_count"));
      }
    }
    TreeSet<YearMonth> months = new TreeSet<>();
    sums.values().forEach(byMonth -> byMonth.keySet().stream().filter(m -> inPeriod(m, filters)).forEach(months::add));
    List<List<String>> table = new ArrayList<>();
    List<Series> series = new ArrayList<>();
    for (String setting : settings) {
      TreeMap<YearMonth, Sum> byMonth = sums.get(setting);
      List<Double> values = new ArrayList<>();
      for (YearMonth month : months) {
        Sum now = byMonth.get(month);
        Sum before = byMonth.get(month.minusYears(1));
        Long nowValue = now == null ? null : now.complete();
        Long beforeValue = before == null ? null : before.complete();
        values.add(nowValue == null ? null : nowValue.doubleValue());
        table.add(List.of(month.toString(), Filters.settingLabel(setting), now == null ? "" : now.text(), before == null ? "" : before.text(),
            change(nowValue, beforeValue)));
      }
      series.add(new Series(Filters.settingLabel(setting), values));
    }
    String where = boroughName(filters.borough().orElse(ALL));
    // The default lines are all event counts; bed days (a number of days) are drawn only when chosen alone.
    boolean days = settings.stream().allMatch(Filters.DAY_SETTINGS::contains);
    return new Grid("Activity by care setting, " + where,
        "Line chart of monthly activity in " + where + " for " + String.join(", ", settings.stream().map(Filters::settingLabel).toList()) + ", "
            + (months.isEmpty() ? "no months published" : months.first() + " to " + months.last())
            + ". The table below gives each month beside the same month a year before.",
        List.of("Month", "Setting", "Activity", "Same month last year", "Change"), table,
        new Chart("line", days ? "Days" : "Activity", months.stream().map(YearMonth::toString).toList(), series),
        List.of("Counts are rounded to the nearest 5; counts of 1 to 7 are suppressed.",
            "Region figures add up the published borough totals; \"(+N suppressed)\" says how many boroughs' figures were suppressed and left out"
                + " (the chart and the change leave such a month out rather than show a partial sum)."));
  }

  // Borough page: every setting in one month for one borough, with the rate per 1,000 registered people and last year's month.
  Grid borough(Filters filters) {
    List<Cells> rows = rows(PublishedTable.MONTHLY_ACTIVITY);
    String borough = filters.borough().orElse(Borough.values()[0].onsCode());
    YearMonth month = filters.month().orElseGet(() -> latest(rows, "month"));
    Map<String, Cells> now = new LinkedHashMap<>();
    Map<String, Cells> before = new LinkedHashMap<>();
    for (Cells row : rows) {
      if (!borough.equals(row.text("borough_code")) || !ALL.equals(row.text("age_band")) || !ALL.equals(row.text("sex"))) {
        continue;
      }
      YearMonth m = row.month("month");
      if (m != null && m.equals(month)) {
        now.put(row.text("setting"), row);
      } else if (m != null && month != null && m.equals(month.minusYears(1))) {
        before.put(row.text("setting"), row);
      }
    }
    List<List<String>> table = new ArrayList<>();
    List<String> categories = new ArrayList<>();
    List<Double> rates = new ArrayList<>();
    for (String setting : Filters.SETTINGS) {
      Cells row = now.get(setting);
      if (row == null) {
        continue;
      }
      Cells last = before.get(setting);
      Count count = row.count("activity_count");
      Count lastCount = last == null ? new Count(null, false) : last.count("activity_count");
      table.add(List.of(Filters.settingLabel(setting), count.text(), row.count("registered_population").text(), row.rate("rate_per_1000"),
          lastCount.text(), change(count.value(), lastCount.value())));
      if (!Filters.DAY_SETTINGS.contains(setting)) {
        // Days per 1,000 people are not events per 1,000: bed days stay in the table, out of the chart.
        categories.add(setting);
        rates.add(row.rateNumber("rate_per_1000"));
      }
    }
    String name = boroughName(borough);
    return new Grid(name + ", " + (month == null ? "no month published" : month),
        "Bar chart of activity per 1,000 registered people in " + name + " by care setting in " + month
            + "; suppressed rates are left out of the chart and read \"suppressed\" in the table. Bed days (days in hospital, not events)"
            + " are in the table only.",
        List.of("Setting", "Activity", "Registered population", "Rate per 1,000", "Same month last year", "Change"), table,
        new Chart("bar", "Rate per 1,000", categories, List.of(new Series("Rate per 1,000", rates))),
        List.of("Rates are shown only where both counts are at least 8.",
            "bed-days counts days in hospital of the spells admitted in the month once discharged (a day case none), not admissions;"
                + " its rate is days per 1,000 registered people."));
  }

  // Demand: activity in one setting and month by age band and sex, for a borough or the region.
  Grid demand(Filters filters) {
    List<Cells> rows = rows(PublishedTable.MONTHLY_ACTIVITY);
    String setting = filters.setting().orElse("emergency-care");
    YearMonth month = filters.month().orElseGet(() -> latest(rows, "month"));
    Map<String, Map<String, Sum>> counts = new TreeMap<>();
    Map<String, Map<String, Sum>> population = new TreeMap<>();
    Map<String, Map<String, String>> rates = new TreeMap<>();
    for (Cells row : rows) {
      if (!setting.equals(row.text("setting")) || month == null || !month.equals(row.month("month"))
          || ALL.equals(row.text("age_band")) || ALL.equals(row.text("sex"))) {
        continue;
      }
      if (filters.borough().isPresent() && !filters.borough().get().equals(row.text("borough_code"))) {
        continue;
      }
      counts.computeIfAbsent(row.text("age_band"), a -> new TreeMap<>()).computeIfAbsent(row.text("sex"), s -> new Sum()).add(row.count("activity_count"));
      population.computeIfAbsent(row.text("age_band"), a -> new TreeMap<>()).computeIfAbsent(row.text("sex"), s -> new Sum())
          .add(row.count("registered_population"));
      rates.computeIfAbsent(row.text("age_band"), a -> new TreeMap<>()).put(row.text("sex"), row.rate("rate_per_1000"));
    }
    List<String> bands = new ArrayList<>(counts.keySet());
    bands.sort(Comparator.comparing(ActivityViews::bandOrder));
    LinkedHashSet<String> sexes = new LinkedHashSet<>();
    counts.values().forEach(bySex -> sexes.addAll(bySex.keySet()));
    List<List<String>> table = new ArrayList<>();
    for (String band : bands) {
      for (String sex : sexes) {
        Sum count = counts.get(band).get(sex);
        if (count == null) {
          continue;
        }
        Sum pop = population.get(band).get(sex);
        String rate = filters.borough().isPresent() ? rates.get(band).get(sex) : regionRate(count, pop);
        table.add(List.of(band, sex, count.text(), pop == null ? "" : pop.text(), rate));
      }
    }
    List<Series> series = new ArrayList<>();
    for (String sex : sexes) {
      series.add(new Series(sex, bands.stream().map(b -> {
        Sum sum = counts.get(b).get(sex);
        return sum == null || sum.complete() == null ? null : sum.complete().doubleValue();
      }).toList()));
    }
    String where = boroughName(filters.borough().orElse(ALL));
    String label = Filters.settingLabel(setting);
    return new Grid("Demand for " + label + " by age band and sex, " + where + ", " + month,
        "Bar chart of " + label + " activity in " + where + " in " + month + " by age band, one bar per sex (F female, M male, I indeterminate,"
            + " U unknown); a bar is left out where a borough's count was suppressed (the table shows the rest).",
        List.of("Age band", "Sex", "Activity", "Registered population", "Rate per 1,000"), table,
        new Chart("bar", Filters.DAY_SETTINGS.contains(setting) ? "Days" : "Activity", bands, series),
        List.of("For the region, the rate is worked out from the summed published counts, only when no borough's count was suppressed and both are at least 8."));
  }

  private static int bandOrder(String band) {
    List<String> order = List.of("0-4", "5-17", "18-34", "35-49", "50-64", "65-79", "80+", "Unknown");
    int at = order.indexOf(band);
    return at < 0 ? order.size() : at;
  }
}
