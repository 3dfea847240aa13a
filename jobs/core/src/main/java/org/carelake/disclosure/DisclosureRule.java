package org.carelake.disclosure;

import java.io.Serializable;
import java.util.Optional;

/**
 * The small-number rule of one output: a count of 0 stays 0; counts from 1 to {@code suppressBelow
 * - 1} are suppressed; all others are rounded to the nearest {@code roundTo}; a rate is shown only
 * where its numerator and denominator are both at least {@code suppressBelow} (and both published),
 * computed from the rounded counts so it cannot undo the rounding.
 *
 * <p>The defaults are NHS England's rule (suppress below 8, round to 5). An output may be stricter;
 * it may be weaker only with an explicit override that gives a reason, which the caller must log and
 * audit ({@link #override()}).
 */
public record DisclosureRule(long suppressBelow, long roundTo, String overrideReason) implements Serializable {
  public static final long DEFAULT_SUPPRESS_BELOW = 8;
  public static final long DEFAULT_ROUND_TO = 5;
  private static final DisclosureRule DEFAULTS = new DisclosureRule(DEFAULT_SUPPRESS_BELOW, DEFAULT_ROUND_TO, Optional.empty());

  /** @param override the reason for thresholds below the defaults, if any; blank counts as none */
  public DisclosureRule(long suppressBelow, long roundTo, Optional<String> override) {
    this(suppressBelow, roundTo, override.map(String::strip).filter(reason -> !reason.isEmpty()).orElse(null));
  }

  public DisclosureRule {
    if (overrideReason != null && overrideReason.isBlank()) {
      overrideReason = null;
    }
    if (suppressBelow < 1 || roundTo < 1) {
      throw new IllegalArgumentException("disclosure thresholds must be at least 1");
    }
    if (weakerThanDefaults(suppressBelow, roundTo) && overrideReason == null) {
      throw new IllegalArgumentException("disclosure thresholds below the defaults (suppress below "
          + DEFAULT_SUPPRESS_BELOW + ", round to " + DEFAULT_ROUND_TO + ") need an explicit override with a reason");
    }
  }

  /** The reason given for thresholds below the defaults, which the caller must log and audit. */
  public Optional<String> override() {
    return Optional.ofNullable(overrideReason);
  }

  public static DisclosureRule defaults() {
    return DEFAULTS;
  }

  /** Whether this rule publishes anything the default rule would not. */
  public boolean weakerThanDefaults() {
    return weakerThanDefaults(suppressBelow, roundTo);
  }

  private static boolean weakerThanDefaults(long suppressBelow, long roundTo) {
    return suppressBelow < DEFAULT_SUPPRESS_BELOW || roundTo < DEFAULT_ROUND_TO;
  }

  /** One count on its own (no total depends on it). */
  public PublishedCell count(long raw) {
    if (raw < 0) {
      throw new IllegalArgumentException("a count cannot be negative");
    }
    if (raw == 0) {
      return new PublishedCell(0, 0L, CellStatus.ZERO);
    }
    if (raw < suppressBelow) {
      return new PublishedCell(raw, null, CellStatus.SUPPRESSED);
    }
    long rounded = round(raw);
    return rounded == 0 ? new PublishedCell(raw, null, CellStatus.SUPPRESSED) : new PublishedCell(raw, rounded, CellStatus.ROUNDED);
  }

  /**
   * What a count found in an output someone wants to release says about the rule: whether it could
   * have been published by it. Used by the output check, which sees only published values.
   */
  public enum Published {
    /** 0, or a multiple of {@code roundTo} at or above {@code suppressBelow}. */
    SAFE,
    /** From 1 to {@code suppressBelow - 1}: should have been suppressed. */
    SMALL,
    /** Not a multiple of {@code roundTo}: not rounded. */
    UNROUNDED,
    /** Below zero: not a count. */
    NEGATIVE
  }

  /** Whether a published count (or a total of published counts) is one this rule could have shown. */
  public Published checkPublished(long value) {
    if (value < 0) {
      return Published.NEGATIVE;
    }
    if (value == 0) {
      return Published.SAFE;
    }
    if (value < suppressBelow) {
      return Published.SMALL;
    }
    return value % roundTo == 0 ? Published.SAFE : Published.UNROUNDED;
  }

  /** The count rounded to the nearest {@code roundTo}, whether or not it will be shown. */
  long round(long raw) {
    return Math.round(raw / (double) roundTo) * roundTo;
  }

  /**
   * A total computed from its cells: the sum of every cell rounded (suppressed cells included at
   * their rounded value, so the total stays close to the truth). A total that rounds below the
   * threshold while something was counted is suppressed, so a published 0 always means none.
   */
  PublishedCell total(long raw, long sumOfRounded) {
    if (raw == 0) {
      return new PublishedCell(0, 0L, CellStatus.ZERO);
    }
    if (sumOfRounded < suppressBelow) {
      return new PublishedCell(raw, null, CellStatus.SUPPRESSED);
    }
    return new PublishedCell(raw, sumOfRounded, CellStatus.ROUNDED);
  }

  /**
   * The rate per {@code per} to one decimal place, or null: shown only when both cells are published
   * and both raw counts are at least the threshold.
   */
  public Double rate(PublishedCell numerator, PublishedCell denominator, long per) {
    if (numerator.suppressed() || denominator.suppressed()
        || numerator.raw() < suppressBelow || denominator.raw() < suppressBelow || denominator.value() == 0) {
      return null;
    }
    return Math.round(numerator.value() * (double) per / denominator.value() * 10.0) / 10.0;
  }
}
