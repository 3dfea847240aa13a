package org.carelake.dictionary;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.carelake.codelist.Codelist;

/**
 * A codelist as the dictionary shows it: its manifest entry (or, for an older list under {@code
 * sql/codelists/}, what its path says) and its codes.
 *
 * @param reference how definitions name it: {@code asthma-snomed@1}, or {@code snomed/diabetes-type2@1}
 */
public record CodelistDoc(
    String reference, String system, String description, String rationale, String source, String checksum, String file,
    List<Codelist.Code> codes) {
  public CodelistDoc {
    requireNonNull(reference, "reference is null");
    requireNonNull(system, "system is null");
    requireNonNull(description, "description is null");
    requireNonNull(rationale, "rationale is null");
    requireNonNull(source, "source is null");
    requireNonNull(checksum, "checksum is null");
    requireNonNull(file, "file is null");
    codes = List.copyOf(codes);
  }
}
