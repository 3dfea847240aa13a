package org.carelake.serve.sql;

import java.util.List;
import org.apache.spark.sql.catalyst.FunctionIdentifier;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.ExpressionInfo;
import org.apache.spark.sql.catalyst.expressions.Literal;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.classic.Dataset;
import org.apache.spark.sql.classic.SparkSession;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.catalog.DeltaTableV2;
import org.apache.spark.sql.delta.files.TahoeFileIndex;
import org.apache.spark.sql.execution.datasources.HadoopFsRelation;
import org.apache.spark.sql.execution.datasources.LogicalRelation;
import org.apache.spark.sql.execution.datasources.v2.DataSourceV2Relation;
import org.apache.spark.sql.types.DataTypes;
import org.carelake.error.CareLakeErrors;
import scala.Option;
import scala.Tuple3;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.AbstractFunction1;

/**
 * {@code table_version('gold.<table>')}: the current Delta version of a published table the
 * session may read, the number a researcher cites and later reads back with {@code VERSION AS OF}
 * (the table's history, which holds the build record, stays refused). The name is read through the
 * session like any query, so {@link QueryGuard} checks it against the access policy, refuses and
 * audits another project's table, and the query's audit record names the table. Resolved while the
 * query is analysed, to a constant.
 */
final class TableVersionFunction extends AbstractFunction1<Seq<Expression>, Expression> {
  static final String NAME = "table_version";
  private static final String USAGE = "_FUNC_(name) - the current Delta version of a published table this session may read, e.g."
      + " _FUNC_('gold.cohort_t2dm__demo'); cite it and read the same rows later with VERSION AS OF.";

  static Tuple3<FunctionIdentifier, ExpressionInfo, scala.Function1<Seq<Expression>, Expression>> definition() {
    return new Tuple3<>(FunctionIdentifier.apply(NAME), new ExpressionInfo(TableVersionFunction.class.getName(), null, NAME, USAGE, ""),
        new TableVersionFunction());
  }

  @Override
  public Expression apply(Seq<Expression> arguments) {
    if (arguments.size() != 1 || !arguments.head().foldable() || !arguments.head().dataType().equals(DataTypes.StringType)
        || arguments.head().eval(null) == null) {
      throw CareLakeErrors.configuration(NAME + " takes one table name as a string, e.g. " + NAME + "('gold.cohort_t2dm__demo')");
    }
    String name = arguments.head().eval(null).toString();
    // Analysing a read of the table runs the session's check rules: the query guard decides.
    LogicalPlan plan = ((Dataset<?>) SparkSession.active().table(name)).queryExecution().analyzed();
    DeltaLog log = deltaLog(plan);
    if (log == null) {
      throw CareLakeErrors.configuration(name + " is not a Delta table of the lake");
    }
    return Literal.create(log.update(false, Option.empty(), Option.empty()).version(), DataTypes.LongType);
  }

  private static DeltaLog deltaLog(LogicalPlan plan) {
    if (plan instanceof LogicalRelation relation && relation.relation() instanceof HadoopFsRelation files
        && files.location() instanceof TahoeFileIndex delta) {
      return delta.deltaLog();
    }
    if (plan instanceof DataSourceV2Relation relation && relation.table() instanceof DeltaTableV2 delta) {
      return delta.deltaLog();
    }
    List<LogicalPlan> children = CollectionConverters.asJava(plan.children());
    for (LogicalPlan child : children) {
      DeltaLog found = deltaLog(child);
      if (found != null) {
        return found;
      }
    }
    return null;
  }
}
