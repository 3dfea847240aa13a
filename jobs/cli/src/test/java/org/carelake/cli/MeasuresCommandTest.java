package org.carelake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code carelake measures list|compile} on the project's own definitions and codelists; no Spark. */
class MeasuresCommandTest {
  private static final String SQL = "../../sql";
  private static final String CODELISTS = "../../codelists";

  @TempDir Path dir;
  private final CommandOutput output = new CommandOutput();

  @Test
  void listShowsEveryDefinitionCompiled() {
    assertThat(run("list", "--sql=" + SQL, "--codelists=" + CODELISTS)).as(output.err()).isZero();
    assertThat(output.out()).contains("t2dm_hba1c_12m: Type 2 diabetes with an HbA1c recorded in the last 12 months",
        "counts people of the registered population; 24 periods of 1 month; by borough", "hba1c-snomed@1",
        "emergency_readmissions_30d", "counts events of hospital-discharge", "all compiled, published together in gold.measures");
  }

  @Test
  void compilePrintsTheMeasuresSqlWithItsHeader() {
    assertThat(run("compile", "emergency_readmissions_30d", "--sql=" + SQL, "--codelists=" + CODELISTS)).as(output.err()).isZero();
    assertThat(output.out()).contains("-- table: gold.measures\n", "-- measures: emergency_readmissions_30d\n",
        "'emergency-admission'", "date_add(e.event_date, 30) <= run_night").doesNotContain("t2dm_hba1c_12m");
  }

  @Test
  void anUnknownIdIsAUsageErrorAndABrokenDefinitionFailsTheList() throws IOException {
    assertThat(run("compile", "no_such_measure", "--sql=" + SQL, "--codelists=" + CODELISTS)).isEqualTo(2);
    assertThat(output.err()).contains("no measure definition", "carelake measures list");

    Files.createDirectories(dir.resolve("measures"));
    Files.writeString(dir.resolve("measures/broken.yaml"), Files.readString(Path.of(SQL, "measures/t2dm_hba1c_12m.yaml"))
        .replace("id: t2dm_hba1c_12m", "id: broken").replace("hba1c-snomed@1", "hba1c-snomed@9"));
    assertThat(CareLakeCli.execute("measures", "list", "--sql=" + dir, "--codelists=" + CODELISTS)).isEqualTo(1);
  }

  private int run(String... args) {
    return output.run(new MeasuresCommand(), args);
  }
}
