package org.carelake.codelist;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.carelake.terminology.CodeFormats;

/**
 * The code systems a codelist may hold, one per list, with the form a code is stored in.
 *
 * <p>ICD-10 and OPCS-4 codes are stored in the dotted form silver uses ({@code E11.9},
 * {@code W37.1}; a three-character ICD-10 category without a fourth character stays {@code I10}).
 * A list may also be written in the undotted form Hospital Episode Statistics use ({@code E119}):
 * it is read as the dotted form, so {@code E119} and {@code E11.9} in one list are duplicates.
 * SNOMED CT and dm+d identifiers are stored as written: 6-18 digits, no leading zero, partition
 * 00 or 10, valid Verhoeff check digit.
 */
public enum CodeSystem {
  SNOMED_CT("snomed-ct", "SNOMED CT") {
    @Override
    Optional<String> canonical(String code) {
      return CodeFormats.isSnomedConceptId(code) ? Optional.of(code) : Optional.empty();
    }
  },
  ICD_10("icd-10", "ICD-10") {
    private final Pattern dotted = Pattern.compile("[A-Z][0-9]{2}(\\.[0-9]{1,2})?");
    private final Pattern undotted = Pattern.compile("[A-Z][0-9]{2,4}");

    @Override
    Optional<String> canonical(String code) {
      if (dotted.matcher(code).matches()) {
        return Optional.of(code);
      }
      return undotted.matcher(code).matches() ? Optional.of(dot(code)) : Optional.empty();
    }
  },
  OPCS_4("opcs-4", "OPCS-4") {
    // OPCS-4 chapters run A-Z without I
    private final Pattern dotted = Pattern.compile("[A-HJ-Z][0-9]{2}\\.[0-9]");
    private final Pattern undotted = Pattern.compile("[A-HJ-Z][0-9]{3}");

    @Override
    Optional<String> canonical(String code) {
      if (dotted.matcher(code).matches()) {
        return Optional.of(code);
      }
      return undotted.matcher(code).matches() ? Optional.of(dot(code)) : Optional.empty();
    }
  },
  DMD("dmd", "dm+d") {
    @Override
    Optional<String> canonical(String code) {
      return CodeFormats.isSnomedConceptId(code) ? Optional.of(code) : Optional.empty();
    }
  };

  private final String key;
  private final String displayName;

  CodeSystem(String key, String displayName) {
    this.key = key;
    this.displayName = displayName;
  }

  /** The name used in the manifest ({@code snomed-ct}, {@code icd-10}, {@code opcs-4}, {@code dmd}). */
  public String key() {
    return key;
  }

  public String displayName() {
    return displayName;
  }

  /** The stored form of a well-formed code, or empty when the code is malformed for this system. */
  abstract Optional<String> canonical(String code);

  /**
   * The stored form of a code as it occurs in the data, for comparing with a list: ICD-10 and
   * OPCS-4 codes upper case and dotted (HES's {@code I10X} filler dropped); others trimmed.
   */
  public String normaliseObserved(String code) {
    String trimmed = code.strip();
    if (this == ICD_10 || this == OPCS_4) {
      String compact = trimmed.toUpperCase(Locale.ROOT).replace(".", "");
      if (this == ICD_10 && compact.length() == 4 && compact.endsWith("X")) {
        compact = compact.substring(0, 3);
      }
      return dot(compact);
    }
    return trimmed;
  }

  /** The code system a manifest names, or empty for an unknown name. */
  public static Optional<CodeSystem> fromKey(String key) {
    return Arrays.stream(values()).filter(system -> system.key.equals(key)).findFirst();
  }

  static String keys() {
    return String.join(", ", Arrays.stream(values()).map(CodeSystem::key).toList());
  }

  private static String dot(String compact) {
    return compact.length() <= 3 ? compact : compact.substring(0, 3) + "." + compact.substring(3);
  }
}
