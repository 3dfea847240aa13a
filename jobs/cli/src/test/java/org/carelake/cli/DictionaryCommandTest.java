package org.carelake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code carelake dictionary --out DIR} on the project's own definitions; no Spark. */
class DictionaryCommandTest {
  private static final String CONTRACTS = "../../data-contracts";
  private static final String SQL = "../../sql";
  private static final String CODELISTS = "../../codelists";

  @TempDir Path out;
  private final CommandOutput output = new CommandOutput();

  @Test
  void writesTheSiteAndTheMarkdownAndSaysWhere() throws IOException {
    int status = run("--out=" + out, "--contracts=" + CONTRACTS, "--sql=" + SQL, "--codelists=" + CODELISTS);

    assertThat(status).as(output.err()).isZero();
    assertThat(output.out()).contains("data dictionary:", out.resolve("html/index.html").toString(), "links checked");
    assertThat(Files.readString(out.resolve("html/tables/silver.person.html"))).contains("<h1>silver.person</h1>", "person_key");
    assertThat(Files.readString(out.resolve("markdown/index.md"))).contains("# CareLake data dictionary", "gold.monthly\\_activity");
  }

  @Test
  void goldMeasuresIsListedWithEveryMeasureDefinition() throws IOException {
    assertThat(run("--out=" + out, "--contracts=" + CONTRACTS, "--sql=" + SQL, "--codelists=" + CODELISTS)).as(output.err()).isZero();

    assertThat(Files.readString(out.resolve("html/index.html"))).contains("gold.measures");
    String page = Files.readString(out.resolve("html/tables/gold.measures.html"));
    assertThat(page).contains("<h1>gold.measures</h1>", "numerator_status", "value_status", "hba1c-snomed@1", "round");
    List<String> ids;
    try (Stream<Path> files = Files.list(Path.of(SQL, "measures"))) {
      ids = files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".yaml"))
          .map(name -> name.replace(".yaml", "")).toList();
    }
    assertThat(ids).isNotEmpty();
    ids.forEach(id -> assertThat(page).as(id).contains("Measure " + id));
  }

  @Test
  void withoutOutIsAUsageErrorAndABrokenDefinitionFailsNamingIt() throws IOException {
    assertThat(CareLakeCli.execute("dictionary", "--sql=" + SQL)).isEqualTo(2);

    Path sql = out.resolve("sql");
    Files.createDirectories(sql.resolve("gold"));
    Files.writeString(sql.resolve("gold/undeclared.sql"), "-- table: gold.undeclared\nSELECT 1 AS x\n");
    assertThat(CareLakeCli.execute("dictionary", "--out=" + out.resolve("site"), "--contracts=" + CONTRACTS, "--sql=" + sql,
        "--codelists=" + CODELISTS)).isEqualTo(1);
  }

  private int run(String... args) {
    return output.run(new DictionaryCommand(), args);
  }
}
