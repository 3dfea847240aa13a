package org.carelake.silver;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.catalyst.analysis.UnresolvedAttribute;
import org.apache.spark.sql.catalyst.analysis.UnresolvedFunction;
import org.apache.spark.sql.catalyst.analysis.UnresolvedStar;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.NamedExpression;
import org.apache.spark.sql.catalyst.expressions.SubqueryExpression;
import org.apache.spark.sql.catalyst.parser.CatalystSqlParser;
import org.apache.spark.sql.catalyst.plans.logical.Aggregate;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.Project;
import org.apache.spark.sql.catalyst.trees.TreeNode;
import org.carelake.contract.Contract;
import org.carelake.contract.PrivacyClasses;
import org.carelake.error.CareLakeErrors;
import org.carelake.transform.SqlScript;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Keeps direct identifiers out of silver. A feed's mapping SQL is parsed (Spark's parser, no session
 * and no tables needed) and every expression that produces an output column, at every level of the
 * query, is searched for a column the feed's contract classifies as a direct identifier. Such a
 * column may appear there only inside an approved pseudonymising or generalising function
 * ({@link #APPROVED}: a keyed record key, the person key, age in years, year or month). Elsewhere —
 * a join condition such as the postcode-to-LSOA lookup, a filter — it produces no output value and
 * is allowed. {@code SELECT *} is refused for a feed with direct identifiers, since it would carry
 * them all. The rule is deliberately strict: a {@code CASE} or a comparison over an identifier in
 * the select list is refused too; wrap it in an approved function or move it to a join or filter.
 */
public final class SilverMappingCheck {
  /** Functions whose result no longer identifies a person: keyed pseudonyms and generalisations. */
  public static final Set<String> APPROVED = Set.of("record_key", "person_key", "age_years", "year", "month");

  private SilverMappingCheck() {}

  /**
   * Checks the mapping of every contract that feeds silver and has one under {@code sqlDir/silver}
   * (a missing mapping is the silver stage's error), so a run stops as it loads its contracts,
   * before anything is written.
   */
  public static void verifyAll(List<Contract> contracts, Path sqlDir) {
    for (Contract contract : contracts) {
      Path file = sqlDir.resolve("silver").resolve(contract.id() + ".sql");
      if (contract.reachesSilver() && Files.exists(file)) {
        verify(contract, SqlScript.load(file));
      }
    }
  }

  /** Throws a configuration error naming the feed, the file, the column and the silver column. */
  public static void verify(Contract contract, SqlScript script) {
    Optional<String> problem = problem(contract, script);
    if (problem.isPresent()) {
      throw CareLakeErrors.configuration(problem.get());
    }
  }

  /** The first way the mapping puts a direct identifier into silver, or empty when it does not. */
  public static Optional<String> problem(Contract contract, SqlScript script) {
    Set<String> identifiers = Set.copyOf(PrivacyClasses.directIdentifiers(contract).stream()
        .map(name -> name.toLowerCase(Locale.ROOT)).toList());
    if (identifiers.isEmpty()) {
      return Optional.empty();
    }
    LogicalPlan plan;
    try {
      plan = new CatalystSqlParser().parsePlan(script.statement());
    } catch (Exception e) {
      // Spark's ParseException is checked in Java's eyes; the message names the SQL position only.
      return Optional.of(contract.id() + " mapping " + script.origin() + " is not valid Spark SQL: " + firstLine(e.getMessage()));
    }
    List<String> found = new ArrayList<>();
    visitPlan(plan, identifiers, found);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(contract.id() + " mapping " + script.origin() + " puts direct identifier " + found.get(0)
        + "; a direct identifier may reach silver only through " + String.join(", ", APPROVED.stream().sorted().toList())
        + " (see data-contracts/README.md)");
  }

  private static void visitPlan(LogicalPlan plan, Set<String> identifiers, List<String> found) {
    List<NamedExpression> outputs = List.of();
    if (plan instanceof Project project) {
      outputs = CollectionConverters.asJava(project.projectList());
    } else if (plan instanceof Aggregate aggregate) {
      outputs = CollectionConverters.asJava(aggregate.aggregateExpressions());
    }
    for (NamedExpression named : outputs) {
      // A Scala trait: every NamedExpression is an Expression, which Java cannot see.
      Expression output = (Expression) named;
      String out = outputName(output);
      if (containsStar(output)) {
        found.add("columns (SELECT *) into silver column " + out);
      }
      for (String column : unprotected(output, identifiers)) {
        found.add(column + " into silver column " + out);
      }
    }
    for (Expression expression : CollectionConverters.asJava(plan.expressions())) {
      visitSubqueries(expression, identifiers, found);
    }
    for (LogicalPlan child : CollectionConverters.asJava(plan.children())) {
      visitPlan(child, identifiers, found);
    }
    for (TreeNode<?> inner : CollectionConverters.asJava(plan.innerChildren())) {
      if (inner instanceof LogicalPlan innerPlan) {
        visitPlan(innerPlan, identifiers, found);
      }
    }
  }

  private static void visitSubqueries(Expression expression, Set<String> identifiers, List<String> found) {
    if (expression instanceof SubqueryExpression subquery) {
      visitPlan(subquery.plan(), identifiers, found);
    }
    for (Expression child : CollectionConverters.asJava(expression.children())) {
      visitSubqueries(child, identifiers, found);
    }
  }

  /** Identifier columns referenced by the expression outside any approved function. */
  private static List<String> unprotected(Expression expression, Set<String> identifiers) {
    if (expression instanceof UnresolvedFunction function) {
      List<String> parts = CollectionConverters.asJava(function.nameParts());
      if (APPROVED.contains(parts.get(parts.size() - 1).toLowerCase(Locale.ROOT))) {
        return List.of();
      }
    }
    if (expression instanceof UnresolvedAttribute attribute) {
      List<String> parts = CollectionConverters.asJava(attribute.nameParts());
      String name = parts.get(parts.size() - 1).toLowerCase(Locale.ROOT);
      return identifiers.contains(name) ? List.of(name) : List.of();
    }
    List<String> result = new ArrayList<>();
    for (Expression child : CollectionConverters.asJava(expression.children())) {
      result.addAll(unprotected(child, identifiers));
    }
    return result;
  }

  private static boolean containsStar(Expression expression) {
    if (expression instanceof UnresolvedStar) {
      return true;
    }
    for (Expression child : CollectionConverters.asJava(expression.children())) {
      if (containsStar(child)) {
        return true;
      }
    }
    return false;
  }

  private static String outputName(Expression expression) {
    try {
      return expression instanceof NamedExpression named ? named.name() : expression.sql();
    } catch (Exception unresolved) {
      // A star or an unaliased expression has no name before analysis (Spark throws a checked
      // exception Java cannot declare).
      return expression.toString();
    }
  }

  private static String firstLine(String message) {
    return message == null ? "" : message.lines().findFirst().orElse("");
  }
}
