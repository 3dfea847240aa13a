package org.carelake.definition;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A constant a definition file names by a keyword ({@code hospital-admission}, {@code age-band}):
 * the enums of both kinds of definition find their constants and list their keywords here.
 */
public interface Keyword {
  String keyword();

  /** The constant of {@code type} with this keyword, if there is one. */
  static <E extends Enum<E> & Keyword> Optional<E> of(Class<E> type, String keyword) {
    return Arrays.stream(type.getEnumConstants()).filter(constant -> constant.keyword().equals(keyword)).findFirst();
  }

  /** Every keyword of {@code type}, in the order the constants are declared. */
  static <E extends Enum<E> & Keyword> List<String> all(Class<E> type) {
    return Arrays.stream(type.getEnumConstants()).map(Keyword::keyword).toList();
  }

  /** Every keyword of {@code type} as an error lists them: {@code borough, age-band, sex}. */
  static <E extends Enum<E> & Keyword> String listed(Class<E> type) {
    return String.join(", ", all(type));
  }
}
