package org.carelake.quality;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.util.OptionalDouble;

/**
 * One data-quality measure of a night for a borough's feed: a share, a count or a number of days,
 * never a value from a row. {@code previousAverage} is the mean of the same measure over the
 * {@code previousNights} most recent earlier nights that have it (at most seven by default).
 */
public record Measure(
    LocalDate night, String borough, String feed, String check, Category category, String measure, double value,
    OptionalDouble previousAverage, int previousNights) {

  public Measure {
    requireNonNull(night, "night is null");
    requireNonNull(borough, "borough is null");
    requireNonNull(feed, "feed is null");
    requireNonNull(check, "check is null");
    requireNonNull(category, "category is null");
    requireNonNull(measure, "measure is null");
    requireNonNull(previousAverage, "previousAverage is null");
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      throw new IllegalArgumentException("check " + check + " measured a non-finite " + measure + " for " + borough + " " + feed);
    }
    if (previousNights < 0 || previousNights > 0 != previousAverage.isPresent()) {
      throw new IllegalArgumentException("previousNights " + previousNights + " does not fit previousAverage " + previousAverage);
    }
  }

  /** A measure of tonight without history yet. */
  public static Measure of(LocalDate night, String borough, String feed, QualityCheck check, String measure, double value) {
    return new Measure(night, borough, feed, check.name(), check.category(), measure, value, OptionalDouble.empty(), 0);
  }

  public Measure withHistory(OptionalDouble average, int nights) {
    return new Measure(night, borough, feed, check, category, measure, value, average, nights);
  }

  /** Borough, feed and measure: the key within a night. */
  public String key() {
    return key(borough, feed, measure);
  }

  static String key(String borough, String feed, String measure) {
    return borough + "\u0000" + feed + "\u0000" + measure;
  }
}
