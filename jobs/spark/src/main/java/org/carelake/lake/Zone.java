package org.carelake.lake;

import java.util.Locale;

/**
 * The lake's zones. Restricted holds identifiers and is for data engineers only; silver is
 * pseudonymised; gold is published; ops holds run records (no patient data).
 */
public enum Zone {
  RESTRICTED,
  SILVER,
  GOLD,
  OPS,
  REFERENCE;

  public String folder() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Zones whose tables may leave the restricted area, and so must hold no identifier. */
  public boolean isDeIdentified() {
    return this == SILVER || this == GOLD;
  }
}
