package org.carelake.codelist;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A codelist read from its file and checked against its manifest entry: its codes in file order,
 * each in the stored form of its code system (see {@link CodeSystem}).
 */
public record Codelist(CodelistEntry entry, List<Code> codes) {
  /** One row of the list. */
  public record Code(String code, String term) {
    public Code {
      requireNonNull(code, "code is null");
      requireNonNull(term, "term is null");
    }
  }

  public Codelist {
    requireNonNull(entry, "entry is null");
    codes = List.copyOf(requireNonNull(codes, "codes is null"));
  }

  /** The codes alone, for joining with data. */
  public Set<String> codeSet() {
    Set<String> set = new HashSet<>();
    codes.forEach(code -> set.add(code.code()));
    return set;
  }

  /**
   * The list's codes that never occur among the codes found in the data, in list order. A code
   * that never occurs is often a typo (a transposed digit still passes no check but this one), or a
   * concept the sources do not use; either way a researcher should look at it. The data's codes
   * are compared in the list's stored form, so {@code E119} in HES matches {@code E11.9}.
   */
  public List<Code> unusedCodes(Set<String> codesInData) {
    requireNonNull(codesInData, "codesInData is null");
    Set<String> seen = new HashSet<>();
    for (String code : codesInData) {
      if (code != null && !code.isBlank()) {
        seen.add(entry.system().normaliseObserved(code));
      }
    }
    List<Code> unused = new ArrayList<>();
    for (Code code : codes) {
      if (!seen.contains(code.code())) {
        unused.add(code);
      }
    }
    return unused;
  }
}
