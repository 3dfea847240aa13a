package org.carelake.disclosure;

import java.util.Locale;

/**
 * What happened to a published count, written beside it as {@code <count>_status}. Primary and
 * secondary suppression share one status on purpose: telling them apart would tell a reader that a
 * secondarily suppressed cell is at least the threshold.
 */
public enum CellStatus {
  /** A true zero, published as 0. */
  ZERO,
  /** A count at or above the threshold, published rounded. */
  ROUNDED,
  /** Not published (NULL): below the threshold, or hidden so that a total cannot reveal another cell. */
  SUPPRESSED;

  /** The value written in status columns: {@code zero}, {@code rounded}, {@code suppressed}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
