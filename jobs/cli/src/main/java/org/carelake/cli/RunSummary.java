package org.carelake.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.carelake.gold.GoldTableOutcome;
import org.carelake.ingest.FileOutcome;
import org.carelake.link.LinkResult;
import org.carelake.nightly.NightlyResult;
import org.carelake.quality.QualityResult;
import org.carelake.silver.FeedSilverOutcome;

/**
 * The end-of-run summary: per borough and feed, files, rows read, loaded and quarantined (by rule);
 * rejected and duplicate files with their reasons; tables written with versions; stage durations;
 * and how the run ended. Counts, names and versions only.
 */
final class RunSummary {
  private RunSummary() {}

  static String render(NightlyResult result) {
    StringBuilder out = new StringBuilder();
    out.append('\n').append("CareLake night ").append(result.night()).append("  run ").append(result.runId()).append('\n');
    result.ingest().ifPresent(ingest -> renderIngest(out, ingest.files()));
    result.result(LinkResult.class).ifPresent(link -> {
      out.append("\nLinkage (master person index)\n");
      List<List<String>> rows = new ArrayList<>();
      rows.add(List.of("identity records tonight", n(link.identitiesSeen())));
      rows.add(List.of("new identity records", n(link.newIdentities())));
      new TreeMap<>(link.linkedByMethod()).forEach((method, count) -> rows.add(List.of("linked by " + method, n(count))));
      rows.add(List.of("sent to clerical review", n(link.reviewPairs())));
      rows.add(List.of("merges / splits", n(link.merges()) + " / " + n(link.splits())));
      rows.add(List.of("still without a person", n(link.unlinked())));
      rows.add(List.of("model", link.modelVersion()));
      table(out, List.of("", "count"), rows);
    });
    result.result(QualityResult.class).ifPresent(quality -> {
      if (!quality.failedGates().isEmpty()) {
        out.append("\nQuality gates failed (these feeds are held back from publication tonight)\n");
        quality.failedGates().forEach(line -> out.append("  ").append(line).append('\n'));
      }
    });
    result.silver().ifPresent(silver -> {
      out.append("\nSilver (pseudonymised)\n");
      table(out, List.of("feed", "target", "rows in", "held back", "duplicates", "to silver", "pending linkage"),
          silver.feeds().stream().map(RunSummary::silverRow).toList());
    });
    List<List<String>> versions = new ArrayList<>();
    result.ingest().ifPresent(i -> new TreeMap<>(i.tableVersions()).forEach((t, v) -> versions.add(List.of(t, Long.toString(v), "ingest"))));
    result.result(LinkResult.class).ifPresent(l -> new TreeMap<>(l.tableVersions()).forEach((t, v) -> versions.add(List.of(t, Long.toString(v), "link"))));
    result.silver().ifPresent(s -> new TreeMap<>(s.tableVersions()).forEach((t, v) -> versions.add(List.of(t, Long.toString(v), "silver"))));
    result.gold().ifPresent(g -> g.tables().forEach(t -> versions.add(goldRow(t))));
    if (!versions.isEmpty()) {
      out.append("\nTables written\n");
      table(out, List.of("table", "version", "note"), versions);
    }
    out.append("\nStages\n");
    List<List<String>> stages = new ArrayList<>();
    result.ingest().ifPresent(i -> stages.add(List.of("ingest", Terminal.seconds(i.duration()), rate(i.rowsRead(), i.duration()))));
    result.result(LinkResult.class).ifPresent(l -> stages.add(List.of("link", Terminal.seconds(l.duration()),
        rate(l.identitiesSeen(), l.duration()))));
    result.silver().ifPresent(s -> stages.add(List.of("silver", Terminal.seconds(s.duration()),
        rate(s.feeds().stream().mapToLong(FeedSilverOutcome::rowsIn).sum(), s.duration()))));
    result.gold().ifPresent(g -> stages.add(List.of("gold", Terminal.seconds(g.duration()), "")));
    result.check().ifPresent(c -> stages.add(List.of("check", Terminal.seconds(c.duration()), c.passed() ? "passed" : "FAILED")));
    stages.add(List.of("total", Terminal.seconds(result.duration()), ""));
    table(out, List.of("stage", "duration", "rows/s"), stages);
    out.append('\n').append(outcomeLine(result)).append('\n');
    return out.toString();
  }

  static String outcomeLine(NightlyResult result) {
    return switch (result.outcome()) {
      case SUCCEEDED -> "Night " + result.night() + " succeeded.";
      case SUCCEEDED_WITH_REJECTED_FILES, SUCCEEDED_WITH_HELD_FEEDS ->
          "Night " + result.night() + " completed, but " + result.message() + ".";
      case FAILED -> "Night " + result.night() + " FAILED: " + result.message();
    };
  }

