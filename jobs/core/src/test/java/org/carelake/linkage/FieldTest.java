package org.carelake.linkage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FieldTest {
  @Test
  void everyFieldStartsMissingThenDifferentAndEndsExact() {
    for (Field field : Field.values()) {
      assertThat(field.levels().get(0)).as(field.label()).isEqualTo(Level.MISSING);
      assertThat(field.levels().get(1)).as(field.label()).isEqualTo(Level.DIFFERENT);
      assertThat(field.levels().get(field.exactIndex())).as(field.label()).isEqualTo(Level.EXACT);
      assertThat(field.levels()).as(field.label()).doesNotHaveDuplicates();
      assertThat(field.levels().size()).as("levels must fit the 4 bits of a packed pattern").isLessThanOrEqualTo(16);
    }
  }

  @Test
  void levelListsArePinnedBecauseTrainedModelsIndexThem() {
    assertThat(Field.NHS_NUMBER.levels())
        .containsExactly(Level.MISSING, Level.DIFFERENT, Level.TRANSPOSED, Level.EXACT);
    assertThat(Field.GIVEN_NAME.levels()).containsExactly(Level.MISSING, Level.DIFFERENT, Level.INITIAL,
        Level.PHONETIC, Level.CLOSE, Level.NICKNAME, Level.SWAPPED, Level.EXACT);
    assertThat(Field.FAMILY_NAME.levels()).containsExactly(Level.MISSING, Level.DIFFERENT, Level.PHONETIC,
        Level.CLOSE, Level.SWAPPED, Level.EXACT);
    assertThat(Field.DATE_OF_BIRTH.levels()).containsExactly(Level.MISSING, Level.DIFFERENT, Level.ONE_COMPONENT,
        Level.DEFAULT_DATE, Level.DAY_MONTH_SWAPPED, Level.EXACT);
    assertThat(Field.SEX.levels()).containsExactly(Level.MISSING, Level.DIFFERENT, Level.EXACT);
    assertThat(Field.POSTCODE.levels()).containsExactly(Level.MISSING, Level.DIFFERENT, Level.DISTRICT,
        Level.SECTOR, Level.CLOSE, Level.EXACT);
    assertThat(Field.ADDRESS.levels()).containsExactly(Level.MISSING, Level.DIFFERENT, Level.CLOSE, Level.EXACT);
  }

  @Test
  void labelsAndTermFrequencyAdjustment() {
    assertThat(Arrays.stream(Field.values()).map(Field::label)).containsExactly(
        "nhs_number", "given_name", "family_name", "date_of_birth", "sex", "postcode", "address");
    assertThat(Arrays.stream(Field.values()).filter(Field::termFrequencyAdjusted))
        .containsExactly(Field.GIVEN_NAME, Field.FAMILY_NAME, Field.POSTCODE);
    assertThat(Level.DAY_MONTH_SWAPPED.label()).isEqualTo("day_month_swapped");
  }

  @Test
  void indexOfAndLevelAreInverse() {
    for (Field field : Field.values()) {
      for (int index = 0; index < field.levels().size(); index++) {
        assertThat(field.indexOf(field.level(index))).isEqualTo(index);
      }
    }
    assertThat(Field.SEX.indexOf(Level.CLOSE)).isEqualTo(-1);
    assertThatThrownBy(() -> Field.SEX.level(3)).hasMessageContaining("sex, which has 3 levels");
    assertThat(Field.fromLabel("date_of_birth")).isEqualTo(Field.DATE_OF_BIRTH);
    assertThatThrownBy(() -> Field.fromLabel("surname")).hasMessageContaining("family_name");
  }
}
