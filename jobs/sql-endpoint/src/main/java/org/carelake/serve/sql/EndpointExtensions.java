package org.carelake.serve.sql;

import org.apache.spark.sql.SparkSessionExtensions;
import scala.runtime.AbstractFunction1;
import scala.runtime.BoxedUnit;

/**
 * The endpoint's session extension ({@code spark.sql.extensions}): puts {@link QueryGuard} among the
 * analyser's check rules of every session of the JVM, so every researcher's session (Spark Connect
 * clones one per client session) is checked, whichever way Spark Connect creates it; and registers
 * the disclosure-control SQL functions ({@link DisclosureFunctions}) and {@code table_version}
 * ({@link TableVersionFunction}) in those sessions.
 */
public final class EndpointExtensions extends AbstractFunction1<SparkSessionExtensions, BoxedUnit> {
  @Override
  public BoxedUnit apply(SparkSessionExtensions extensions) {
    extensions.injectCheckRule(session -> plan -> {
      QueryGuard.check(session, plan);
      return BoxedUnit.UNIT;
    });
    DisclosureFunctions.definitions().forEach(extensions::injectFunction);
    extensions.injectFunction(TableVersionFunction.definition());
    return BoxedUnit.UNIT;
  }
}
