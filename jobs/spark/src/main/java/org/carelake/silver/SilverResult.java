package org.carelake.silver;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** What the silver stage did: per feed, and the version of every table it wrote. */
public record SilverResult(List<FeedSilverOutcome> feeds, Map<String, Long> tableVersions, Duration duration)
    implements org.carelake.nightly.StageResult {
  public SilverResult {
    feeds = List.copyOf(feeds);
    tableVersions = Map.copyOf(tableVersions);
  }

  @Override
  public String summaryLine() {
    long in = feeds.stream().mapToLong(FeedSilverOutcome::rowsIn).sum();
    long out = feeds.stream().mapToLong(FeedSilverOutcome::rowsToSilver).sum();
    long pending = feeds.stream().mapToLong(FeedSilverOutcome::pendingLinkage).sum();
    long skipped = feeds.stream().filter(FeedSilverOutcome::skipped).count();
    return in + " rows in, " + out + " to silver, " + pending + " pending linkage, " + skipped + " feeds unchanged";
  }
}
