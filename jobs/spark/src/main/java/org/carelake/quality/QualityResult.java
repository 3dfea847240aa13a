package org.carelake.quality;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.carelake.nightly.StageResult;

/**
 * What the quality stage measured and decided on a night. A failed gate does not fail the night:
 * it holds one borough's feed back from publication, so {@link #gateFailure()} stays empty and the
 * failures are listed by {@link #failedGates()} (borough, feed, gate, measured value, threshold).
 *
 * @param unchanged true when the night's measures and gate evaluations were already stored as is
 */
public record QualityResult(
    int checksRun, int measuresWritten, List<GateEvaluation> gates, Map<String, Long> tableVersions, boolean unchanged,
    Duration duration) implements StageResult {

  public QualityResult {
    gates = List.copyOf(gates);
    tableVersions = Map.copyOf(tableVersions);
  }

  /** One line per failed gate: borough, feed, gate, measured value and threshold. */
  public List<String> failedGates() {
    return gates.stream().filter(GateEvaluation::failed).map(GateEvaluation::describe).toList();
  }

  @Override
  public String summaryLine() {
    List<String> failed = failedGates();
    String held = failed.isEmpty() ? "" : "; held back: " + String.join("; ", failed.subList(0, Math.min(3, failed.size())))
        + (failed.size() > 3 ? "; and " + (failed.size() - 3) + " more" : "");
    return measuresWritten + " measures from " + checksRun + " checks, " + gates.size() + " gate evaluations, "
        + failed.size() + " failed" + held + (unchanged ? " (unchanged)" : "");
  }
}
