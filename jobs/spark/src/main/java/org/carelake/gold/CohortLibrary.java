package org.carelake.gold;

import java.nio.file.Path;
import java.util.List;
import org.carelake.codelist.CodelistLibrary;
import org.carelake.cohort.CohortFolder;
import org.carelake.cohort.CompiledCohort;
import org.carelake.transform.SqlScript;

/**
 * The cohort definitions ({@code sql/cohorts/*.yaml}) as gold scripts: each compiles to a
 * record-level cohort ({@code gold.<name>__<project>}) and an aggregate attrition table ({@code
 * gold.<name>_attrition__<project>}), both {@code per-project: yes}, which the gold stage builds
 * exactly like a file in {@code sql/gold/}: opt-outs applied to every input, disclosure control as
 * declared, one table per active project listing the dataset. Every codelist is checked against the
 * library's manifest (checksum included) when the scripts are made, so a changed list stops the
 * stage before anything is written.
 */
public final class CohortLibrary {
  private CohortLibrary() {}

  /** Every definition's two scripts, in definition-name order; the codelist library beside the SQL folder. */
  public static List<SqlScript> scripts(Path sqlDir) {
    return scripts(sqlDir, codelists(sqlDir));
  }

  /** The codelist library the gold stage uses with this SQL folder: CARELAKE_CODELISTS, else codelists/ beside it. */
  public static Path codelists(Path sqlDir) {
    return Codelists.locate(sqlDir, System.getenv());
  }

  public static List<SqlScript> scripts(Path sqlDir, Path codelistsDir) {
    return compiled(sqlDir, codelistsDir).stream().flatMap(cohort -> cohort.scripts().stream()).toList();
  }

  public static List<CompiledCohort> compiled(Path sqlDir, Path codelistsDir) {
    if (CohortFolder.files(sqlDir).isEmpty()) {
      return List.of();
    }
    return CohortFolder.compileAll(sqlDir, CodelistLibrary.open(codelistsDir));
  }
}
