package org.carelake.serve.view;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * What one page shows: a title, a sentence describing the chart (its text alternative), the table
 * (headers and rows of display text — exactly what the screen shows and the CSV holds) and the
 * chart drawn from the same numbers. Suppressed cells read "suppressed" in the table and are gaps
 * in the chart, never 0.
 */
public record Grid(String title, String summary, List<String> headers, List<List<String>> rows, Chart chart, List<String> notes) {
  public Grid {
    requireNonNull(title, "title is null");
    requireNonNull(summary, "summary is null");
    headers = List.copyOf(headers);
    rows = rows.stream().map(List::copyOf).toList();
    requireNonNull(chart, "chart is null");
    notes = List.copyOf(notes);
  }

  /** A chart: line or bar, categories along one axis and one series per line or bar colour. */
  public record Chart(String kind, String axisLabel, List<String> categories, List<Series> series) {
    public Chart {
      requireNonNull(kind, "kind is null");
      requireNonNull(axisLabel, "axisLabel is null");
      categories = List.copyOf(categories);
      series = List.copyOf(series);
    }

    public static Chart none() {
      return new Chart("none", "", List.of(), List.of());
    }
  }

  /** One series; a null value is a gap (suppressed or not published). */
  public record Series(String name, List<Double> values) {
    public Series {
      requireNonNull(name, "name is null");
      values = java.util.Collections.unmodifiableList(new java.util.ArrayList<>(values));
    }
  }
}
