package org.carelake.disclosure;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;

/**
 * One count as published: the value (null when suppressed) and its status. {@code raw} stays
 * inside CareLake: the component needs it to decide rates, and it is never written out.
 */
public record PublishedCell(long raw, Long value, CellStatus status) implements Serializable {
  public PublishedCell {
    requireNonNull(status, "status is null");
    if ((status == CellStatus.SUPPRESSED) != (value == null)) {
      throw new IllegalArgumentException("a cell has no value exactly when it is suppressed");
    }
  }

  public boolean suppressed() {
    return status == CellStatus.SUPPRESSED;
  }

  PublishedCell suppress() {
    return new PublishedCell(raw, null, CellStatus.SUPPRESSED);
  }
}
