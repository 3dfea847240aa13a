package org.carelake.measure;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.carelake.codelist.CodelistLibrary;
import org.carelake.definition.DefinitionFiles;

/**
 * The measure definitions of a project: every {@code <id>.yaml} in {@code sql/measures/}, read in
 * name order and compiled together against the codelist library. An absent or empty folder holds no
 * measures, and then there is no {@code gold.measures}.
 */
public final class MeasureFolder {
  public static final String FOLDER = "measures";
  static final DefinitionFiles FILES = new DefinitionFiles(FOLDER, "measure definition");

  private MeasureFolder() {}

  /** The definition files, sorted by name. */
  public static List<Path> files(Path sqlDir) {
    return FILES.list(sqlDir);
  }

  public static List<MeasureDefinition> definitions(Path sqlDir) {
    return FILES.parseAll(sqlDir, MeasureParser::load);
  }

  /** Every definition compiled together; the first invalid definition or codelist stops with its error. */
  public static Optional<CompiledMeasures> compile(Path sqlDir, CodelistLibrary codelists) {
    List<MeasureDefinition> definitions = definitions(sqlDir);
    return definitions.isEmpty() ? Optional.empty() : Optional.of(MeasureCompiler.compile(definitions, codelists));
  }
}
