package org.carelake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code carelake cohorts list|compile} on the project's own definitions and codelists; no Spark. */
class CohortsCommandTest {
  private static final String SQL = "../../sql";
  private static final String CODELISTS = "../../codelists";

  @TempDir Path dir;
  private final CommandOutput output = new CommandOutput();

  @Test
  void listShowsEveryDefinitionCompiled() {
    assertThat(run("list", "--sql=" + SQL, "--codelists=" + CODELISTS)).as(output.err()).isZero();
    assertThat(output.out()).contains("cohort_type_2_diabetes", "type-2-diabetes-snomed@1",
        "publishes: gold.cohort_type_2_diabetes__<project>, gold.cohort_type_2_diabetes_attrition__<project>", "all compiled");
  }

  @Test
  void compilePrintsTheCohortAndItsAttritionWithTheirHeaders() {
    assertThat(run("compile", "cohort_type_2_diabetes", "--sql=" + SQL, "--codelists=" + CODELISTS)).as(output.err()).isZero();
    String printed = output.out();
    assertThat(printed).contains("-- table: gold.cohort_type_2_diabetes\n", "-- table: gold.cohort_type_2_diabetes_attrition\n",
        "project_pseudonym(project_id, f.person_key) AS patient_id", "count(*) AS people FROM candidates");
  }

  @Test
  void anUnknownNameIsAUsageErrorAndABrokenDefinitionFailsTheList() throws IOException {
    assertThat(run("compile", "cohort_unknown", "--sql=" + SQL, "--codelists=" + CODELISTS)).isEqualTo(2);
    assertThat(output.err()).contains("no cohort definition", "carelake cohorts list");

    Files.createDirectories(dir.resolve("cohorts"));
    Files.writeString(dir.resolve("cohorts/cohort_broken.yaml"), Files.readString(Path.of(SQL, "cohorts/cohort_type_2_diabetes.yaml"))
        .replace("name: cohort_type_2_diabetes", "name: cohort_broken").replace("metformin-dmd@1", "metformin-dmd@9"));
    assertThat(CareLakeCli.execute("cohorts", "list", "--sql=" + dir, "--codelists=" + CODELISTS)).isEqualTo(1);
  }

  private int run(String... args) {
    return output.run(new CohortsCommand(), args);
  }
}
