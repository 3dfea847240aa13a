package org.carelake.cohort;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.carelake.transform.SqlScript;

/**
 * A cohort definition compiled to the two gold SQL files it stands for, as text (what {@code
 * carelake cohorts compile} prints and a reviewer reads) and as scripts the gold stage builds like
 * any file in {@code sql/gold/}: the cohort (one row per person, record-level) and its attrition
 * table (people remaining after each criterion, an aggregate through disclosure control).
 */
public record CompiledCohort(CohortDefinition definition, String cohortText, String attritionText) {
  public CompiledCohort {
    requireNonNull(definition, "definition is null");
    requireNonNull(cohortText, "cohortText is null");
    requireNonNull(attritionText, "attritionText is null");
  }

  public SqlScript cohort() {
    return SqlScript.parse(cohortText, definition.origin() + " (cohort)");
  }

  public SqlScript attrition() {
    return SqlScript.parse(attritionText, definition.origin() + " (attrition)");
  }

  public List<SqlScript> scripts() {
    return List.of(cohort(), attrition());
  }
}
