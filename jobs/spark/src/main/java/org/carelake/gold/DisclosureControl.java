package org.carelake.gold;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.carelake.disclosure.DisclosureRule;
import org.carelake.disclosure.DisclosureSpec;
import org.carelake.disclosure.ProtectedTable;
import org.carelake.disclosure.PublishedCell;
import org.carelake.error.CareLakeErrors;

/**
 * Applies a table's declared disclosure control ({@link DisclosureSpec}) to the raw rows its SQL
 * computed, before anything is written. Each declared count becomes its published value and a
 * {@code <count>_status} column; declared rates are computed from the published counts with a
 * {@code <rate>_status}; declared totals are added as rows whose total columns read {@code all},
 * summed from the rounded cells, and every group of cells is protected together (secondary
 * suppression) by {@link ProtectedTable}. Groups are processed on the executors: nothing is
 * collected to the driver.
 */
final class DisclosureControl {
  static final String RATE_SHOWN = "shown";
  static final String RATE_SUPPRESSED = "suppressed";

  private DisclosureControl() {}

  static Dataset<Row> apply(Dataset<Row> raw, DisclosureSpec spec, List<String> keys, String origin) {
    StructType schema = raw.schema();
    if (spec.kind() == DisclosureSpec.Kind.RECORD_LEVEL) {
      for (StructField field : schema.fields()) {
        if (field.dataType().equals(DataTypes.LongType)) {
          throw CareLakeErrors.configuration(origin + " is record-level but column " + field.name()
              + " is a BIGINT, like a count: declare the table an aggregate with its counts");
        }
      }
      return raw;
    }
    Protector protector = Protector.of(schema, spec, keys, origin);
    if (spec.totals().isEmpty()) {
      return raw.map((MapFunction<Row, Row>) protector::single, Encoders.row(protector.output));
    }
    return raw.groupByKey((MapFunction<Row, String>) protector::groupKey, Encoders.STRING())
        .flatMapGroups((FlatMapGroupsFunction<String, Row, Row>) (key, rows) -> protector.group(rows), Encoders.row(protector.output));
  }

  /** What the executors need: column positions, the rule and the output schema. */
  static final class Protector implements Serializable {
    private static final long serialVersionUID = 1L;
    private final String origin;
    private final DisclosureRule rule;
    private final int width;
    private final int[] countAt;
    private final String[] countName;
    private final int[][] rateOf;
    private final long[] ratePer;
    private final int[] totalAt;
    private final int[] groupAt;
    final StructType output;

    private Protector(String origin, DisclosureRule rule, int width, int[] countAt, String[] countName, int[][] rateOf, long[] ratePer,
        int[] totalAt, int[] groupAt, StructType output) {
      this.origin = origin;
      this.rule = rule;
      this.width = width;
      this.countAt = countAt;
      this.countName = countName;
      this.rateOf = rateOf;
      this.ratePer = ratePer;
      this.totalAt = totalAt;
      this.groupAt = groupAt;
      this.output = output;
    }

    static Protector of(StructType schema, DisclosureSpec spec, List<String> keys, String origin) {
      List<String> columns = Arrays.asList(schema.fieldNames());
      Set<String> counts = new HashSet<>(spec.counts());
      for (String count : spec.counts()) {
        int at = index(columns, count, origin, "count");
        DataType type = schema.fields()[at].dataType();
        if (!(type.equals(DataTypes.LongType) || type.equals(DataTypes.IntegerType) || type.equals(DataTypes.ShortType))) {
          throw CareLakeErrors.configuration(origin + " count " + count + " must be an integer column");
        }
      }
      for (StructField field : schema.fields()) {
        if (field.dataType().equals(DataTypes.LongType) && !counts.contains(field.name())) {
          throw CareLakeErrors.configuration(origin + " column " + field.name()
              + " is a BIGINT, like a count, but is not declared in '-- counts:'");
        }
        if (field.name().endsWith(DisclosureSpec.STATUS_SUFFIX)) {
          throw CareLakeErrors.configuration(origin + " may not compute status columns itself (" + field.name() + ")");
        }
      }
      for (DisclosureSpec.Rate rate : spec.rates()) {
        if (columns.contains(rate.column())) {
          throw CareLakeErrors.configuration(origin + " rate " + rate.column() + " is computed by disclosure control; leave it out of the SELECT");
        }
      }
      for (String total : spec.totals()) {
        int at = index(columns, total, origin, "total");
        if (!keys.contains(total) || !schema.fields()[at].dataType().equals(DataTypes.StringType)) {
          throw CareLakeErrors.configuration(origin + " total column " + total + " must be a STRING key column");
        }
      }
      if (!spec.totals().isEmpty()) {
        for (String column : columns) {
          if (!counts.contains(column) && !keys.contains(column)) {
            throw CareLakeErrors.configuration(origin + " declares totals, so every column must be a key or a count; "
                + column + " is neither");
          }
        }
      }
      List<StructField> out = new ArrayList<>();
      for (StructField field : schema.fields()) {
        if (counts.contains(field.name())) {
          out.add(DataTypes.createStructField(field.name(), DataTypes.LongType, true));
          out.add(DataTypes.createStructField(DisclosureSpec.statusColumn(field.name()), DataTypes.StringType, false));
        } else {
          out.add(field);
        }
      }
      int[][] rateOf = new int[spec.rates().size()][];
      long[] ratePer = new long[spec.rates().size()];
      for (int i = 0; i < rateOf.length; i++) {
        DisclosureSpec.Rate rate = spec.rates().get(i);
        rateOf[i] = new int[] {spec.counts().indexOf(rate.numerator()), spec.counts().indexOf(rate.denominator())};
        ratePer[i] = rate.per();
        out.add(DataTypes.createStructField(rate.column(), DataTypes.DoubleType, true));
        out.add(DataTypes.createStructField(DisclosureSpec.statusColumn(rate.column()), DataTypes.StringType, false));
      }
      int[] countAt = spec.counts().stream().mapToInt(columns::indexOf).toArray();
      int[] totalAt = spec.totals().stream().mapToInt(columns::indexOf).toArray();
      int[] groupAt = keys.stream().filter(k -> !spec.totals().contains(k)).mapToInt(k -> index(columns, k, origin, "key")).toArray();
      return new Protector(origin, spec.rule(), columns.size(), countAt, spec.counts().toArray(String[]::new), rateOf, ratePer,
          totalAt, groupAt, DataTypes.createStructType(out));
    }

