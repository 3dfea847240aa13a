package org.carelake.trace;

import java.util.ArrayList;
import java.util.List;

/**
 * What a trace found, as labelled lines for a terminal: counts, statuses, rule ids, internal ids
 * and pseudonyms; identifier values only when the user asked for them.
 */
public final class TraceReport {
  /** One labelled line. */
  public record Line(String label, String text) {}

  private final String title;
  private final List<Line> lines = new ArrayList<>();
  private long rowsReturned;

  TraceReport(String title) {
    this.title = title;
  }

  void add(String label, String text) {
    lines.add(new Line(label, text));
  }

  void countRows(long rows) {
    rowsReturned += rows;
  }

  public String title() {
    return title;
  }

  public List<Line> lines() {
    return List.copyOf(lines);
  }

  /** Rows of patient-level tables the trace read out, for the audit record. */
  public long rowsReturned() {
    return rowsReturned;
  }

  /** The first line with this label, if any. */
  public java.util.Optional<String> line(String label) {
    return lines.stream().filter(l -> l.label().equals(label)).map(Line::text).findFirst();
  }

  public String render() {
    StringBuilder out = new StringBuilder(title).append('\n');
    int width = lines.stream().mapToInt(l -> l.label().length()).max().orElse(0);
    for (Line line : lines) {
      out.append("  ").append(line.label()).append(" ".repeat(width - line.label().length() + 2)).append(line.text()).append('\n');
    }
    return out.toString();
  }

  /** The first 12 characters of an internal id or pseudonym: enough to find it, short to read. */
  static String shortId(String id) {
    return id == null ? "-" : id.length() <= 12 ? id : id.substring(0, 12) + "…";
  }
}
