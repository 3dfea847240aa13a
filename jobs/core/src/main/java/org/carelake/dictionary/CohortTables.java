package org.carelake.dictionary;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.carelake.cohort.CohortDefinition;
import org.carelake.cohort.CohortDefinition.Attribute;
import org.carelake.cohort.CohortDefinition.Covariate;
import org.carelake.cohort.CohortDefinition.CovariateKind;
import org.carelake.cohort.CohortDefinition.Criterion;
import org.carelake.cohort.CohortFolder;
import org.carelake.cohort.CompiledCohort;
import org.carelake.dictionary.ColumnDoc.Nullable;

/**
 * The tables each cohort definition ({@code sql/cohorts/<name>.yaml}) publishes per project: the
 * cohort and its attrition table, described from the SQL the cohort compiler writes (so the columns
 * are those built) and annotated from the definition (covariates' descriptions, the criteria).
 */
public final class CohortTables implements TableSource {
  @Override
  public List<TableDoc> tables(DictionarySources sources) {
    List<TableDoc> tables = new ArrayList<>();
    for (CompiledCohort compiled : CohortFolder.compileAll(sources.sql(), sources.codelistLibrary())) {
      CohortDefinition definition = compiled.definition();
      String file = sources.shown(sources.sql().resolve(CohortFolder.FOLDER).resolve(definition.name() + ".yaml"));
      Map<String, String> about = about(definition, file);
      tables.add(PublishedScript.describe(compiled.cohort(), file, "cohort", cohortColumns(definition), about));
      tables.add(PublishedScript.describe(compiled.attrition(), file, "cohort attrition table", attritionColumns(), about));
    }
    return tables;
  }

  private static Map<String, String> about(CohortDefinition definition, String file) {
    Map<String, String> about = new LinkedHashMap<>();
    about.put("definition", file + " (compiled by org.carelake.cohort; carelake cohorts compile " + definition.name() + ")");
    about.put("projects", definition.projects().isEmpty() ? "any project listing the dataset" : String.join(", ", definition.projects()));
    about.put("study period", definition.studyStart() + " to " + definition.studyEnd().map(Object::toString).orElse("the night built"));
    about.put("index rule", definition.index().describe());
    about.put("inclusion", numbered(definition.inclusion()));
    about.put("exclusion", numbered(definition.exclusion()));
    return about;
  }

  private static String numbered(List<Criterion> criteria) {
    if (criteria.isEmpty()) {
      return "none";
    }
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < criteria.size(); i++) {
      lines.add((i + 1) + ". " + criteria.get(i).description());
    }
    return String.join("; ", lines);
  }

  private static Map<String, ColumnDoc> cohortColumns(CohortDefinition definition) {
    Map<String, ColumnDoc> columns = new LinkedHashMap<>();
    put(columns, "patient_id", "STRING", Nullable.NO,
        "the person under the research project's own pseudonym (derived under the project's key): it cannot be joined to another project's tables");
    put(columns, "index_date", "DATE", Nullable.NO, "the date the person entered the cohort: " + definition.index().describe());
    put(columns, "entry_date", "DATE", Nullable.UNKNOWN, "the later of the index date and the start of the GP registration");
    put(columns, "exit_date", "DATE", Nullable.UNKNOWN,
        "the earliest of deregistration, death (last day of the month recorded) and the end of the study period");
    for (Attribute attribute : Attribute.values()) {
      put(columns, attribute.column(), attribute == Attribute.DEPRIVATION_QUINTILE ? "INT" : "STRING", Nullable.YES, attribute.meaning());
    }
    for (Covariate covariate : definition.covariates()) {
      boolean alwaysSet = covariate.kind() == CovariateKind.ANY_EVENT || covariate.kind() == CovariateKind.EVENT_COUNT;
      put(columns, covariate.name(), covariate.kind().sqlType(), alwaysSet ? Nullable.NO : Nullable.YES,
          covariate.description() + " (covariate: " + covariate.kind().keyword() + " of " + String.join(", ", covariate.sources()) + ", "
              + covariate.window().describe() + ")");
    }
    return columns;
  }

  private static Map<String, ColumnDoc> attritionColumns() {
    Map<String, ColumnDoc> columns = new LinkedHashMap<>();
    put(columns, "step", "INT", Nullable.NO, "0 for the index rule, then each criterion in the order the definition lists it");
    put(columns, "rule", "STRING", Nullable.NO, "index, inclusion or exclusion");
    put(columns, "criterion", "STRING", Nullable.NO, "the rule as the definition describes it");
    put(columns, "people", "BIGINT", Nullable.YES, "people remaining after this step");
    return columns;
  }

  private static void put(Map<String, ColumnDoc> columns, String name, String type, Nullable nullable, String meaning) {
    columns.put(name, new ColumnDoc(name, type, nullable, meaning));
  }
}
