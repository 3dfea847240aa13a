package org.carelake.contract;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** A contract property that takes one of a few named values ({@code carelake.duplicate-keys: first-row-wins}). */
public interface ContractOption {
  /** The value as written in a contract. */
  String id();

  /** The option named {@code text} (any case), or a message naming the property and the values it takes. */
  static <E extends Enum<E> & ContractOption> E parse(Class<E> type, String property, String text) {
    String wanted = text.strip().toLowerCase(Locale.ROOT);
    E[] values = type.getEnumConstants();
    return Arrays.stream(values).filter(value -> value.id().equals(wanted)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("carelake." + property + " must be one of "
            + Arrays.stream(values).map(ContractOption::id).collect(Collectors.joining(", ")) + ", got " + text));
  }
}
