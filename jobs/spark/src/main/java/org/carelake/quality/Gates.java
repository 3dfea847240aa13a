package org.carelake.quality;

import static java.util.Objects.requireNonNull;


import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.carelake.quality.GateEvaluation.Status;
import org.carelake.run.QualityGates;

/**
 * The quality gates, evaluated per borough and feed from the night's measures (plain Java, no
 * Spark). A gate whose measure is absent, or which compares with earlier nights that are too few,
 * is not evaluated and writes no row; the share gates are not evaluated for a feed that read fewer
 * than {@code gates.min-rows} rows tonight. Thresholds are inclusive: a value exactly at the threshold
 * passes (to within 1e-9, so 1.0 - 0.95 is a drop of 0.05, not a hair more).
 *
 * <ul>
 *   <li>{@code max-quarantine-share}: {@code quarantine_share} above the maximum fails;
 *   <li>{@code min-volume-ratio}: {@code rows_read} over its previous average below the minimum fails;
 *   <li>{@code min-linkage-rate}: {@code linkage_rate} below the minimum fails;
 *   <li>{@code max-linkage-drop}: previous average minus {@code linkage_rate} above the maximum fails.
 * </ul>
 */
public final class Gates {
  public static final String MAX_QUARANTINE_SHARE = "max-quarantine-share";
  public static final String MIN_VOLUME_RATIO = "min-volume-ratio";
  public static final String MIN_LINKAGE_RATE = "min-linkage-rate";
  public static final String MAX_LINKAGE_DROP = "max-linkage-drop";

  /** The measure each gate reads; some check in {@code sql/checks/} must declare it. */
  public static final Map<String, String> MEASURES = Map.of(
      MAX_QUARANTINE_SHARE, "quarantine_share",
      MIN_VOLUME_RATIO, "rows_read",
      MIN_LINKAGE_RATE, "linkage_rate",
      MAX_LINKAGE_DROP, "linkage_rate");

  /** Doubles of shares are rarely exact; a value this close to its threshold is at it. */
  private static final double TOLERANCE = 1e-9;

  private final QualityGates settings;

  public Gates(QualityGates settings) {
    this.settings = requireNonNull(settings, "settings is null");
  }

  /** Every gate that applies, per borough and feed, in borough, feed and gate order. */
  public List<GateEvaluation> evaluate(List<Measure> measures) {
    Map<String, Map<String, Measure>> byFeed = new TreeMap<>();
    for (Measure measure : measures) {
      byFeed.computeIfAbsent(measure.borough() + "\u0000" + measure.feed(), k -> new TreeMap<>()).put(measure.measure(), measure);
    }
    List<GateEvaluation> evaluations = new ArrayList<>();
    for (Map<String, Measure> feed : byFeed.values()) {
      volume(feed.get("rows_read")).ifPresent(evaluations::add);
      Measure rows = feed.get("rows_read");
      if (rows != null && rows.value() < settings.minRows()) {
        continue; // a share over a handful of rows is noise, not a failing feed
      }
      quarantine(feed.get("quarantine_share")).ifPresent(evaluations::add);
      linkage(feed.get("linkage_rate")).ifPresent(evaluations::add);
      linkageDrop(feed.get("linkage_rate")).ifPresent(evaluations::add);
    }
    return List.copyOf(evaluations);
  }

  private Optional<GateEvaluation> quarantine(Measure share) {
    if (share == null) {
      return Optional.empty();
    }
    double max = settings.maxQuarantineShare();
    boolean failed = share.value() > max + TOLERANCE;
    return Optional.of(evaluation(share, MAX_QUARANTINE_SHARE, failed, share.value(), max,
        "quarantine share " + n(share.value()) + (failed ? " is above" : " is within") + " the maximum " + n(max)));
  }

  private Optional<GateEvaluation> volume(Measure rows) {
    if (rows == null || !enoughHistory(rows) || rows.previousAverage().getAsDouble() <= 0) {
      return Optional.empty();
    }
    double average = rows.previousAverage().getAsDouble();
    double ratio = rows.value() / average;
    double min = settings.minVolumeRatio();
    boolean failed = ratio < min - TOLERANCE;
    return Optional.of(evaluation(rows, MIN_VOLUME_RATIO, failed, ratio, min,
        "rows read " + n(rows.value()) + " are " + n(ratio) + " of the average " + n(average) + " of "
            + rows.previousNights() + " earlier nights" + (failed ? ", below" : ", within") + " the minimum ratio " + n(min)));
  }

  private Optional<GateEvaluation> linkage(Measure rate) {
    if (rate == null) {
      return Optional.empty();
    }
    double min = settings.minLinkageRate();
    boolean failed = rate.value() < min - TOLERANCE;
    return Optional.of(evaluation(rate, MIN_LINKAGE_RATE, failed, rate.value(), min,
        "linkage rate " + n(rate.value()) + (failed ? " is below" : " meets") + " the minimum " + n(min)));
  }

  private Optional<GateEvaluation> linkageDrop(Measure rate) {
    if (rate == null || !enoughHistory(rate)) {
      return Optional.empty();
    }
    double average = rate.previousAverage().getAsDouble();
    double drop = average - rate.value();
    double max = settings.maxLinkageDrop();
    boolean failed = drop > max + TOLERANCE;
    return Optional.of(evaluation(rate, MAX_LINKAGE_DROP, failed, drop, max,
        "linkage rate " + n(rate.value()) + " against the average " + n(average) + " of " + rate.previousNights()
            + " earlier nights: a drop of " + n(drop) + (failed ? ", above" : ", within") + " the maximum " + n(max)));
  }

  private boolean enoughHistory(Measure measure) {
    return measure.previousAverage().isPresent() && measure.previousNights() >= settings.minPreviousNights();
  }

  private static GateEvaluation evaluation(Measure measure, String gate, boolean failed, double measured, double threshold,
      String reason) {
    return new GateEvaluation(measure.night(), measure.borough(), measure.feed(), gate, failed ? Status.FAILED : Status.PASSED,
        measured, threshold, reason);
  }

  private static String n(double value) {
    return GateEvaluation.number(value);
  }
}
