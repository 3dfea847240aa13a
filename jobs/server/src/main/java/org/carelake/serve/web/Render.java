package org.carelake.serve.web;

import java.util.List;
import java.util.stream.Collectors;
import org.carelake.serve.view.Grid;

/** A page's grid as CSV (exactly the table on screen) and as JSON (the table and the chart). */
public final class Render {
  private Render() {}

  public static String csv(Grid grid) {
    StringBuilder out = new StringBuilder();
    out.append(Text.csvLine(grid.headers()));
    grid.rows().forEach(row -> out.append(Text.csvLine(row)));
    return out.toString();
  }

  public static String json(Grid grid) {
    return "{\"title\":" + Text.json(grid.title())
        + ",\"summary\":" + Text.json(grid.summary())
        + ",\"headers\":" + strings(grid.headers())
        + ",\"rows\":[" + grid.rows().stream().map(Render::strings).collect(Collectors.joining(",")) + "]"
        + ",\"chart\":" + chart(grid.chart())
        + "}";
  }

  public static String chart(Grid.Chart chart) {
    return "{\"kind\":" + Text.json(chart.kind())
        + ",\"axisLabel\":" + Text.json(chart.axisLabel())
        + ",\"categories\":" + strings(chart.categories())
        + ",\"series\":[" + chart.series().stream()
            .map(s -> "{\"name\":" + Text.json(s.name()) + ",\"values\":["
                + s.values().stream().map(v -> v == null || v.isNaN() ? "null" : Double.toString(v)).collect(Collectors.joining(","))
                + "]}")
            .collect(Collectors.joining(","))
        + "]}";
  }

  private static String strings(List<String> values) {
    return "[" + values.stream().map(Text::json).collect(Collectors.joining(",")) + "]";
  }
}
