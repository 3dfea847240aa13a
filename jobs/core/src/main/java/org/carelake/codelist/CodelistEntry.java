package org.carelake.codelist;

import static java.util.Objects.requireNonNull;

import java.util.regex.Pattern;

/**
 * One codelist as the manifest declares it. Its file is {@code <id>/v<version>.csv} under the
 * codelists folder, so the manifest never names a path that could drift from the id.
 *
 * @param id kebab-case name, e.g. {@code type-2-diabetes-snomed}
 * @param version a positive whole number; a published version is never edited
 * @param system the one code system the list holds
 * @param description what the list identifies
 * @param rationale why these codes and not others, in a clinician's words
 * @param source where the codes come from
 * @param sha256 SHA-256 of the file's bytes, 64 lower-case hex characters
 */
public record CodelistEntry(
    String id, int version, CodeSystem system, String description, String rationale, String source, String sha256) {
  private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
  private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

  public CodelistEntry {
    requireNonNull(id, "id is null");
    requireNonNull(system, "system is null");
    requireNonNull(description, "description is null");
    requireNonNull(rationale, "rationale is null");
    requireNonNull(source, "source is null");
    requireNonNull(sha256, "sha256 is null");
    if (!ID.matcher(id).matches()) {
      throw new IllegalArgumentException("id must be lower-case words joined by hyphens, got '" + id + "'");
    }
    if (version < 1) {
      throw new IllegalArgumentException("version must be a whole number from 1, got " + version);
    }
    if (!SHA256.matcher(sha256).matches()) {
      throw new IllegalArgumentException("sha256 must be 64 lower-case hex characters, got '" + sha256 + "'");
    }
  }

  /** The file's path relative to the codelists folder. */
  public String file() {
    return id + "/v" + version + ".csv";
  }

  /** How the list is named in definitions and messages: {@code id@version}. */
  public String reference() {
    return id + "@" + version;
  }
}
