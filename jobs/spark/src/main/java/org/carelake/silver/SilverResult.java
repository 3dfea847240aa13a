package org.carelake.silver;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** What the silver stage did: per feed, and the version of every table it wrote. */
public record SilverResult(List<FeedSilverOutcome> feeds, Map<String, Long> tableVersions, Duration duration) {
  public SilverResult {
    feeds = List.copyOf(feeds);
    tableVersions = Map.copyOf(tableVersions);
  }
}
