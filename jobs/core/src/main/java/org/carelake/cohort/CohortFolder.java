package org.carelake.cohort;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.carelake.codelist.CodelistLibrary;
import org.carelake.error.CareLakeErrors;

/**
 * The cohort definitions of a project: every {@code <name>.yaml} in {@code sql/cohorts/}, read in
 * name order and compiled against the codelist library. An absent folder holds no cohorts.
 */
public final class CohortFolder {
  public static final String FOLDER = "cohorts";

  private CohortFolder() {}

  /** The definition files, sorted by name. */
  public static List<Path> files(Path sqlDir) {
    Path folder = sqlDir.resolve(FOLDER);
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(file -> file.getFileName().toString().endsWith(".yaml")).sorted().toList();
    } catch (IOException e) {
      throw CareLakeErrors.missingInput("cohort definitions folder", folder);
    }
  }

  public static List<CohortDefinition> definitions(Path sqlDir) {
    return files(sqlDir).stream().map(CohortParser::load).toList();
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
