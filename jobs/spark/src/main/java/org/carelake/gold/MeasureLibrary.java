package org.carelake.gold;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.carelake.codelist.CodelistLibrary;
import org.carelake.measure.CompiledMeasures;
import org.carelake.measure.MeasureFolder;
import org.carelake.transform.SqlScript;

/**
 * The measure definitions ({@code sql/measures/*.yaml}) as one gold script: every measure compiled
 * together into {@code gold.measures} (not per project: commissioners and researchers read the same
 * disclosure-controlled numbers), which the gold stage builds exactly like a file in {@code
 * sql/gold/}: opt-outs applied to every input, disclosure control as the compiled header declares,
 * one write a night. Every codelist is checked against the library's manifest (checksum included)
 * when the script is made, so a changed list stops the stage before anything is written.
 */
public final class MeasureLibrary {
  private MeasureLibrary() {}

  /** The one script of every measure, or none when sql/measures holds no definition; the codelist library beside the SQL folder. */
  public static List<SqlScript> scripts(Path sqlDir) {
    return compiled(sqlDir, CohortLibrary.codelists(sqlDir)).map(compiled -> List.of(compiled.script())).orElse(List.of());
  }

  public static Optional<CompiledMeasures> compiled(Path sqlDir, Path codelistsDir) {
    if (MeasureFolder.files(sqlDir).isEmpty()) {
      return Optional.empty();
    }
    return MeasureFolder.compile(sqlDir, CodelistLibrary.open(codelistsDir));
  }
}
