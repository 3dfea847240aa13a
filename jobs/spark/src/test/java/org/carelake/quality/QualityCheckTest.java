package org.carelake.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.carelake.transform.SqlScript;
import org.junit.jupiter.api.Test;

/** The header of a check file, read as data, and what a check may declare. */
class QualityCheckTest {
  static final String HEADER = """
      -- check: quarantine_rate
      -- category: conformance
      -- purpose: Quarantine rate by rule.
      -- reads: quarantine, ledger
      -- measure: quarantine_share, quarantine_rate.<rule>
      -- parameters: lower = 0.99, upper = 0.999
      SELECT 1
      """;

  @Test
  void theHeaderSaysCategoryViewsMeasuresAndParameters() {
    QualityCheck check = QualityCheck.of(SqlScript.parse(HEADER, "quarantine_rate.sql"), "quarantine_rate");
    assertThat(check.category()).isEqualTo(Category.CONFORMANCE);
    assertThat(check.reads()).containsExactly("quarantine", "ledger");
    assertThat(check.parameters()).isEqualTo(Map.of("lower", 0.99, "upper", 0.999));
    assertThat(check.declares("quarantine_share")).isTrue();
    assertThat(check.declares("quarantine_rate.admission_date.not-in-future")).isTrue();
    assertThat(check.declares("quarantine_rate.")).isFalse();
    assertThat(check.declares("quarantine_share.other")).isFalse();
    assertThat(check.declares("loaded_share")).isFalse();
  }

  @Test
  void aWrongHeaderSaysWhatToFix() {
    assertThatThrownBy(() -> QualityCheck.of(SqlScript.parse(HEADER, "x.sql"), "other"))
        .hasMessageContaining("declares check quarantine_rate but its file name says other");
    assertThatThrownBy(() -> QualityCheck.of(SqlScript.parse(HEADER.replace("conformance", "timeliness"), "x.sql"),
        "quarantine_rate")).hasMessageContaining("use conformance, completeness or plausibility");
    assertThatThrownBy(() -> QualityCheck.of(SqlScript.parse(HEADER.replace("quarantine, ledger", "raw_acute_apc"), "x.sql"),
        "quarantine_rate")).hasMessageContaining("-- reads:");
    assertThatThrownBy(() -> QualityCheck.of(SqlScript.parse(HEADER.replace("0.999", "high"), "x.sql"), "quarantine_rate"))
        .hasMessageContaining("parameter upper must be a number");
    assertThatThrownBy(() -> QualityCheck.of(SqlScript.parse(HEADER.replace("quarantine_share,", "Quarantine Share,"), "x.sql"),
        "quarantine_rate")).hasMessageContaining("lower_snake_case");
  }

  /** Every check of the project loads, and between them they declare each measure a gate reads. */
  @Test
  void theProjectChecksLoadAndFeedEveryGate() {
    List<QualityCheck> checks = QualityCheck.loadAll(Path.of("../../sql"));
    assertThat(checks).isNotEmpty();
    for (String measure : Gates.MEASURES.values()) {
      assertThat(checks.stream().filter(c -> c.declares(measure))).as(measure).hasSize(1);
    }
    assertThat(checks).extracting(QualityCheck::category).contains(Category.values());
  }
}
