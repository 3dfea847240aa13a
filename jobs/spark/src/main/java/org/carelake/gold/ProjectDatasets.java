package org.carelake.gold;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.carelake.access.ProjectOutputs;
import org.carelake.access.ResearchProject;
import org.carelake.error.CareLakeErrors;
import org.carelake.transform.SqlScript;

/**
 * Which gold files are research datasets ({@code -- per-project: yes}), and the checks made before
 * the gold stage writes anything: every active project's datasets exist as per-project files, only
 * a per-project file derives project pseudonyms, and no table name uses the {@code __} that
 * separates a dataset from its project.
 */
final class ProjectDatasets {
  private ProjectDatasets() {}

  static boolean perProject(SqlScript script) {
    // The first word decides; the rest of the header line may explain.
    String value = script.get("per-project").map(v -> v.strip().split("\\s+", 2)[0].toLowerCase(Locale.ROOT)).orElse("no");
    if (!value.equals("yes") && !value.equals("no")) {
      throw CareLakeErrors.configuration(script.origin() + " per-project must be yes or no, not '" + value + "'");
    }
    return value.equals("yes");
  }

  /** The table a file declares, within the gold zone; for a per-project file, the dataset's name. */
  static String dataset(SqlScript script) {
    String qualified = script.require("table");
    if (!qualified.startsWith("gold.")) {
      throw CareLakeErrors.configuration(script.origin() + " must declare a gold table, not " + qualified);
    }
    String name = qualified.substring("gold.".length());
    if (ResearchProject.datasetOf(name).isPresent()) {
      throw CareLakeErrors.configuration(script.origin() + " table " + qualified
          + " may not contain '__', which separates a dataset from its research project");
    }
    return name;
  }

  static void check(List<SqlScript> scripts, ProjectOutputs projects) {
    for (SqlScript script : scripts) {
      if (!perProject(script) && script.statement().contains("project_pseudonym")) {
        throw CareLakeErrors.configuration(script.origin() + " derives project pseudonyms but is not a research dataset;"
            + " declare '-- per-project: yes' so each project gets its own table");
      }
    }
    Set<String> datasets = scripts.stream().filter(ProjectDatasets::perProject).map(ProjectDatasets::dataset).collect(Collectors.toSet());
    for (ProjectOutputs.Active active : projects.active()) {
      for (String dataset : active.project().datasets()) {
        if (!datasets.contains(dataset)) {
          throw CareLakeErrors.configuration("project " + active.project().id() + " in the access policy lists dataset " + dataset
              + ", but there is no gold/" + dataset + ".sql declaring '-- per-project: yes'; the research datasets are "
              + datasets.stream().sorted().toList());
        }
      }
    }
  }
}
