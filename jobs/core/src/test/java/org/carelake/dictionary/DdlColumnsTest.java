package org.carelake.dictionary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.carelake.error.CareLakeException;
import org.junit.jupiter.api.Test;

/** Reading column definitions out of CREATE TABLE statements. */
class DdlColumnsTest {
  @Test
  void readsTypeNotNullCommentAndGeneratedExpression() {
    List<DdlColumns.Declared> columns = DdlColumns.of("""
        CREATE TABLE IF NOT EXISTS ${table} (
          event_key  STRING NOT NULL COMMENT 'key of the event, never empty',
          value      DECIMAL(10, 2) COMMENT 'the person''s result, as \\'recorded\\'',
          tags       ARRAY<STRING>,
          month DATE GENERATED ALWAYS AS (trunc(event_date, 'MM')) COMMENT 'first day of the month, for partitions'
        ) USING DELTA
        PARTITIONED BY (month)""", "test.sql");

    assertThat(columns).extracting(DdlColumns.Declared::name).containsExactly("event_key", "value", "tags", "month");
    assertThat(columns.get(0)).isEqualTo(new DdlColumns.Declared("event_key", "STRING", true, "key of the event, never empty", ""));
    assertThat(columns.get(1)).isEqualTo(new DdlColumns.Declared("value", "DECIMAL(10, 2)", false, "the person's result, as 'recorded'", ""));
    assertThat(columns.get(2)).isEqualTo(new DdlColumns.Declared("tags", "ARRAY<STRING>", false, "", ""));
    assertThat(columns.get(3).generated()).isEqualTo("trunc(event_date, 'MM')");
    assertThat(columns.get(3).comment()).isEqualTo("first day of the month, for partitions");
  }

  @Test
  void notNullInsideACommentDoesNotMakeAColumnRequired() {
    List<DdlColumns.Declared> columns = DdlColumns.of("CREATE TABLE t (note STRING COMMENT 'NOT NULL in the source only')", "t.sql");

    assertThat(columns.get(0).notNull()).isFalse();
    assertThat(columns.get(0).type()).isEqualTo("STRING");
  }

  @Test
  void ignoresLineCommentsInsideTheColumnList() {
    List<DdlColumns.Declared> columns = DdlColumns.of("""
        CREATE TABLE t (
          -- the key, (with a comma) and a quote's apostrophe
          a INT,
          b STRING -- trailing remark, not a COMMENT
        )""", "t.sql");

    assertThat(columns).extracting(DdlColumns.Declared::name).containsExactly("a", "b");
    assertThat(columns.get(1).comment()).isEmpty();
  }

  @Test
  void refusesAStatementThatIsNotCreateTable() {
    assertThatThrownBy(() -> DdlColumns.of("SELECT 1 AS (x)", "odd.sql"))
        .isInstanceOf(CareLakeException.class)
        .hasMessageContaining("odd.sql");
  }
}