    private static int index(List<String> columns, String name, String origin, String what) {
      int at = columns.indexOf(name);
      if (at < 0) {
        throw CareLakeErrors.configuration(origin + " declares " + what + " column " + name + " but does not select it");
      }
      return at;
    }

    /** A row protected on its own (the table declares no totals). */
    Row single(Row row) {
      PublishedCell[] cells = new PublishedCell[countAt.length];
      for (int k = 0; k < countAt.length; k++) {
        cells[k] = rule.count(count(row, k));
      }
      return publish(values(row), cells);
    }

    String groupKey(Row row) {
      StringBuilder key = new StringBuilder();
      for (int at : groupAt) {
        Object value = row.get(at);
        key.append(value == null ? "\u0000" : value.toString()).append('\u0001');
      }
      return key.toString();
    }

    /** One group's cells, in a fixed order, protected together with the total row added. */
    Iterator<Row> group(Iterator<Row> input) {
      List<Row> rows = new ArrayList<>();
      input.forEachRemaining(rows::add);
      Comparator<Row> byTotalColumns = (a, b) -> {
        for (int at : totalAt) {
          int c = Comparator.nullsFirst(Comparator.<String>naturalOrder()).compare(a.getString(at), b.getString(at));
          if (c != 0) {
            return c;
          }
        }
        return 0;
      };
      rows.sort(byTotalColumns);
      for (Row row : rows) {
        for (int at : totalAt) {
          if (DisclosureSpec.TOTAL_MARKER.equals(row.getString(at))) {
            throw CareLakeErrors.configuration(origin + " computed a row whose total column already reads '"
                + DisclosureSpec.TOTAL_MARKER + "'; totals are added by disclosure control");
          }
        }
      }
      int n = rows.size();
      PublishedCell[][] cells = new PublishedCell[countAt.length][];
      for (int k = 0; k < countAt.length; k++) {
        ProtectedTable table = new ProtectedTable(rule);
        int[] members = new int[n];
        for (int i = 0; i < n; i++) {
          members[i] = table.cell(count(rows.get(i), k));
        }
        table.total(members);
        cells[k] = table.protect().toArray(PublishedCell[]::new);
      }
      List<Row> out = new ArrayList<>(n + 1);
      for (int i = 0; i <= n; i++) {
        Object[] values = values(rows.get(Math.min(i, n - 1)));
        if (i == n) {
          for (int at : totalAt) {
            values[at] = DisclosureSpec.TOTAL_MARKER;
          }
        }
        PublishedCell[] rowCells = new PublishedCell[countAt.length];
        for (int k = 0; k < countAt.length; k++) {
          rowCells[k] = cells[k][i];
        }
        out.add(publish(values, rowCells));
      }
      return out.iterator();
    }

    private long count(Row row, int k) {
      Object value = row.get(countAt[k]);
      if (value == null) {
        throw CareLakeErrors.configuration(origin + " count " + countName[k] + " is NULL in a row; counts must be numbers (coalesce to 0)");
      }
      return ((Number) value).longValue();
    }

    private Object[] values(Row row) {
      Object[] values = new Object[width];
      for (int i = 0; i < width; i++) {
        values[i] = row.get(i);
      }
      return values;
    }

    private Row publish(Object[] values, PublishedCell[] cells) {
      List<Object> out = new ArrayList<>(output.size());
      for (int i = 0; i < width; i++) {
        int k = indexOfCount(i);
        if (k >= 0) {
          PublishedCell cell = cells[k];
          out.add(cell.value());
          out.add(cell.status().label());
        } else {
          out.add(values[i]);
        }
      }
      for (int r = 0; r < rateOf.length; r++) {
        Double rate = rule.rate(cells[rateOf[r][0]], cells[rateOf[r][1]], ratePer[r]);
        out.add(rate);
        out.add(rate == null ? RATE_SUPPRESSED : RATE_SHOWN);
      }
      return RowFactory.create(out.toArray());
    }

    private int indexOfCount(int column) {
      for (int k = 0; k < countAt.length; k++) {
        if (countAt[k] == column) {
          return k;
        }
      }
      return -1;
    }
  }
}
