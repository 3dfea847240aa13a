package org.carelake.codelist;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.carelake.error.CareLakeErrors;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The manifest ({@code codelists/manifest.yaml}): every codelist's id, version, code system,
 * description, rationale, source and checksum. A misspelt or missing key, an unknown code system
 * or a second entry for the same id and version is a configuration error naming the entry.
 */
public final class CodelistManifest {
  public static final String FILE_NAME = "manifest.yaml";
  private static final Set<String> KEYS = Set.of("id", "version", "system", "description", "rationale", "source", "sha256");

  private final Path file;
  private final Map<String, CodelistEntry> entries;

  private CodelistManifest(Path file, Map<String, CodelistEntry> entries) {
    this.file = file;
    this.entries = entries;
  }

  /** Reads and checks the manifest in the codelists folder. */
  public static CodelistManifest load(Path codelistsDir) {
    Path file = requireNonNull(codelistsDir, "codelistsDir is null").resolve(FILE_NAME);
    if (!Files.isRegularFile(file)) {
      throw CareLakeErrors.missingInput("codelist manifest", file);
    }
    Object document;
    try {
      document = new Yaml(new SafeConstructor(new LoaderOptions())).load(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException | YAMLException e) {
      throw CareLakeErrors.configuration("codelist manifest " + file + " cannot be read: " + e.getMessage(), e);
    }
    if (!(document instanceof Map<?, ?> root) || !(root.get("codelists") instanceof List<?> items) || root.size() != 1) {
      throw CareLakeErrors.configuration("codelist manifest " + file + " must hold one key, 'codelists', with a list of entries");
    }
    Map<String, CodelistEntry> entries = new LinkedHashMap<>();
    for (int i = 0; i < items.size(); i++) {
      CodelistEntry entry = entry(file, i + 1, items.get(i));
      if (entries.putIfAbsent(entry.reference(), entry) != null) {
        throw CareLakeErrors.configuration(
            "codelist manifest " + file + " lists " + entry.reference() + " twice; a new version needs a new version number");
      }
    }
    return new CodelistManifest(file, entries);
  }

  public Path file() {
    return file;
  }

  /** Every entry, in manifest order. */
  public List<CodelistEntry> entries() {
    return List.copyOf(entries.values());
  }

  public Optional<CodelistEntry> find(String id, int version) {
    return Optional.ofNullable(entries.get(id + "@" + version));
  }

  private static CodelistEntry entry(Path file, int position, Object item) {
    String where = "codelist manifest " + file + ", entry " + position;
    if (!(item instanceof Map<?, ?> map)) {
      throw CareLakeErrors.configuration(where + " is not a mapping of id, version, system, description, rationale, source, sha256");
    }
    List<String> unknown = new ArrayList<>();
    for (Object key : map.keySet()) {
      if (!KEYS.contains(String.valueOf(key))) {
        unknown.add(String.valueOf(key));
      }
    }
    Object id = map.get("id");
    if (id != null) {
      where = "codelist manifest " + file + ", entry " + position + " (" + id + ")";
    }
    if (!unknown.isEmpty()) {
      throw CareLakeErrors.configuration(where + " has unknown key(s) " + unknown + "; allowed: " + KEYS.stream().sorted().toList());
    }
    for (String key : KEYS) {
      Object value = map.get(key);
      if (value == null || String.valueOf(value).isBlank()) {
        throw CareLakeErrors.configuration(where + " has no '" + key + "'");
      }
    }
    if (!(map.get("version") instanceof Integer version)) {
      throw CareLakeErrors.configuration(where + ": version must be a whole number, got '" + map.get("version") + "'");
    }
    String systemKey = String.valueOf(map.get("system"));
    CodeSystem system = CodeSystem.fromKey(systemKey).orElseThrow(() -> CareLakeErrors.configuration(
        "codelist manifest " + file + ", entry " + position + " (" + id + "): unknown code system '" + systemKey + "'; use one of "
            + CodeSystem.keys()));
    try {
      return new CodelistEntry(
          String.valueOf(id),
          version,
          system,
          text(map.get("description")),
          text(map.get("rationale")),
          text(map.get("source")),
          String.valueOf(map.get("sha256")));
    } catch (IllegalArgumentException e) {
      throw CareLakeErrors.configuration(where + ": " + e.getMessage(), e);
    }
  }

  private static String text(Object value) {
    return String.valueOf(value).strip().replaceAll("\\s+", " ");
  }
}
