package org.carelake.serve.sql;

import java.util.List;
import org.apache.spark.sql.catalyst.FunctionIdentifier;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.expressions.ExpressionInfo;
import org.apache.spark.sql.catalyst.expressions.objects.StaticInvoke;
import org.apache.spark.sql.types.AbstractDataType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.unsafe.types.UTF8String;
import org.carelake.disclosure.DisclosureRule;
import org.carelake.disclosure.PublishedCell;
import org.carelake.error.CareLakeErrors;
import scala.Option;
import scala.Tuple3;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.AbstractFunction1;

/**
 * CareLake's disclosure control as SQL functions of every researcher's session on the SQL endpoint
 * ({@link EndpointExtensions} registers them), so a notebook or a query publishes a count about
 * people by the same rule the gold stage applies ({@link DisclosureRule#defaults()}: 0 stays 0,
 * 1-7 suppressed, others rounded to the nearest 5), rather than a copy of it in Python:
 *
 * <ul>
 *   <li>{@code disclose(count)}: the published count, NULL when suppressed;
 *   <li>{@code disclosure_status(count)}: {@code zero}, {@code rounded} or {@code suppressed};
 *   <li>{@code disclose_rate(numerator, denominator, per)}: the rate per {@code per} from the
 *       published counts, to one decimal place, NULL unless both counts are at least 8.
 * </ul>
 *
 * <p>Each count is protected on its own: cells that add up to a total a researcher also prints need
 * the table's totals rule (secondary suppression), which only the gold stage applies; everything
 * that leaves the environment still goes through {@code carelake output-check}. A NULL count gives
 * NULL; a negative one is an error.
 */
public final class DisclosureFunctions {
  private static final DisclosureRule RULE = DisclosureRule.defaults();

  private DisclosureFunctions() {}

  /** The published value of one count, or null when the rule suppresses it. */
  public static Long disclose(long count) {
    return cell(count).value();
  }

  /** How one count is published: zero, rounded or suppressed. */
  public static UTF8String disclosureStatus(long count) {
    return UTF8String.fromString(cell(count).status().label());
  }

  /** The rate per {@code per} from the two published counts, or null where the rule hides it. */
  public static Double discloseRate(long numerator, long denominator, long per) {
    if (per < 1) {
      throw CareLakeErrors.configuration("disclose_rate: per must be at least 1 (1000 gives a rate per 1,000); it was " + per);
    }
    return RULE.rate(cell(numerator), cell(denominator), per);
  }

  private static PublishedCell cell(long count) {
    if (count < 0) {
      throw CareLakeErrors.configuration("a count given to disclosure control cannot be negative (" + count + ")");
    }
    return RULE.count(count);
  }

  /** The functions as {@code SparkSessionExtensions.injectFunction} takes them. */
  static List<Tuple3<FunctionIdentifier, ExpressionInfo, scala.Function1<Seq<Expression>, Expression>>> definitions() {
    return List.of(
        definition("disclose", "disclose", DataTypes.LongType, 1,
            "_FUNC_(count) - the count as published by CareLake's small-number rule: 0 stays 0, 1-7 NULL (suppressed),"
                + " others rounded to the nearest 5."),
        definition("disclosure_status", "disclosureStatus", DataTypes.StringType, 1,
            "_FUNC_(count) - how _FUNC_'s count is published: zero, rounded or suppressed."),
        definition("disclose_rate", "discloseRate", DataTypes.DoubleType, 3,
            "_FUNC_(numerator, denominator, per) - the rate per `per` from the published counts, to one decimal place;"
                + " NULL unless both counts are at least 8."));
  }

  private static Tuple3<FunctionIdentifier, ExpressionInfo, scala.Function1<Seq<Expression>, Expression>> definition(String name,
      String method, DataType result, int arity, String usage) {
    ExpressionInfo info = new ExpressionInfo(DisclosureFunctions.class.getName(), null, name, usage, "");
    List<AbstractDataType> longs = java.util.Collections.nCopies(arity, DataTypes.LongType);
    scala.Function1<Seq<Expression>, Expression> builder = new AbstractFunction1<>() {
      @Override
      public Expression apply(Seq<Expression> arguments) {
        if (arguments.size() != arity) {
          throw CareLakeErrors.configuration(name + " takes " + arity + (arity == 1 ? " argument" : " arguments") + ", not "
              + arguments.size() + ": " + usage.replace("_FUNC_", name));
        }
        return new StaticInvoke(DisclosureFunctions.class, result, method, arguments, seq(longs), true, true, true, Option.empty());
      }
    };
    return new Tuple3<>(FunctionIdentifier.apply(name), info, builder);
  }

  private static <T> Seq<T> seq(List<T> list) {
    return CollectionConverters.asScala(list).toList();
  }
}
