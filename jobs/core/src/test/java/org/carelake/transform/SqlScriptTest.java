package org.carelake.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class SqlScriptTest {
  @Test
  void headerLinesBecomeDataAndContinuationsJoin() {
    SqlScript script = SqlScript.parse("""
        -- table: gold.x
        -- purpose: first line
        --   continues here
        -- keys: a, b
        SELECT 1 AS a;
        """, "inline");
    assertThat(script.require("table")).isEqualTo("gold.x");
    assertThat(script.get("purpose")).contains("first line continues here");
    assertThat(script.list("keys")).containsExactly("a", "b");
    assertThat(script.statement()).isEqualTo("SELECT 1 AS a");
  }

  @Test
  void aMissingHeaderSaysWhichLineToAdd() {
    SqlScript script = SqlScript.parse("SELECT 1", "f.sql");
    assertThatThrownBy(() -> script.require("keys")).hasMessageContaining("f.sql").hasMessageContaining("-- keys:");
  }

  /** Completeness: every SQL file of the project has the header its folder requires. */
  @Test
  void everyProjectSqlFileDeclaresItsHeader() throws IOException {
    Path sql = Path.of("../../sql");
    check(sql.resolve("ddl/silver"), List.of("table", "purpose", "grain", "keys"));
    check(sql.resolve("silver"), List.of("feed", "target", "purpose", "grain"));
    check(sql.resolve("gold"), List.of("table", "purpose", "inputs", "grain", "keys"));
  }

  /**
   * Every contract that reaches silver has a silver mapping and every mapping a contract; an
   * opt-out list has none (its NHS numbers are never mapped anywhere).
   */
  @Test
  void everyContractHasAMappingAndEveryMappingAContract() throws IOException {
    List<String> contracts = org.carelake.contract.ContractLoader.loadAll(Path.of("../../data-contracts")).stream()
        .filter(org.carelake.contract.Contract::reachesSilver)
        .map(org.carelake.contract.Contract::id).sorted().toList();
    try (Stream<Path> files = Files.list(Path.of("../../sql/silver"))) {
      List<String> mappings = files.map(f -> f.getFileName().toString().replace(".sql", "")).sorted().toList();
      assertThat(mappings).isEqualTo(contracts);
      assertThat(org.carelake.contract.ContractLoader.loadAll(Path.of("../../data-contracts")).stream()
          .filter(c -> !c.reachesSilver()).map(org.carelake.contract.Contract::id))
          .as("opt-out lists have no mapping").doesNotContainAnyElementsOf(mappings);
    }
  }

  private static void check(Path folder, List<String> keys) throws IOException {
    try (Stream<Path> files = Files.list(folder)) {
      List<Path> scripts = files.filter(f -> f.toString().endsWith(".sql")).toList();
      assertThat(scripts).as(folder.toString()).isNotEmpty();
      for (Path file : scripts) {
        SqlScript script = SqlScript.load(file);
        for (String key : keys) {
          assertThat(script.get(key)).as(file + " header " + key).isPresent();
        }
      }
    }
  }
}
