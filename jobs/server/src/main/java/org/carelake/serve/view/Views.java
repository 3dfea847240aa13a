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

/**
 * Builds each page's table and chart from the published tables. Every number comes from a
 * disclosure-controlled gold table: a cell whose status is {@code suppressed} reads "suppressed"
 * (and is a gap in a chart); region figures are sums of published borough totals, which reveal
 * nothing the borough rows do not, and say when a borough's figure was suppressed. No page shows
 * a row-level value: the tables read are aggregates, and only their declared columns are shown.
 */
public final class Views {
  public static final String SUPPRESSED = "suppressed";
  private static final String ALL = "all";

  private final Function<PublishedTable, Optional<TableSnapshot>> tables;

  /** {@code tables} gives a table's rows, or empty when the signed-in role may not read it. */
  public Views(Function<PublishedTable, Optional<TableSnapshot>> tables) {
    this.tables = tables;
  }

  public Grid build(Page page, Filters filters) {
    return switch (page) {
      case OVERVIEW -> overview(filters);
      case BOROUGH -> borough(filters);
      case PREVALENCE -> prevalence(filters);
      case PREVALENCE_LSOA -> prevalenceByLsoa(filters);
      case DEMAND -> demand(filters);
      case MEASURES -> measures(filters);
      case FRESHNESS -> freshness();
      case QUALITY -> quality(filters);
    };
  }

  /** One published count: its value, or null when suppressed. */
  private record Count(Long value, boolean suppressed) {
    String text() {
      return suppressed ? SUPPRESSED : value == null ? "" : Long.toString(value);
    }
  }

  /** A row of a table, read by column name. */
  private record Cells(Object[] row, Map<String, Integer> at) {
    Object get(String column) {
      Integer index = at.get(column);
      return index == null ? null : row[index];
    }

    String text(String column) {
      Object value = get(column);
      return value == null ? "" : value.toString();
    }

    Count count(String column) {
      boolean suppressed = SUPPRESSED.equals(text(column + "_status"));
      Object value = get(column);
      return new Count(suppressed || value == null ? null : ((Number) value).longValue(), suppressed);
    }

    String rate(String column) {
      Object value = get(column);
      if (SUPPRESSED.equals(text(column + "_status")) || value == null) {
        return SUPPRESSED;
      }
      return String.format(Locale.ROOT, "%.1f", ((Number) value).doubleValue());
    }

    Double rateNumber(String column) {
      Object value = get(column);
      return SUPPRESSED.equals(text(column + "_status")) || value == null ? null : ((Number) value).doubleValue();
    }

    YearMonth month(String column) {
      Object value = get(column);
      return value instanceof LocalDate date ? YearMonth.from(date) : null;
    }
  }

  private List<Cells> rows(PublishedTable table) {
    TableSnapshot snapshot = tables.apply(table).orElseThrow(() -> new IllegalStateException(table + " not readable"));
    Map<String, Integer> at = snapshot.positions();
    return snapshot.rows().stream().map(row -> new Cells(row, at)).toList();
  }

  /** A sum of published counts: null when every part was suppressed; {@code partial} when some were. */
  private static final class Sum {
    long total;
    int shown;
    int suppressed;

    void add(Count count) {
      if (count.suppressed()) {
        suppressed++;
      } else if (count.value() != null) {
        total += count.value();
        shown++;
      }
    }

    Long value() {
      return shown == 0 ? null : total;
    }

    /** The sum only when no part was suppressed: what charts and changes use, so a partial sum never reads as a whole. */
    Long complete() {
      return shown == 0 || suppressed > 0 ? null : total;
    }

    String text() {
      if (shown == 0) {
        return suppressed > 0 ? SUPPRESSED : "";
      }
      return suppressed > 0 ? total + " (+" + suppressed + " suppressed)" : Long.toString(total);
    }
  }

  private static YearMonth latest(List<Cells> rows, String column) {
    return rows.stream().map(r -> r.month(column)).filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(null);
  }

  private static boolean inPeriod(YearMonth month, Filters filters) {
    return month != null && filters.from().map(f -> !month.isBefore(f)).orElse(true) && filters.to().map(t -> !month.isAfter(t)).orElse(true);
  }

  private static String boroughName(String code) {
    if (ALL.equals(code)) {
      return "Greater Manchester (all boroughs)";
    }
    return Borough.fromOnsCode(code).map(Borough::displayName).orElse(code);
  }

  private static String change(Long now, Long before) {
    if (now == null || before == null || before == 0) {
      return "";
    }
    return String.format(Locale.ROOT, "%+.1f%%", (now - before) * 100.0 / before);
  }

  // Region overview: activity by setting and month (age band and sex 'all'), summed over the chosen boroughs, with the same month a year before.
  private Grid overview(Filters filters) {
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
  private Grid borough(Filters filters) {
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

  // Prevalence: a condition in one month, by borough and deprivation quintile, ranked by the borough's overall prevalence.
  private Grid prevalence(Filters filters) {
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
  private Grid prevalenceByLsoa(Filters filters) {
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

  // Demand: activity in one setting and month by age band and sex, for a borough or the region.
  private Grid demand(Filters filters) {
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
    bands.sort(Comparator.comparing(Views::bandOrder));
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

  private static String regionRate(Sum count, Sum population) {
    if (count.suppressed > 0 || population == null || population.suppressed > 0 || count.value() == null || population.value() == null
        || count.total < 8 || population.total < 8) {
      return SUPPRESSED;
    }
    return String.format(Locale.ROOT, "%.1f", count.total * 1000.0 / population.total);
  }

  private static int bandOrder(String band) {
    List<String> order = List.of("0-4", "5-17", "18-34", "35-49", "50-64", "65-79", "80+", "Unknown");
    int at = order.indexOf(band);
    return at < 0 ? order.size() : at;
  }

  // Measures: one measure for a borough (or the region rows), every published cell in the period.
  private Grid measures(Filters filters) {
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
      boolean shown = n.suppressed == 0 && d.suppressed == 0 && n.total >= 8 && d.total >= 8;
      values.add(shown ? n.total * 100.0 / d.total : null);
    }
    String where = boroughName(borough);
    return new Grid((name.isEmpty() ? measure : name) + ", " + where,
        "Line chart of " + (name.isEmpty() ? measure : name) + " in " + where + " as a percentage, by period end. " + definition,
        List.of("Period end", "Age band", "Sex", "Deprivation quintile", "Numerator", "Denominator", "Value (%)"), table,
        new Chart("line", "Percent", List.copyOf(numerators.keySet()), List.of(new Series("Percent (all cells)", values))),
        List.of("Measures: " + String.join(", ", ids), "The chart adds up the cells of each period; a period with a suppressed cell is a gap."));
  }

  // Freshness: each planning table's published version and time, and the last successful night where the role may read the run table.
  private Grid freshness() {
    List<List<String>> table = new ArrayList<>();
    for (PublishedTable published : List.of(PublishedTable.MONTHLY_ACTIVITY, PublishedTable.LTC_PREVALENCE, PublishedTable.LTC_PREVALENCE_LSOA,
        PublishedTable.MEASURES)) {
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
  private Grid quality(Filters filters) {
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

  private static String number(Object value) {
    if (value == null) {
      return "";
    }
    double d = ((Number) value).doubleValue();
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : String.format(Locale.ROOT, "%.3f", d);
  }
}