  private static void renderIngest(StringBuilder out, List<FileOutcome> files) {
    Map<String, long[]> byBoroughFeed = new TreeMap<>();
    Map<String, Map<String, Long>> rules = new TreeMap<>();
    for (FileOutcome file : files) {
      String key = file.borough() + "\u0000" + file.feed();
      long[] totals = byBoroughFeed.computeIfAbsent(key, k -> new long[4]);
      totals[0]++;
      totals[1] += file.rowsRead();
      totals[2] += file.rowsLoaded();
      totals[3] += file.rowsQuarantined();
      file.quarantinedByRule().forEach((rule, n) -> rules.computeIfAbsent(key, k -> new TreeMap<>()).merge(rule, n, Long::sum));
    }
    out.append("\nIngest (per borough and feed)\n");
    List<List<String>> rows = new ArrayList<>();
    long[] sum = new long[4];
    for (Map.Entry<String, long[]> entry : byBoroughFeed.entrySet()) {
      String[] parts = entry.getKey().split("\u0000");
      long[] t = entry.getValue();
      for (int i = 0; i < 4; i++) {
        sum[i] += t[i];
      }
      String byRule = rules.getOrDefault(entry.getKey(), Map.of()).entrySet().stream()
          .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
      rows.add(List.of(parts[0], parts[1], n(t[0]), n(t[1]), n(t[2]), n(t[3]), byRule));
    }
    rows.add(List.of("all", "", n(sum[0]), n(sum[1]), n(sum[2]), n(sum[3]), sum[1] == sum[2] + sum[3] ? "read = loaded + quarantined" : "DOES NOT RECONCILE"));
    table(out, List.of("borough", "feed", "files", "read", "loaded", "quarantined", "quarantined by rule"), rows);
    List<List<String>> notable = files.stream()
        .filter(f -> f.status() != FileOutcome.Status.LOADED || f.reason().isPresent())
        .map(f -> List.of(f.status().name(), f.borough() + "/" + f.fileName(), f.reason().orElse("")))
        .toList();
    if (!notable.isEmpty()) {
      out.append("\nFiles needing attention\n");
      table(out, List.of("status", "file", "reason"), notable);
    }
  }

  private static List<String> silverRow(FeedSilverOutcome f) {
    if (f.skipped()) {
      return List.of(f.feed(), "silver." + f.target(), "-", "-", "-", "-", "unchanged");
    }
    return List.of(f.feed(), "silver." + f.target(), n(f.rowsIn()), n(f.heldBack()), n(f.exactDuplicates()), n(f.rowsToSilver()),
        n(f.pendingLinkage()));
  }

  private static List<String> goldRow(GoldTableOutcome t) {
    String inputs = new TreeMap<>(t.inputVersions()).entrySet().stream().map(e -> e.getKey() + "@" + e.getValue()).collect(Collectors.joining(" "));
    return List.of(t.table(), Long.toString(t.version()), (t.skipped() ? "unchanged; " : n(t.rows()) + " rows; ") + "inputs " + inputs);
  }

  private static String rate(long rows, java.time.Duration duration) {
    long millis = Math.max(1, duration.toMillis());
    return n(rows * 1000 / millis);
  }

  static String n(long value) {
    return String.format(Locale.ROOT, "%,d", value);
  }

  static void table(StringBuilder out, List<String> header, List<List<String>> rows) {
    int[] widths = new int[header.size()];
    for (int i = 0; i < header.size(); i++) {
      widths[i] = header.get(i).length();
    }
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.min(Math.max(widths[i], row.get(i).length()), 90);
      }
    }
    line(out, header, widths);
    StringBuilder rule = new StringBuilder();
    for (int width : widths) {
      rule.append("-".repeat(width)).append("  ");
    }
    out.append("  ").append(rule.toString().stripTrailing()).append('\n');
    rows.forEach(row -> line(out, row, widths));
  }

  private static void line(StringBuilder out, List<String> cells, int[] widths) {
    StringBuilder line = new StringBuilder("  ");
    for (int i = 0; i < cells.size(); i++) {
      String cell = cells.get(i);
      boolean numeric = !cell.isEmpty() && cell.chars().allMatch(c -> Character.isDigit(c) || c == ',' || c == '-');
      line.append(numeric ? String.format("%" + widths[i] + "s", cell) : String.format("%-" + widths[i] + "s", cell)).append("  ");
    }
    out.append(line.toString().stripTrailing()).append('\n');
  }
}
