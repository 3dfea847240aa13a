package org.carelake.measure;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.carelake.transform.SqlScript;

/**
 * Every measure definition compiled together to the one gold SQL statement of {@code gold.measures},
 * as text (what {@code carelake measures compile} prints and a reviewer reads) and as the script the
 * gold stage builds like any file in {@code sql/gold/}.
 */
public record CompiledMeasures(List<MeasureDefinition> definitions, String text) {
  public static final String TABLE = "measures";

  public CompiledMeasures {
    definitions = List.copyOf(definitions);
    requireNonNull(text, "text is null");
  }

  public SqlScript script() {
    return SqlScript.parse(text, "sql/measures (every definition, compiled)");
  }
}
