package org.carelake.serve.view;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import org.carelake.geography.Borough;
import org.carelake.serve.lake.PublishedTable;
import org.carelake.serve.lake.TableSnapshot;
import org.carelake.serve.view.Grid.Chart;
import org.carelake.serve.view.Grid.Series;

/**
 * What every page's view shares: reading a table's rows by column name, published counts that may
 * be suppressed, sums of them that say when a part was suppressed, and the names and months pages
 * print. A page's view extends it; {@link Views} picks the view of a page.
 */
abstract class PageView {
  static final String SUPPRESSED = Views.SUPPRESSED;
  static final String ALL = "all";

  final Function<PublishedTable, Optional<TableSnapshot>> tables;

  PageView(Function<PublishedTable, Optional<TableSnapshot>> tables) {
    this.tables = tables;
  }

  /** One published count: its value, or null when suppressed. */
  record Count(Long value, boolean suppressed) {
    String text() {
      return suppressed ? SUPPRESSED : value == null ? "" : Long.toString(value);
    }
  }

  /** A row of a table, read by column name. */
  record Cells(Object[] row, Map<String, Integer> at) {
    Object get(String column) {
      Integer index = at.get(column);
      return index == null ? null : row[index];
    }

    String text(String column) {
      Object value = get(column);
      return value == null ? "" : value.toString();
    }

    Count count(String column) {
      boolean suppressed = SUPPRESSED.equals(text(column + "_status"));
      Object value = get(column);
      return new Count(suppressed || value == null ? null : ((Number) value).longValue(), suppressed);
    }

    String rate(String column) {
      Object value = get(column);
      if (SUPPRESSED.equals(text(column + "_status")) || value == null) {
        return SUPPRESSED;
      }
      return String.format(Locale.ROOT, "%.1f", ((Number) value).doubleValue());
    }

    Double rateNumber(String column) {
      Object value = get(column);
      return SUPPRESSED.equals(text(column + "_status")) || value == null ? null : ((Number) value).doubleValue();
    }

    YearMonth month(String column) {
      Object value = get(column);
      return value instanceof LocalDate date ? YearMonth.from(date) : null;
    }
  }

  List<Cells> rows(PublishedTable table) {
    TableSnapshot snapshot = tables.apply(table).orElseThrow(() -> new IllegalStateException(table + " not readable"));
    Map<String, Integer> at = snapshot.positions();
    return snapshot.rows().stream().map(row -> new Cells(row, at)).toList();
  }

  /** A sum of published counts: null when every part was suppressed; {@code partial} when some were. */
  static final class Sum {
    long total;
    int shown;
    int suppressed;

    void add(Count count) {
      if (count.suppressed()) {
        suppressed++;
      } else if (count.value() != null) {
        total += count.value();
        shown++;
      }
    }

    Long value() {
      return shown == 0 ? null : total;
    }

    /** The sum only when no part was suppressed: what charts and changes use, so a partial sum never reads as a whole. */
    Long complete() {
      return shown == 0 || suppressed > 0 ? null : total;
    }

    String text() {
      if (shown == 0) {
        return suppressed > 0 ? SUPPRESSED : "";
      }
      return suppressed > 0 ? total + " (+" + suppressed + " suppressed)" : Long.toString(total);
    }
  }

  /** The small-number threshold of the one disclosure rule (org.carelake.disclosure.DisclosureRule), not a copy of it. */
  static final long SUPPRESS_BELOW = org.carelake.disclosure.DisclosureRule.defaults().suppressBelow();

  /** Whether a rate of two summed counts may be shown: neither sum partial and both at least the rule's threshold. */
  static boolean rateShown(Sum numerator, Sum denominator) {
    return numerator.suppressed == 0 && denominator.suppressed == 0 && numerator.value() != null && denominator.value() != null
        && numerator.total >= SUPPRESS_BELOW && denominator.total >= SUPPRESS_BELOW;
  }

  /** A region's rate from summed borough counts: only when no borough's count was suppressed and both sums reach the threshold. */
  static String regionRate(Sum count, Sum population) {
    if (population == null || !rateShown(count, population)) {
      return SUPPRESSED;
    }
    return String.format(Locale.ROOT, "%.1f", count.total * 1000.0 / population.total);
  }

  static YearMonth latest(List<Cells> rows, String column) {
    return rows.stream().map(r -> r.month(column)).filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(null);
  }

  static boolean inPeriod(YearMonth month, Filters filters) {
    return month != null && filters.from().map(f -> !month.isBefore(f)).orElse(true) && filters.to().map(t -> !month.isAfter(t)).orElse(true);
  }

  static String boroughName(String code) {
    if (ALL.equals(code)) {
      return "Greater Manchester (all boroughs)";
    }
    return Borough.fromOnsCode(code).map(Borough::displayName).orElse(code);
  }

  static String change(Long now, Long before) {
    if (now == null || before == null || before == 0) {
      return "";
    }
    return String.format(Locale.ROOT, "%+.1f%%", (now - before) * 100.0 / before);
  }

  static String number(Object value) {
    if (value == null) {
      return "";
    }
    double d = ((Number) value).doubleValue();
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : String.format(Locale.ROOT, "%.3f", d);
  }
}
