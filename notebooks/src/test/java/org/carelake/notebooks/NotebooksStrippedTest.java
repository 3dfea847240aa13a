package org.carelake.notebooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.carelake.access.ProjectTokens;
import org.junit.jupiter.api.Test;

/**
 * The notebooks as committed: outputs stripped (no outputs, no execution counts, so no figure or
 * message from a run reaches git), a papermill parameters cell that holds no connection string, and
 * the notebooks' own kernel.
 */
class NotebooksStrippedTest {
  private static final Path NOTEBOOKS = Path.of(System.getProperty("carelake.test.notebooks", ".")).toAbsolutePath().normalize();

  @Test
  void everyNotebookIsCommittedWithoutOutputsAndWithAnEmptyConnectionParameter() throws IOException {
    List<Path> notebooks;
    try (Stream<Path> files = Files.list(NOTEBOOKS)) {
      notebooks = files.filter(f -> f.getFileName().toString().endsWith(".ipynb")).sorted().toList();
    }
    assertThat(notebooks).hasSizeGreaterThanOrEqualTo(5);
    for (Path notebook : notebooks) {
      JsonNode document = new ObjectMapper().readTree(notebook.toFile());
      String name = notebook.getFileName().toString();
      assertThat(document.at("/metadata/kernelspec/name").asText()).as(name + " kernel").isEqualTo("carelake");
      int parameterCells = 0;
      for (JsonNode cell : document.get("cells")) {
        if (!cell.get("cell_type").asText().equals("code")) {
          continue;
        }
        assertThat(cell.get("outputs")).as(name + ": strip outputs before committing (jupyter nbconvert --clear-output)").isEmpty();
        assertThat(cell.get("execution_count").isNull()).as(name + ": execution_count must be null").isTrue();
        if (cell.at("/metadata/tags").toString().contains("\"parameters\"")) {
          parameterCells++;
          assertThat(source(cell)).as(name + " parameters").contains("connection = \"\"", "project = ").doesNotContain(ProjectTokens.PREFIX + ".tok-");
        }
      }
      assertThat(parameterCells).as(name + " has one papermill parameters cell").isEqualTo(1);
    }
  }

  private static String source(JsonNode cell) {
    JsonNode source = cell.get("source");
    if (source.isTextual()) {
      return source.asText();
    }
    StringBuilder text = new StringBuilder();
    source.forEach(line -> text.append(line.asText()));
    return text.toString();
  }
}
