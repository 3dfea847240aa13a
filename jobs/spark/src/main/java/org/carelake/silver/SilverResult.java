package org.carelake.silver;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What the silver stage did: per feed, the version of every table it wrote, and one line per feed
 * whose mapping SQL does not run (that feed is held back tonight; the others go on).
 */
public record SilverResult(List<FeedSilverOutcome> feeds, Map<String, Long> tableVersions, Duration duration,
    List<String> brokenMappings) implements org.carelake.nightly.StageResult {
  public SilverResult {
    feeds = List.copyOf(feeds);
    tableVersions = Map.copyOf(tableVersions);
    brokenMappings = List.copyOf(brokenMappings);
  }

  public SilverResult(List<FeedSilverOutcome> feeds, Map<String, Long> tableVersions, Duration duration) {
    this(feeds, tableVersions, duration, List.of());
  }

  @Override
  public String summaryLine() {
    long in = feeds.stream().mapToLong(FeedSilverOutcome::rowsIn).sum();
    long out = feeds.stream().mapToLong(FeedSilverOutcome::rowsToSilver).sum();
    long pending = feeds.stream().mapToLong(FeedSilverOutcome::pendingLinkage).sum();
    long skipped = feeds.stream().filter(FeedSilverOutcome::skipped).count();
    return in + " rows in, " + out + " to silver, " + pending + " pending linkage, " + skipped + " feeds unchanged"
        + (brokenMappings.isEmpty() ? "" : ", " + brokenMappings.size() + " held back by a broken mapping");
  }
}
