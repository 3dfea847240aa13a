package org.carelake.optout;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The two opt-out lists CareLake applies to research and planning outputs. A contract declares
 * that its feed is one of them with {@code carelake.opt-out}; such a feed is a list of NHS numbers,
 * refreshed in full each night, and never reaches silver.
 */
public enum OptOutList {
  /**
   * The National Data Opt-out: the person's confidential patient information is not used for
   * research or planning, whatever its source. Direct care is unaffected.
   */
  NATIONAL_DATA_OPT_OUT("national-data-opt-out"),
  /**
   * A Type 1 opt-out, registered with the GP practice: the person's GP data does not leave the
   * practice for purposes beyond direct care. Data from other sources is unaffected.
   */
  TYPE_1("type-1");

  /** The {@code carelake.source} of the feeds whose data a Type 1 opt-out withholds. */
  public static final String GP_SOURCE = "gp";

  private final String id;

  OptOutList(String id) {
    this.id = id;
  }

  /** The list's id as contracts and {@code ops.opt_out} name it. */
  public String id() {
    return id;
  }

  /** Whether this list withholds data that came from feeds of the given {@code carelake.source}. */
  public boolean withholds(String source) {
    return this == NATIONAL_DATA_OPT_OUT || GP_SOURCE.equals(source);
  }

  public static OptOutList parse(String id) {
    for (OptOutList list : values()) {
      if (list.id.equals(id)) {
        return list;
      }
    }
    throw new IllegalArgumentException("carelake.opt-out must be one of "
        + Arrays.stream(values()).map(OptOutList::id).collect(Collectors.joining(", ")) + ", got "
        + id.toLowerCase(Locale.ROOT));
  }
}
