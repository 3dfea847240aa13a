package org.carelake.link;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.carelake.nightly.StageResult;

/**
 * What the link stage did on a night: identity records seen and new, how the new and waiting ones
 * were linked, review pairs raised, merges and splits, records still without a person, the model
 * used and the tables written.
 */
public record LinkResult(
    long identitiesSeen,
    long newIdentities,
    Map<String, Long> linkedByMethod,
    long reviewPairs,
    long merges,
    long splits,
    long unlinked,
    String modelVersion,
    Map<String, Long> tableVersions,
    Duration duration) implements StageResult {

  public LinkResult {
    linkedByMethod = Map.copyOf(linkedByMethod);
    tableVersions = Map.copyOf(tableVersions);
  }

  static LinkResult nothingToDo(long seen, String modelVersion, Duration duration) {
    return new LinkResult(seen, 0, Map.of(), 0, 0, 0, 0, modelVersion, Map.of(), duration);
  }

  public long linked() {
    return linkedByMethod.values().stream().mapToLong(Long::longValue).sum();
  }

  @Override
  public String summaryLine() {
    StringBuilder methods = new StringBuilder();
    new TreeMap<>(linkedByMethod).forEach((method, n) -> methods.append(methods.length() == 0 ? "" : ", ").append(method)
        .append(' ').append(n));
    return identitiesSeen + " identity records, " + newIdentities + " new; linked " + linked()
        + (methods.length() == 0 ? "" : " (" + methods + ")") + "; " + reviewPairs + " to clerical review, " + merges
        + " merges, " + splits + " splits, " + unlinked + " without a person; model " + modelVersion;
  }
}
