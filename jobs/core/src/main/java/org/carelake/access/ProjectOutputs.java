package org.carelake.access;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.carelake.pseudonym.ProjectKeys;
import org.carelake.pseudonym.PseudonymKey;

/**
 * The research projects a night publishes to: each active project (approval covering the night)
 * with the key its pseudonyms are derived under, and the expired ones, whose tables the night
 * removes. Every project key is resolved here, before anything is written, so a missing or wrong
 * project key stops the night at the start of the gold stage.
 *
 * @param lakeKey the lake's pseudonymisation key, under which the SQL's default functions derive
 */
public record ProjectOutputs(List<Active> active, List<ResearchProject> expired, PseudonymKey lakeKey) {
  /** An active project and the key its pseudonyms are derived under (the lake key when it declares {@code key: derived}). */
  public record Active(ResearchProject project, PseudonymKey key) {
    public Active {
      requireNonNull(project, "project is null");
      requireNonNull(key, "key is null");
    }

    @Override
    public String toString() {
      return "Active[" + project.id() + ", " + key + "]";
    }
  }

  public ProjectOutputs {
    active = List.copyOf(active);
    expired = List.copyOf(expired);
    requireNonNull(lakeKey, "lakeKey is null");
  }

  /** No research projects: only tables that are not per-project are built. */
  public static ProjectOutputs none(PseudonymKey lakeKey) {
    return new ProjectOutputs(List.of(), List.of(), lakeKey);
  }

  /** Splits the declared projects by whether their approval covers {@code night}, resolving each active one's key. */
  public static ProjectOutputs resolve(
      Collection<ResearchProject> declared, LocalDate night, PseudonymKey lakeKey, Optional<Path> keyFolder) {
    List<Active> active = new ArrayList<>();
    List<ResearchProject> expired = new ArrayList<>();
    for (ResearchProject project : declared) {
      if (project.activeOn(night)) {
        active.add(new Active(project, ProjectKeys.resolve(project.id(), project.key(), lakeKey, keyFolder)));
      } else {
        expired.add(project);
      }
    }
    return new ProjectOutputs(active, expired, lakeKey);
  }

  /** The active projects that receive this dataset, in the policy's order. */
  public List<Active> receiving(String dataset) {
    return active.stream().filter(a -> a.project().receives(dataset)).toList();
  }
}
