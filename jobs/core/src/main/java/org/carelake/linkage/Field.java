package org.carelake.linkage;

import static org.carelake.linkage.Level.CLOSE;
import static org.carelake.linkage.Level.DAY_MONTH_SWAPPED;
import static org.carelake.linkage.Level.DEFAULT_DATE;
import static org.carelake.linkage.Level.DIFFERENT;
import static org.carelake.linkage.Level.DISTRICT;
import static org.carelake.linkage.Level.EXACT;
import static org.carelake.linkage.Level.INITIAL;
import static org.carelake.linkage.Level.MISSING;
import static org.carelake.linkage.Level.NICKNAME;
import static org.carelake.linkage.Level.ONE_COMPONENT;
import static org.carelake.linkage.Level.PHONETIC;
import static org.carelake.linkage.Level.SECTOR;
import static org.carelake.linkage.Level.SWAPPED;
import static org.carelake.linkage.Level.TRANSPOSED;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * An identifying field compared between two records, with its comparison levels.
 *
 * <p>{@link #levels()} lists the levels from weakest to strongest agreement: index 0 is always
 * {@link Level#MISSING}, index 1 always {@link Level#DIFFERENT} and the last always
 * {@link Level#EXACT}. The index is what comparison patterns and model parameters store, so the
 * lists must not be reordered once models have been trained with them.
 */
public enum Field {
  NHS_NUMBER(false, TRANSPOSED),
  GIVEN_NAME(true, INITIAL, PHONETIC, CLOSE, NICKNAME, SWAPPED),
  FAMILY_NAME(true, PHONETIC, CLOSE, SWAPPED),
  DATE_OF_BIRTH(false, ONE_COMPONENT, DEFAULT_DATE, DAY_MONTH_SWAPPED),
  SEX(false),
  POSTCODE(true, DISTRICT, SECTOR, CLOSE),
  ADDRESS(false, CLOSE);

  private final boolean termFrequencyAdjusted;
  private final List<Level> levels;
  private final int[] indexByLevel;
  private final String label = name().toLowerCase(Locale.ROOT);

  Field(boolean termFrequencyAdjusted, Level... partialLevels) {
    this.termFrequencyAdjusted = termFrequencyAdjusted;
    Level[] all = new Level[partialLevels.length + 3];
    all[0] = MISSING;
    all[1] = DIFFERENT;
    System.arraycopy(partialLevels, 0, all, 2, partialLevels.length);
    all[all.length - 1] = EXACT;
    this.levels = List.of(all);
    this.indexByLevel = new int[Level.values().length];
    Arrays.fill(indexByLevel, -1);
    for (int i = 0; i < all.length; i++) {
      indexByLevel[all[i].ordinal()] = i;
    }
  }

  /** This field's levels, weakest agreement first: MISSING, DIFFERENT, …, EXACT. */
  public List<Level> levels() {
    return levels;
  }

  /** Lower-case name used in model text and explanations: {@code nhs_number}. */
  public String label() {
    return label;
  }

  /**
   * True for fields whose values vary widely in frequency (SMITH against a rare surname), where an
   * exact agreement is weighted by how common the shared value is.
   */
  public boolean termFrequencyAdjusted() {
    return termFrequencyAdjusted;
  }

  /** The index of {@code level} in {@link #levels()}, or -1 when this field does not use it. */
  public int indexOf(Level level) {
    return indexByLevel[level.ordinal()];
  }

  /** The level at {@code index} of {@link #levels()}. */
  public Level level(int index) {
    if (index < 0 || index >= levels.size()) {
      throw new IllegalArgumentException(
          "level index " + index + " is out of range for " + label + ", which has " + levels.size() + " levels");
    }
    return levels.get(index);
  }

  /** The index of {@link Level#EXACT}: the last level. */
  public int exactIndex() {
    return levels.size() - 1;
  }

  /** Looks a field up by its {@link #label()}; throws naming the known labels when there is none. */
  public static Field fromLabel(String label) {
    for (Field field : values()) {
      if (field.label.equals(label)) {
        return field;
      }
    }
    throw new IllegalArgumentException("unknown field '" + label + "'; expected one of "
        + Arrays.stream(values()).map(Field::label).toList());
  }
}
