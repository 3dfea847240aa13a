package org.carelake.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.carelake.gold.GoldTableOutcome;
import org.carelake.ingest.FileOutcome;
import org.carelake.link.LinkResult;
import org.carelake.nightly.NightlyResult;
import org.carelake.quality.GateEvaluation;
import org.carelake.quality.QualityResult;
import org.carelake.silver.FeedSilverOutcome;

/**
 * The end-of-run summary. By default it fits one screen: totals per feed across the boroughs, then
 * only the borough and feed rows that need attention (a rejected or duplicate file, a quarantine
 * share above {@link #ATTENTION_SHARE} of a feed that read at least {@link #ATTENTION_MIN_ROWS}
 * rows, a volume far from the feed's recent nights, a failed quality gate), one line per stage, and
 * how the run ended. {@code --detail} adds the whole borough × feed matrix, silver per feed and
 * every table written with its version. Counts, names and versions only.
 */
final class RunSummary {
  /** A borough's feed quarantining more than this share of its rows is shown as needing attention. */
  static final double ATTENTION_SHARE = 0.05;

  /** ... when it read at least this many rows: one bad row of three is not a failing feed. */
  static final long ATTENTION_MIN_ROWS = 20;

  /** A volume ratio to recent nights outside [1/this, this] is shown as needing attention. */
  static final double ATTENTION_VOLUME = 2.0;

  private RunSummary() {}

  static String render(NightlyResult result) {
    return render(result, false);
  }

  static String render(NightlyResult result, boolean detail) {
    return render(result, detail, Set.of());
  }

