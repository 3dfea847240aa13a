package org.carelake.dictionary;

import static java.util.Objects.requireNonNull;

/**
 * One column of a documented table: its name, type, whether it may be empty and what it means.
 *
 * @param type the SQL type, or empty when the definition does not say (a gold file's plain column)
 * @param nullable {@code YES}, {@code NO} or {@code UNKNOWN} when the definition does not say
 * @param meaning what a value means; empty when nobody wrote it down (a gap the dictionary shows)
 */
public record ColumnDoc(String name, String type, Nullable nullable, String meaning) {
  /** Whether a column may hold no value. */
  public enum Nullable {
    YES("yes"),
    NO("no"),
    UNKNOWN("not declared");

    private final String label;

    Nullable(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }

  public ColumnDoc {
    requireNonNull(name, "name is null");
    requireNonNull(type, "type is null");
    requireNonNull(nullable, "nullable is null");
    meaning = requireNonNull(meaning, "meaning is null").strip().replaceAll("\\s+", " ");
  }

  public boolean documented() {
    return !meaning.isEmpty();
  }
}
