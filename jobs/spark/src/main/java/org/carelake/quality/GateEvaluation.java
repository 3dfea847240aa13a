package org.carelake.quality;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.util.Locale;

/**
 * One gate evaluated for one borough's feed on a night: a row of {@code ops.quality_gate}. A
 * {@link Status#FAILED} evaluation holds that borough's feed back from publication for the night.
 */
public record GateEvaluation(
    LocalDate night, String borough, String feed, String gate, Status status, double measured, double threshold,
    String reason) {

  public enum Status {
    PASSED,
    FAILED
  }

  public GateEvaluation {
    requireNonNull(night, "night is null");
    requireNonNull(borough, "borough is null");
    requireNonNull(feed, "feed is null");
    requireNonNull(gate, "gate is null");
    requireNonNull(status, "status is null");
    requireNonNull(reason, "reason is null");
  }

  public boolean failed() {
    return status == Status.FAILED;
  }

  /** Borough, feed, gate, measured value and threshold: an aggregate, never a patient value. */
  public String describe() {
    return String.format(Locale.ROOT, "%s %s %s: measured %s, threshold %s", borough, feed, gate, number(measured),
        number(threshold));
  }

  /** Four decimals at most, no trailing zeros: 0.25, 0.1, 1200. */
  public static String number(double value) {
    return java.math.BigDecimal.valueOf(value).setScale(4, java.math.RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
  }
}
