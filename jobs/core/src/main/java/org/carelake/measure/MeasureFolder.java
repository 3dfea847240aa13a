package org.carelake.measure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.carelake.codelist.CodelistLibrary;
import org.carelake.error.CareLakeErrors;

/**
 * The measure definitions of a project: every {@code <id>.yaml} in {@code sql/measures/}, read in
 * name order and compiled together against the codelist library. An absent or empty folder holds no
 * measures, and then there is no {@code gold.measures}.
 */
public final class MeasureFolder {
  public static final String FOLDER = "measures";

  private MeasureFolder() {}

  /** The definition files, sorted by name. */
  public static List<Path> files(Path sqlDir) {
    Path folder = sqlDir.resolve(FOLDER);
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(file -> file.getFileName().toString().endsWith(".yaml")).sorted().toList();
    } catch (IOException e) {
      throw CareLakeErrors.missingInput("measure definitions folder", folder);
    }
  }

  public static List<MeasureDefinition> definitions(Path sqlDir) {
    return files(sqlDir).stream().map(MeasureParser::load).toList();
  }

  /** Every definition compiled together; the first invalid definition or codelist stops with its error. */
  public static Optional<CompiledMeasures> compile(Path sqlDir, CodelistLibrary codelists) {
    List<MeasureDefinition> definitions = definitions(sqlDir);
    return definitions.isEmpty() ? Optional.empty() : Optional.of(MeasureCompiler.compile(definitions, codelists));
  }
}
