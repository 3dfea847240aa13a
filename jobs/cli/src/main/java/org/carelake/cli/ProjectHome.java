package org.carelake.cli;

import java.nio.file.Path;
import java.util.Map;

/**
 * The project folder whose {@code sql/}, {@code data-contracts/}, {@code codelists/} and
 * {@code governance/} a command uses when no option names them: {@code CARELAKE_HOME} (the
 * launcher sets it to the clone), else the working folder. One place, so every command finds the
 * same files.
 */
final class ProjectHome {
  private ProjectHome() {}

  /** The project folder from this process's environment. */
  static Path folder() {
    return folder(System.getenv());
  }

  /** The project folder from {@code environment}: {@code CARELAKE_HOME} when set and not blank, else the working folder (relative, empty). */
  static Path folder(Map<String, String> environment) {
    String home = environment.get("CARELAKE_HOME");
    return home == null || home.isBlank() ? Path.of("") : Path.of(home);
  }

  /** {@code option} when given, else {@code name} in the project folder. */
  static Path orDefault(Path option, String name) {
    return option != null ? option : folder().resolve(name);
  }
}
