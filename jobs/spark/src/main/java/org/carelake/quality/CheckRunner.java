package org.carelake.quality;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.carelake.error.CareLakeErrors;

/**
 * Runs checks over the registered quality views and returns their measures, after checking that
 * each check's SQL returned what its header promised: columns {@code borough, feed, measure, value}, only
 * declared measure names, only known feeds. A row whose value is null (nothing to measure, e.g. a
 * share of zero rows) is left out. Messages name the check and column, never a returned value.
 */
public final class CheckRunner {
  private static final List<String> COLUMNS = List.of("borough", "feed", "measure", "value");
  private static final String BOROUGH = "[A-Za-z0-9_-]{1,32}";
  private static final String MEASURE = "[a-z][a-z0-9_]*(\\.[A-Za-z0-9_.-]+)?";

  private final SparkSession spark;
  private final LocalDate night;
  private final Set<String> feeds;

  public CheckRunner(SparkSession spark, LocalDate night, Set<String> feeds) {
    this.spark = requireNonNull(spark, "spark is null");
    this.night = requireNonNull(night, "night is null");
    this.feeds = Set.copyOf(feeds);
  }

  public List<Measure> run(QualityCheck check) {
    return runAll(List.of(check));
  }

  /**
   * Runs the checks as one Spark job (a union of their results, each analysed with its own
   * parameters) and returns their measures in check order.
   */
  public List<Measure> runAll(List<QualityCheck> checks) {
    Map<String, QualityCheck> byName = new LinkedHashMap<>();
    Dataset<Row> all = null;
    for (QualityCheck check : checks) {
      byName.put(check.name(), check);
      Dataset<Row> result = prepare(check);
      all = all == null ? result : all.unionAll(result);
    }
    if (all == null) {
      return List.of();
    }
    spark.sparkContext().setJobDescription("quality: " + checks.size() + " checks");
    Map<String, List<Measure>> measures = new LinkedHashMap<>();
    byName.keySet().forEach(name -> measures.put(name, new ArrayList<>()));
    for (Row row : collect(all, checks)) {
      QualityCheck check = byName.get(row.getString(0));
      measures.get(check.name()).add(measure(check, row.getString(1), row.getString(2), row.getString(3), row.getDouble(4)));
    }
    List<Measure> ordered = new ArrayList<>();
    for (Map.Entry<String, List<Measure>> entry : measures.entrySet()) {
      List<Measure> ofCheck = entry.getValue();
      long distinct = ofCheck.stream().map(Measure::key).distinct().count();
      if (distinct != ofCheck.size()) {
        throw invalid(byName.get(entry.getKey()),
            String.format(Locale.ROOT, "%d rows for %d distinct borough, feed and measure", ofCheck.size(), distinct));
      }
      ofCheck.sort(java.util.Comparator.comparing(Measure::key));
      ordered.addAll(ofCheck);
    }
    return ordered;
  }

  /**
   * When the union fails, each check runs alone to name the one at fault. Spark's message is left
   * out (a failed cast quotes the value), only its error condition is given.
   */
  private List<Row> collect(Dataset<Row> all, List<QualityCheck> checks) {
    try {
      return all.collectAsList();
    } catch (RuntimeException e) {
      if (checks.size() > 1) {
        checks.forEach(this::run);
      }
      String condition = e instanceof org.apache.spark.SparkThrowable spark && spark.getCondition() != null
          ? spark.getCondition() : e.getClass().getSimpleName();
      throw CareLakeErrors.configuration((checks.size() == 1 ? checks.get(0).origin() : "a check in sql/checks/")
          + " failed when run (" + condition + "); fix the check's SQL");
    }
  }

  /**
   * The check's rows as {@code check, borough, feed, measure, value}. The night and the header's
   * numbers reach the SQL as session variables, never as spliced text; Spark resolves them when
   * the statement is analysed, here, so each check keeps its own values inside the union.
   */
  private Dataset<Row> prepare(QualityCheck check) {
    spark.sql("DECLARE OR REPLACE VARIABLE run_night DATE DEFAULT DATE'" + night + "'");
    check.parameters().forEach((name, value) ->
        spark.sql("DECLARE OR REPLACE VARIABLE " + name + " DOUBLE DEFAULT CAST('" + value + "' AS DOUBLE)"));
    Dataset<Row> result = spark.sql(check.statement());
    List<String> columns = List.of(result.columns());
    if (columns.size() != COLUMNS.size() || !columns.containsAll(COLUMNS)) {
      throw CareLakeErrors.configuration(check.origin() + " must return exactly the columns " + COLUMNS + ", returned " + columns);
    }
    return result.select(lit(check.name()).as("check"), col("borough").cast("string"), col("feed").cast("string"),
            col("measure").cast("string"), col("value").cast("double"))
        .filter(col("value").isNotNull());
  }

  private Measure measure(QualityCheck check, String borough, String feed, String measure, double value) {
    if (borough == null || !borough.matches(BOROUGH)) {
      throw invalid(check, "a borough that is not a borough code");
    }
    if (feed == null || !feeds.contains(feed)) {
      throw invalid(check, "a feed that has no data contract");
    }
    if (measure == null || !measure.matches(MEASURE) || !check.declares(measure)) {
      throw invalid(check, "a measure its '-- measure:' header does not declare (declared: "
          + String.join(", ", check.measures()) + ")");
    }
    return Measure.of(night, borough, feed, check, measure, value);
  }

  private static RuntimeException invalid(QualityCheck check, String problem) {
    return CareLakeErrors.configuration(check.origin() + " returned " + problem + "; fix the check's SQL (values are not shown)");
  }
}
