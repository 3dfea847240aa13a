package org.carelake.cohort;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.carelake.codelist.CodelistLibrary;
import org.carelake.definition.DefinitionFiles;

/**
 * The cohort definitions of a project: every {@code <name>.yaml} in {@code sql/cohorts/}, read in
 * name order and compiled against the codelist library. An absent folder holds no cohorts.
 */
public final class CohortFolder {
  public static final String FOLDER = "cohorts";
  static final DefinitionFiles FILES = new DefinitionFiles(FOLDER, "cohort definition");

  private CohortFolder() {}

  /** The definition files, sorted by name. */
  public static List<Path> files(Path sqlDir) {
    return FILES.list(sqlDir);
  }

  public static List<CohortDefinition> definitions(Path sqlDir) {
    return FILES.parseAll(sqlDir, CohortParser::load);
  }

  /** Every definition compiled; the first invalid definition or codelist stops with its error. */
  public static List<CompiledCohort> compileAll(Path sqlDir, CodelistLibrary codelists) {
    List<CompiledCohort> compiled = new ArrayList<>();
    for (CohortDefinition definition : definitions(sqlDir)) {
      compiled.add(CohortCompiler.compile(definition, codelists));
    }
    return compiled;
  }
}
