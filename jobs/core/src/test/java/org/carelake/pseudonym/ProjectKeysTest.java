package org.carelake.pseudonym;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A project's own pseudonym key: found by its reference, never the lake key, and its pseudonyms unlike any other project's. */
class ProjectKeysTest {
  static final PseudonymKey LAKE = PseudonymKey.of("gm-pseudonym", 1, "3c".repeat(32));

  @TempDir Path folder;

  @Test
  void aReferenceNamesAKeyFileInTheProjectKeyFolder() throws IOException {
    Files.writeString(folder.resolve("t2dm-2026.key"), "# project t2dm key\nt2dm-2026:1:" + "5a".repeat(32) + "\n");
    PseudonymKey key = ProjectKeys.resolve("t2dm", Optional.of("t2dm-2026"), LAKE, Optional.of(folder));
    assertThat(key.label()).isEqualTo("t2dm-2026 v1");
    assertThat(key).isNotEqualTo(LAKE);
  }

  @Test
  void derivedMeansTheLakeKeyUnderTheProjectsLabel() {
    assertThat(ProjectKeys.resolve("demo", Optional.empty(), LAKE, Optional.empty())).isSameAs(LAKE);
  }

  @Test
  void theSamePersonHasUnrelatedPseudonymsInTwoProjects() throws IOException {
    Files.writeString(folder.resolve("beta-2026.key"), "beta-2026:1:" + "5a".repeat(32));
    PersonKeys lake = new PersonKeys(LAKE);
    String person = lake.personKey("person-000001");
    String alpha = new PersonKeys(ProjectKeys.resolve("alpha", Optional.empty(), LAKE, Optional.empty())).projectPseudonym("alpha", person);
    String beta = new PersonKeys(ProjectKeys.resolve("beta", Optional.of("beta-2026"), LAKE, Optional.of(folder)))
        .projectPseudonym("beta", person);
    assertThat(alpha).hasSize(64).isNotEqualTo(beta).isNotEqualTo(person);
    assertThat(beta).as("not the lake key's derivation for the same project").isNotEqualTo(lake.projectPseudonym("beta", person));
    assertThat(lake.projectPseudonym("gamma", person)).as("derived keys differ by project label").isNotEqualTo(alpha);
  }

  @Test
  void aMissingWrongOrReusedKeyFailsNamingTheProjectNotTheValue() throws IOException {
    assertThatThrownBy(() -> ProjectKeys.resolve("beta", Optional.of("beta-2026"), LAKE, Optional.empty()))
        .hasMessageContaining("project beta").hasMessageContaining(ProjectKeys.ENVIRONMENT_VARIABLE);
    assertThatThrownBy(() -> ProjectKeys.resolve("beta", Optional.of("beta-2026"), LAKE, Optional.of(folder)))
        .hasMessageContaining("project beta").hasMessageContaining("beta-2026.key");
    Files.writeString(folder.resolve("beta-2026.key"), "other:1:" + "5a".repeat(32));
    assertThatThrownBy(() -> ProjectKeys.resolve("beta", Optional.of("beta-2026"), LAKE, Optional.of(folder)))
        .hasMessageContaining("holds key other v1");
    Files.writeString(folder.resolve("beta-2026.key"), "beta-2026:1:" + "3c".repeat(32));
    assertThatThrownBy(() -> ProjectKeys.resolve("beta", Optional.of("beta-2026"), LAKE, Optional.of(folder)))
        .hasMessageContaining("is the lake key").hasMessageNotContaining("3c3c");
    Files.writeString(folder.resolve("beta-2026.key"), "beta-2026:1:abcd");
    assertThatThrownBy(() -> ProjectKeys.resolve("beta", Optional.of("beta-2026"), LAKE, Optional.of(folder)))
        .hasMessageContaining("unusable").hasMessageNotContaining("abcd");
  }

  @Test
  void theFolderIsTheVariablesElseBesideTheLakeKey() {
    assertThat(ProjectKeys.folder(Optional.empty(), Map.of())).isEmpty();
    assertThat(ProjectKeys.folder(Optional.of(Path.of("/secrets/lake.key")), Map.of())).contains(Path.of("/secrets/project-keys"));
    assertThat(ProjectKeys.folder(Optional.of(Path.of("/secrets/lake.key")), Map.of("CARELAKE_PROJECT_KEYS", "/vault/projects")))
        .contains(Path.of("/vault/projects"));
  }
}
