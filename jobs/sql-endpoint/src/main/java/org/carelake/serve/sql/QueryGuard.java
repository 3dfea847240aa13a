package org.carelake.serve.sql;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.LocalTempView$;
import org.apache.spark.sql.catalyst.expressions.CallMethodViaReflection;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.PlanExpression;
import org.apache.spark.sql.catalyst.plans.logical.Command;
import org.apache.spark.sql.catalyst.plans.logical.LeafNode;
import org.apache.spark.sql.catalyst.plans.logical.LocalRelation;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.OneRowRelation;
import org.apache.spark.sql.catalyst.plans.logical.Range;
import org.apache.spark.sql.delta.DeltaLogFileIndex;
import org.apache.spark.sql.delta.catalog.DeltaTableV2;
import org.apache.spark.sql.delta.files.TahoeFileIndex;
import org.apache.spark.sql.execution.LogicalRDD;
import org.apache.spark.sql.execution.command.CreateViewCommand;
import org.apache.spark.sql.execution.command.SetCommand;
import org.apache.spark.sql.execution.datasources.HadoopFsRelation;
import org.apache.spark.sql.execution.datasources.LogicalRelation;
import org.apache.spark.sql.execution.datasources.v2.DataSourceV2Relation;
import org.carelake.access.Action;
import org.carelake.audit.GovernedAccess.Resource;
import org.carelake.error.CareLakeErrors;
import org.carelake.lake.TableRef;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The analyser check rule that decides what a researcher's query may touch ({@link
 * EndpointExtensions} installs it). It walks the analysed plan, subqueries and views included, and
 * allows only:
 *
 * <ul>
 *   <li>Delta tables of the lake read by name ({@code gold.cohort_t2dm__demo}, time travel included)
 *       that the access policy lets the session's project read: its own per-project tables and the
 *       shared ones its role is granted (e.g. {@code reference.*});
 *   <li>rows without a source (literals, {@code range}, a small client-side table) and Delta's own
 *       reads of a table's log;
 *   <li>listing tables and namespaces, {@code SET} of a few client settings, and local temporary views.
 * </ul>
 *
 * <p>Everything else is refused with a message naming the table or statement, never a value, and the
 * refusal is audited: other projects' tables, silver, restricted and ops tables, reads of files by
 * path ({@code delta.`...`}, {@code parquet.`...`}, {@code spark.read.load}), writes and DDL, Python
 * functions (they would run on the server) and {@code reflect}/{@code java_method}. Sessions CareLake
 * itself uses (the endpoint's own, which writes the audit trail) are trusted; any other session not
 * bound to a researcher by {@link TokenGate} is refused outright.
 */
final class QueryGuard {
  private static final Set<SparkSession> TRUSTED = Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
  /** Statements that only list names. */
  private static final Set<String> LISTINGS = Set.of("ShowTables", "ShowTablesCommand", "ShowNamespaces", "ShowNamespacesCommand",
      "ShowCatalogsCommand", "ShowCurrentNamespaceCommand");

  private QueryGuard() {}

  /** Lets CareLake's own session (the one the endpoint runs in and audits through) do anything. */
  static void trust(SparkSession session) {
    TRUSTED.add(session);
  }

  static boolean trusted(SparkSession session) {
    return TRUSTED.contains(session);
  }

  static void check(SparkSession session, LogicalPlan plan) {
    if (TRUSTED.contains(session)) {
      return;
    }
    SqlEndpoint endpoint = SqlEndpoint.running();
    Optional<ResearcherSessions.Bound> bound = endpoint == null ? Optional.empty() : endpoint.sessions().of(session);
    if (bound.isEmpty()) {
      throw CareLakeErrors.accessRefused("this session was not opened through the SQL endpoint with a project's token");
    }
    new Walk(endpoint, bound.get()).plan(plan);
  }

  /** One check of one plan for one researcher's session. */
  private static final class Walk {
    private final SqlEndpoint endpoint;
    private final ResearcherSessions.Bound session;

    Walk(SqlEndpoint endpoint, ResearcherSessions.Bound session) {
      this.endpoint = endpoint;
      this.session = session;
    }

    void plan(LogicalPlan node) {
      if (node instanceof Command) {
        command(node);
        return;
      }
      if (node instanceof LeafNode) {
        leaf(node);
      }
      for (Expression expression : list(node.expressions())) {
        expression(expression);
      }
      for (LogicalPlan child : list(node.children())) {
        plan(child);
      }
    }

    private void command(LogicalPlan node) {
      String name = node.getClass().getSimpleName();
      if (LISTINGS.contains(name)) {
        return;
      }
      if (node instanceof SetCommand set) {
        if (set.kv().isDefined() && set.kv().get()._2().isDefined() && !ClientSettings.settable(set.kv().get()._1())) {
          refuse("SET " + set.kv().get()._1() + " is not allowed: " + ClientSettings.WHICH);
        }
        return;
      }
      if (node instanceof CreateViewCommand view && view.viewType() == LocalTempView$.MODULE$) {
        plan(view.plan());
        return;
      }
      refuse(name + " is not allowed: the SQL endpoint runs queries over the published tables and changes nothing");
    }

    private void leaf(LogicalPlan node) {
      if (node instanceof LocalRelation || node instanceof OneRowRelation || node instanceof Range) {
        return;
      }
      if (node instanceof LogicalRDD) {
        // Delta's cached table state; a Connect client cannot build one (checkpoints are refused by the gate).
        return;
      }
      String kind = node.getClass().getSimpleName();
      if (kind.equals("CTERelationRef")) {
        return;
      }
      if (node instanceof LogicalRelation relation && relation.relation() instanceof HadoopFsRelation files) {
        if (files.location() instanceof DeltaLogFileIndex) {
          return; // Delta reading a table's own log while resolving it
        }
        if (files.location() instanceof TahoeFileIndex delta) {
          table(delta.path(), relation.catalogTable().isDefined());
          return;
        }
        refuse("reading files by path is not allowed; read the published tables by name, e.g. gold.<table>");
      }
      if (node instanceof DataSourceV2Relation relation && relation.table() instanceof DeltaTableV2 delta) {
        table(delta.path(), delta.catalogTable().isDefined());
        return;
      }
      refuse("this source (" + kind + ") is not allowed; read the published tables by name, e.g. gold.<table>");
    }

    private void table(org.apache.hadoop.fs.Path path, boolean byName) {
      Optional<TableRef> table = endpoint.publishedTables().at(path);
      if (table.isEmpty()) {
        refuse("a table outside the lake's published zone is not served");
      }
      String name = table.get().qualifiedName();
      Optional<String> refusal = endpoint.governed().refusal(session.caller(),
          List.of(new Resource(table.get().zone(), table.get().name(), Action.READ)));
      if (refusal.isPresent()) {
        refuse(name + ": " + refusal.get());
      }
      if (!byName) {
        refuse("read " + name + " by its name, not by its path");
      }
      session.query().read(name);
    }

    private void expression(Expression expression) {
      if (expression instanceof CallMethodViaReflection) {
        refuse("reflect and java_method are not allowed");
      }
      if (expression.getClass().getSimpleName().startsWith("Python")) {
        refuse("Python functions would run on the server and are not allowed; use Spark's functions, or Python on the results");
      }
      if (expression instanceof PlanExpression<?> subquery && subquery.plan() instanceof LogicalPlan inner) {
        plan(inner);
      }
      for (Expression child : list(expression.children())) {
        expression(child);
      }
    }

    private void refuse(String reason) {
      session.query().refuse();
      endpoint.audit(session.caller(), "sql query", "refused: " + reason, org.carelake.audit.AuditEntry.REFUSED, 0);
      throw CareLakeErrors.accessRefused(reason);
    }
  }

  private static <T> List<T> list(scala.collection.Seq<T> seq) {
    return CollectionConverters.asJava(seq);
  }
}
