package org.carelake.cohort;

import java.util.Optional;

/**
 * A time window relative to a person's index date, in days, both ends included: {@code from: -365,
 * to: 0} is the year up to and including the index date; {@code to: -1} alone is any time before
 * the index date. A missing end is open.
 */
public record Window(Optional<Integer> from, Optional<Integer> to) {
  public Window {
    from = from == null ? Optional.empty() : from;
    to = to == null ? Optional.empty() : to;
    if (from.isPresent() && to.isPresent() && from.get() > to.get()) {
      throw new IllegalArgumentException("from (" + from.get() + ") is after to (" + to.get() + ")");
    }
  }

  /** How the window reads in a description: "from 365 days before to the index date". */
  public String describe() {
    String start = from.map(Window::day).map(day -> "from " + day).orElse("any time");
    String end = to.map(Window::day).map(day -> (from.isPresent() ? " to " : " up to ") + day).orElse(from.isPresent() ? " onwards" : "");
    return start + end;
  }

  private static String day(int offset) {
    if (offset == 0) {
      return "the index date";
    }
    return Math.abs(offset) + (Math.abs(offset) == 1 ? " day " : " days ") + (offset < 0 ? "before" : "after") + " index";
  }
}
