package org.carelake.synthetic;

import java.time.LocalDate;
import java.time.LocalDateTime;

/** The date layouts the suppliers use, formatted by hand (DateTimeFormatter is slow per row). */
enum DateText {
  DAY_MONTH_YEAR("dd/MM/yyyy"),
  ISO_DATE("yyyy-MM-dd"),
  COMPACT_DATE("yyyyMMdd"),
  ISO_TIMESTAMP("yyyy-MM-dd'T'HH:mm:ss"),
  DAY_MONTH_YEAR_MINUTES("dd/MM/yyyy HH:mm");

  private final String pattern;

  DateText(String pattern) {
    this.pattern = pattern;
  }

  /** The java.time pattern, as written in the contract's logicalTypeOptions.format. */
  String pattern() {
    return pattern;
  }

  boolean hasTime() {
    return this == ISO_TIMESTAMP || this == DAY_MONTH_YEAR_MINUTES;
  }

  String format(LocalDate date) {
    return format(date.atTime(0, 0));
  }

  String format(LocalDateTime time) {
    StringBuilder out = new StringBuilder(19);
    int year = time.getYear();
    int month = time.getMonthValue();
    int day = time.getDayOfMonth();
    switch (this) {
      case DAY_MONTH_YEAR, DAY_MONTH_YEAR_MINUTES -> {
        two(out, day).append('/');
        two(out, month).append('/').append(year);
      }
      case ISO_DATE, ISO_TIMESTAMP -> {
        out.append(year).append('-');
        two(out, month).append('-');
        two(out, day);
      }
      case COMPACT_DATE -> {
        out.append(year);
        two(out, month);
        two(out, day);
      }
    }
    if (this == ISO_TIMESTAMP) {
      out.append('T');
      two(out, time.getHour()).append(':');
      two(out, time.getMinute()).append(':');
      two(out, time.getSecond());
    } else if (this == DAY_MONTH_YEAR_MINUTES) {
      out.append(' ');
      two(out, time.getHour()).append(':');
      two(out, time.getMinute());
    }
    return out.toString();
  }

  /** The date (time dropped) of a value this layout formatted. */
  LocalDate parseDate(String text) {
    return switch (this) {
      case DAY_MONTH_YEAR, DAY_MONTH_YEAR_MINUTES -> LocalDate.of(number(text, 6, 10), number(text, 3, 5), number(text, 0, 2));
      case ISO_DATE, ISO_TIMESTAMP -> LocalDate.of(number(text, 0, 4), number(text, 5, 7), number(text, 8, 10));
      case COMPACT_DATE -> LocalDate.of(number(text, 0, 4), number(text, 4, 6), number(text, 6, 8));
    };
  }

  private static int number(String text, int from, int to) {
    return Integer.parseInt(text, from, to, 10);
  }

  /** A value no parser of this layout accepts. */
  String unparseable(int variant) {
    return switch (variant % 3) {
      case 0 -> "yesterday";
      case 1 -> this == COMPACT_DATE ? "20241345" : (this == ISO_DATE || this == ISO_TIMESTAMP ? "2024-13-45" : "45/13/2024");
      default -> "unknown";
    };
  }

  private static StringBuilder two(StringBuilder out, int value) {
    if (value < 10) {
      out.append('0');
    }
    return out.append(value);
  }
}
