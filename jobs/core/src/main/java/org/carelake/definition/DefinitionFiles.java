package org.carelake.definition;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.carelake.error.CareLakeErrors;

/**
 * The definition files of one kind in a project: every {@code *.yaml} in {@code sql/<folder>/}, in
 * name order. An absent folder holds none.
 *
 * @param folder the folder under {@code sql/}: {@code measures}
 * @param kind what one file is, as errors name it: {@code measure definition}
 */
public record DefinitionFiles(String folder, String kind) {
  public DefinitionFiles {
    requireNonNull(folder, "folder is null");
    requireNonNull(kind, "kind is null");
  }

  /** The definition files, sorted by name. */
  public List<Path> list(Path sqlDir) {
    Path directory = sqlDir.resolve(folder);
    if (!Files.isDirectory(directory)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(file -> file.getFileName().toString().endsWith(".yaml")).sorted().toList();
    } catch (IOException e) {
      throw CareLakeErrors.missingInput(kind + "s folder", directory);
    }
  }

  /** Every definition file read by the parser, in name order; the first invalid one stops with its error. */
  public <D> List<D> parseAll(Path sqlDir, Function<Path, D> parser) {
    return list(sqlDir).stream().map(parser).toList();
  }

  /** One file's text. */
  public String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw CareLakeErrors.missingInput(kind, file);
    }
  }
}
