package org.carelake.pseudonym;

import static java.util.Objects.requireNonNull;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.carelake.error.CareLakeErrors;

/**
 * Resolves a research project's pseudonym key from its reference in the access policy. A key id
 * ({@code key: t2dm-2026}) names a key file {@code <id>.key} in the project key folder, kept, like
 * the lake key, outside the lake and outside git; the file holds {@code <id>:<version>:<hex>} as
 * {@link PseudonymKey} reads it, and its id must be the reference. No reference ({@code key:
 * derived}) gives the lake key: {@link PersonKeys#projectPseudonym} labels every derivation with the
 * project id, so the project's pseudonyms are still its own, and a key rotation changes them too.
 *
 * <p>The folder is the one {@code CARELAKE_PROJECT_KEYS} names, else {@code project-keys} beside the
 * lake key file. A project whose key cannot be found, is weak, or is the lake key itself stops the
 * run before anything is written.
 */
public final class ProjectKeys {
  public static final String ENVIRONMENT_VARIABLE = "CARELAKE_PROJECT_KEYS";
  public static final String FOLDER = "project-keys";

  private ProjectKeys() {}

  /** The project key folder: the environment variable's, else {@value #FOLDER} beside the lake key file, else none. */
  public static Optional<Path> folder(Optional<Path> lakeKeyFile, Map<String, String> environment) {
    String named = environment.get(ENVIRONMENT_VARIABLE);
    if (named != null && !named.isBlank()) {
      return Optional.of(Path.of(named));
    }
    return lakeKeyFile.map(file -> file.toAbsolutePath().getParent().resolve(FOLDER));
  }

  /** The key this project's pseudonyms are derived under. */
  public static PseudonymKey resolve(String projectId, Optional<String> reference, PseudonymKey lakeKey, Optional<Path> folder) {
    requireNonNull(projectId, "projectId is null");
    requireNonNull(lakeKey, "lakeKey is null");
    if (reference.isEmpty()) {
      return lakeKey;
    }
    String id = reference.get();
    if (folder.isEmpty()) {
      throw CareLakeErrors.configuration("project " + projectId + "'s pseudonym key " + id + " cannot be found: no project key folder;"
          + " set " + ENVIRONMENT_VARIABLE + " to the folder holding " + id + ".key (outside the lake and git)");
    }
    Path file = folder.get().resolve(id + ".key");
    if (!Files.isRegularFile(file)) {
      throw CareLakeErrors.configuration("project " + projectId + "'s pseudonym key " + id + " is not at " + file
          + "; write it there as " + id + ":<version>:<64 hex characters>, or declare key: derived");
    }
    PseudonymKey key;
    try {
      key = PseudonymKey.fromFile(file);
    } catch (RuntimeException e) {
      throw CareLakeErrors.configuration("project " + projectId + "'s pseudonym key file " + file + " is unusable: " + e.getMessage(), e);
    }
    if (!key.id().equals(id)) {
      throw CareLakeErrors.configuration("project " + projectId + "'s key file " + file + " holds key " + key.label()
          + ", not " + id + "; the file's key id must be the policy's reference");
    }
    if (key.equals(lakeKey)) {
      throw CareLakeErrors.configuration("project " + projectId + "'s pseudonym key " + key.label()
          + " is the lake key; a project key must be its own secret (or declare key: derived)");
    }
    return key;
  }
}