  /**
   * As {@link #render(NightlyResult, boolean)}; {@code fullRefreshFeeds} are feeds sent whole every
   * night (the opt-out lists), whose file arriving unchanged — a duplicate of an earlier night's —
   * is normal, not news.
   */
  static String render(NightlyResult result, boolean detail, Set<String> fullRefreshFeeds) {
    StringBuilder out = new StringBuilder();
    out.append('\n').append("CareLake night ").append(result.night()).append("  run ").append(result.runId()).append('\n');
    result.ingest().ifPresent(ingest -> {
      renderIngestTotals(out, ingest.files());
      if (detail) {
        renderIngestMatrix(out, ingest.files());
      }
    });
    renderAttention(out, result, fullRefreshFeeds);
    result.result(LinkResult.class).ifPresent(link -> {
      out.append("\nLinkage (master person index)\n");
      List<List<String>> rows = new ArrayList<>();
      rows.add(List.of("identity records tonight", n(link.identitiesSeen()) + " (" + n(link.newIdentities()) + " new)"));
      rows.add(List.of("linked", n(link.linked()) + " (" + new TreeMap<>(link.linkedByMethod()).entrySet().stream()
          .map(e -> "by " + e.getKey() + " " + n(e.getValue())).collect(Collectors.joining(", ")) + ")"));
      rows.add(List.of("clerical review / merges / splits",
          n(link.reviewPairs()) + " / " + n(link.merges()) + " / " + n(link.splits())));
      rows.add(List.of("still without a person", n(link.unlinked())));
      rows.add(List.of("model", link.modelVersion()));
      rows.forEach(row -> out.append(String.format(Locale.ROOT, "  %-34s %s%n", row.get(0), row.get(1))));
    });
    result.silver().ifPresent(silver -> {
      List<FeedSilverOutcome> feeds = silver.feeds();
      out.append("\nSilver (pseudonymised): ")
          .append(n(sum(feeds, FeedSilverOutcome::rowsIn))).append(" rows in, ")
          .append(n(sum(feeds, FeedSilverOutcome::heldBack))).append(" held back, ")
          .append(n(sum(feeds, FeedSilverOutcome::exactDuplicates))).append(" exact duplicates, ")
          .append(n(sum(feeds, FeedSilverOutcome::superseded))).append(" superseded by a row with the same key, ")
          .append(n(sum(feeds, FeedSilverOutcome::rowsToSilver))).append(" to silver, ")
          .append(n(sum(feeds, FeedSilverOutcome::pendingLinkage))).append(" pending linkage (")
          .append(n(sum(feeds, FeedSilverOutcome::beforeBirth))).append(" of them held as dated before birth), ")
          .append(n(sum(feeds, FeedSilverOutcome::deletions))).append(" deleted by their source; ")
          .append(feeds.stream().filter(FeedSilverOutcome::skipped).count()).append(" of ").append(feeds.size())
          .append(" feeds unchanged\n");
      if (detail) {
        table(out, List.of("feed", "target", "rows in", "held back", "duplicates", "superseded", "to silver", "pending linkage",
            "deleted"),
            feeds.stream().map(RunSummary::silverRow).toList());
      }
    });
    result.gold().ifPresent(gold -> {
      out.append("\nGold (published)\n");
      gold.tables().forEach(t -> out.append("  ").append(t.table()).append(" v").append(t.version()).append(": ")
          .append(t.held() ? "NOT PUBLISHED, tonight's build stopped by the identifier-leak gate (v" + t.version()
              + " stays published): " + String.join("; ", t.leaks())
              : t.skipped() ? "unchanged" : n(t.rows()) + " rows" + (t.refresh().equals("full") ? "" : " (" + t.refresh() + ")"))
          .append('\n'));
      out.append("  identifier-leak gate: ").append(String.format(java.util.Locale.ROOT, "%.1f s", gold.gateTime().toMillis() / 1000.0))
          .append(" of the stage's ").append(String.format(java.util.Locale.ROOT, "%.1f s", gold.duration().toMillis() / 1000.0))
          .append('\n');
    });
    List<List<String>> versions = new ArrayList<>();
    result.ingest().ifPresent(i -> new TreeMap<>(i.tableVersions()).forEach((t, v) -> versions.add(List.of(t, Long.toString(v), "ingest"))));
    result.result(LinkResult.class).ifPresent(l -> new TreeMap<>(l.tableVersions()).forEach((t, v) -> versions.add(List.of(t, Long.toString(v), "link"))));
    result.silver().ifPresent(s -> new TreeMap<>(s.tableVersions()).forEach((t, v) -> versions.add(List.of(t, Long.toString(v), "silver"))));
    result.gold().ifPresent(g -> g.tables().forEach(t -> versions.add(goldRow(t))));
    if (!versions.isEmpty()) {
      if (detail) {
        out.append("\nTables written\n");
        table(out, List.of("table", "version", "note"), versions);
      } else {
        Map<String, Long> byZone = versions.stream()
            .collect(Collectors.groupingBy(v -> v.get(0).substring(0, v.get(0).indexOf('.')), TreeMap::new, Collectors.counting()));
        out.append("\nTables written: ").append(versions.size()).append(" (")
            .append(byZone.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", ")))
            .append("; --detail lists each with its version)\n");
      }
    }
    out.append("\nStages: ").append(stageLine(result)).append('\n');
    out.append('\n').append(outcomeLine(result)).append('\n');
    return out.toString();
  }

  /** {@code ingest 11.2 s (6,135 rows/s) · link 37.6 s · ... · total 128.1 s}. */
  private static String stageLine(NightlyResult result) {
    List<String> parts = new ArrayList<>();
    result.stages().forEach((id, stage) -> {
      String extra = "";
      if (stage instanceof org.carelake.ingest.IngestResult i) {
        extra = " (" + rate(i.rowsRead(), i.duration()) + " rows/s)";
      } else if (stage instanceof org.carelake.quality.CheckResult c) {
        extra = c.passed() ? " (passed)" : " (FAILED)";
      }
      parts.add(id + " " + Terminal.seconds(stage.duration()) + extra);
    });
    parts.add("total " + Terminal.seconds(result.duration()));
    return String.join(" · ", parts);
  }

  static String outcomeLine(NightlyResult result) {
    return switch (result.outcome()) {
      case SUCCEEDED -> "Night " + result.night() + " succeeded.";
      case SUCCEEDED_WITH_REJECTED_FILES, SUCCEEDED_WITH_HELD_FEEDS ->
          "Night " + result.night() + " completed, but " + result.message() + ".";
      case FAILED -> "Night " + result.night() + " FAILED: " + result.message();
    };
  }

  /** Files, read, loaded, quarantined per key; with the quarantined rows by rule. */
  private static final class Tally {
    final java.util.Set<String> boroughs = new java.util.TreeSet<>();
    long files;
    long read;
    long loaded;
    long quarantined;
    final Map<String, Long> rules = new TreeMap<>();

    void add(FileOutcome file) {
      boroughs.add(file.borough());
      files++;
      read += file.rowsRead();
      loaded += file.rowsLoaded();
      quarantined += file.rowsQuarantined();
      file.quarantinedByRule().forEach((rule, count) -> rules.merge(rule, count, Long::sum));
    }

    /** The rules that quarantined most rows, most first, at most {@code limit}. */
    String topRules(int limit) {
      List<Map.Entry<String, Long>> sorted = new ArrayList<>(rules.entrySet());
      sorted.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
      String shown = sorted.stream().limit(limit).map(e -> e.getKey() + " " + n(e.getValue())).collect(Collectors.joining(", "));
      return sorted.size() > limit ? shown + ", +" + (sorted.size() - limit) + " more" : shown;
    }
  }

  private static void renderIngestTotals(StringBuilder out, List<FileOutcome> files) {
    Map<String, Tally> byFeed = new TreeMap<>();
    Tally all = new Tally();
    for (FileOutcome file : files) {
      byFeed.computeIfAbsent(file.feed(), k -> new Tally()).add(file);
      all.add(file);
    }
    out.append("\nIngest (per feed, all boroughs)\n");
    List<List<String>> rows = new ArrayList<>();
    byFeed.forEach((feed, t) -> rows.add(List.of(feed, n(t.boroughs.size()), n(t.files), n(t.read), n(t.loaded), n(t.quarantined),
        t.topRules(2))));
    rows.add(List.of("all", n(all.boroughs.size()), n(all.files), n(all.read), n(all.loaded), n(all.quarantined),
        all.read == all.loaded + all.quarantined ? "read = loaded + quarantined" : "DOES NOT RECONCILE"));
    table(out, List.of("feed", "boroughs", "files", "read", "loaded", "quarantined", "quarantined by rule"), rows);
  }

  private static void renderIngestMatrix(StringBuilder out, List<FileOutcome> files) {
    Map<String, Tally> byBoroughFeed = new TreeMap<>();
    files.forEach(file -> byBoroughFeed.computeIfAbsent(file.borough() + "\u0000" + file.feed(), k -> new Tally()).add(file));
    out.append("\nIngest (per borough and feed)\n");
    List<List<String>> rows = new ArrayList<>();
    byBoroughFeed.forEach((key, t) -> {
      String[] parts = key.split("\u0000");
      rows.add(List.of(parts[0], parts[1], n(t.files), n(t.read), n(t.loaded), n(t.quarantined), t.topRules(Integer.MAX_VALUE)));
    });
    table(out, List.of("borough", "feed", "files", "read", "loaded", "quarantined", "quarantined by rule"), rows);
  }

  /**
   * The borough and feed rows that need a person's attention: files not loaded as they came,
   * quarantine shares above the attention share, volumes far from recent nights, failed gates.
   */
  private static void renderAttention(StringBuilder out, NightlyResult result, Set<String> fullRefreshFeeds) {
    List<List<String>> rows = new ArrayList<>();
    result.ingest().ifPresent(ingest -> {
      for (FileOutcome f : ingest.files()) {
        boolean unchangedList = f.status() == FileOutcome.Status.DUPLICATE && fullRefreshFeeds.contains(f.feed());
        if (f.rejectedTonight() || f.status() == FileOutcome.Status.DUPLICATE && !unchangedList) {
          rows.add(List.of(f.borough(), f.feed(), f.status().name() + " " + f.fileName() + f.reason().map(r -> ": " + r).orElse("")));
        }
      }
      Map<String, Tally> byBoroughFeed = new TreeMap<>();
      ingest.files().stream().filter(f -> f.status() == FileOutcome.Status.LOADED)
          .forEach(f -> byBoroughFeed.computeIfAbsent(f.borough() + "\u0000" + f.feed(), k -> new Tally()).add(f));
      byBoroughFeed.forEach((key, t) -> {
        if (t.read >= ATTENTION_MIN_ROWS && t.quarantined > ATTENTION_SHARE * t.read) {
          String[] parts = key.split("\u0000");
          rows.add(List.of(parts[0], parts[1], String.format(Locale.ROOT, "quarantined %.1f%% of %s rows: %s",
              100.0 * t.quarantined / t.read, n(t.read), t.topRules(3))));
        }
      });
    });
    result.result(QualityResult.class).ifPresent(quality -> quality.gates().forEach(gate -> {
      if (gate.failed()) {
        rows.add(List.of(gate.borough(), gate.feed(), "HELD BACK: gate " + gate.gate() + " measured "
            + GateEvaluation.number(gate.measured()) + ", threshold " + GateEvaluation.number(gate.threshold())));
      } else if (gate.gate().equals(org.carelake.quality.Gates.MIN_VOLUME_RATIO) && gate.measured() > ATTENTION_VOLUME) {
        rows.add(List.of(gate.borough(), gate.feed(), String.format(Locale.ROOT, "volume %s times its recent nights' average",
            GateEvaluation.number(gate.measured()))));
      }
    }));
    result.silver().ifPresent(silver -> silver.feeds().stream().filter(f -> f.superseded() > 0).forEach(f -> rows.add(List.of("all",
        f.feed(), n(f.superseded()) + " rows repeat another row's key with other content: the contract's carelake.duplicate-keys rule "
            + "kept one row per key (ops.data_quality conflicting_key_share names the boroughs)"))));
    out.append("\nNeeding attention").append(rows.isEmpty() ? ": nothing\n" : " (" + rows.size() + ")\n");
    if (!rows.isEmpty()) {
      table(out, List.of("borough", "feed", "what"), rows);
    }
  }

  private static long sum(List<FeedSilverOutcome> feeds, java.util.function.ToLongFunction<FeedSilverOutcome> value) {
    return feeds.stream().mapToLong(value).sum();
  }

  private static List<String> silverRow(FeedSilverOutcome f) {
    if (f.skipped()) {
      return List.of(f.feed(), "silver." + f.target(), "-", "-", "-", "-", "-", "unchanged", "");
    }
    return List.of(f.feed(), "silver." + f.target(), n(f.rowsIn()), n(f.heldBack()), n(f.exactDuplicates()), n(f.superseded()), n(f.rowsToSilver()),
        n(f.pendingLinkage()), n(f.deletions()));
  }

  private static List<String> goldRow(GoldTableOutcome t) {
    String inputs = new TreeMap<>(t.inputVersions()).entrySet().stream().map(e -> e.getKey() + "@" + e.getValue()).collect(Collectors.joining(" "));
    return List.of(t.table(), Long.toString(t.version()),
        (t.held() ? "not published (leak gate); " : t.skipped() ? "unchanged; " : n(t.rows()) + " rows; ") + "inputs " + inputs);
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
      boolean numeric = !cell.isEmpty() && cell.chars().allMatch(c -> Character.isDigit(c) || c == ',' || c == '-' || c == '.');
      line.append(numeric ? String.format("%" + widths[i] + "s", cell) : String.format("%-" + widths[i] + "s", cell)).append("  ");
    }
    out.append(line.toString().stripTrailing()).append('\n');
  }
}
