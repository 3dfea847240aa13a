package org.carelake.disclosure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.carelake.transform.SqlScript;
import org.junit.jupiter.api.Test;

class DisclosureSpecTest {
  private static DisclosureSpec spec(String header) {
    return DisclosureSpec.of(SqlScript.parse(header + "\nSELECT 1", "crafted.sql"));
  }

  @Test
  void anAggregateDeclaresCountsRatesAndTotals() {
    DisclosureSpec spec = spec("""
        -- table: gold.crafted
        -- disclosure: aggregate
        -- counts: activity_count, registered_population
        -- rates: rate_per_1000 = activity_count / registered_population * 1000
        -- totals: age_band, sex""");
    assertThat(spec.kind()).isEqualTo(DisclosureSpec.Kind.AGGREGATE);
    assertThat(spec.counts()).containsExactly("activity_count", "registered_population");
    assertThat(spec.rates()).containsExactly(new DisclosureSpec.Rate("rate_per_1000", "activity_count", "registered_population", 1000));
    assertThat(spec.totals()).containsExactly("age_band", "sex");
    assertThat(spec.rule()).isEqualTo(DisclosureRule.defaults());
  }

  @Test
  void everyPublishedTableMustSayWhichKindItIs() {
    assertThatThrownBy(() -> spec("-- table: gold.crafted")).hasMessageContaining("disclosure");
    assertThatThrownBy(() -> spec("-- disclosure: sometimes")).hasMessageContaining("aggregate or record-level");
    assertThatThrownBy(() -> spec("-- disclosure: aggregate")).hasMessageContaining("counts");
    assertThat(spec("-- disclosure: record-level (one row per person, project pseudonyms)").kind())
        .isEqualTo(DisclosureSpec.Kind.RECORD_LEVEL);
    assertThatThrownBy(() -> spec("-- disclosure: record-level\n-- counts: n")).hasMessageContaining("record-level");
  }

  @Test
  void aRateDividesDeclaredCounts() {
    assertThatThrownBy(() -> spec("-- disclosure: aggregate\n-- counts: n\n-- rates: r = n / d * 100")).hasMessageContaining("two declared counts");
    assertThatThrownBy(() -> spec("-- disclosure: aggregate\n-- counts: n, d\n-- rates: r = n / d")).hasMessageContaining("numerator / denominator");
  }

  @Test
  void stricterThresholdsAreTakenAsDeclared() {
    DisclosureSpec spec = spec("-- disclosure: aggregate\n-- counts: n\n-- thresholds: suppress-below 11, round-to 10");
    assertThat(spec.rule().suppressBelow()).isEqualTo(11);
    assertThat(spec.rule().roundTo()).isEqualTo(10);
    assertThat(spec.rule().override()).isEmpty();
  }

  @Test
  void weakerThresholdsNeedAnOverrideLine() {
    assertThatThrownBy(() -> spec("-- disclosure: aggregate\n-- counts: n\n-- thresholds: suppress-below 3, round-to 1"))
        .hasMessageContaining("override");
    DisclosureSpec spec = spec("""
        -- disclosure: aggregate
        -- counts: n
        -- thresholds: suppress-below 3, round-to 1
        -- threshold-override: agreed with the IG lead for a national return""");
    assertThat(spec.rule().weakerThanDefaults()).isTrue();
    assertThat(spec.rule().override()).contains("agreed with the IG lead for a national return");
  }

  /** Fast feedback before any Spark runs: every gold file of the project declares its disclosure control. */
  @Test
  void everyProjectGoldFileDeclaresItsDisclosure() throws java.io.IOException {
    try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(java.nio.file.Path.of("../../sql/gold"))) {
      List<java.nio.file.Path> scripts = files.filter(f -> f.toString().endsWith(".sql")).toList();
      assertThat(scripts).isNotEmpty();
      for (java.nio.file.Path file : scripts) {
        DisclosureSpec spec = DisclosureSpec.of(SqlScript.load(file));
        assertThat(spec.rule().weakerThanDefaults()).as(file + " publishes below the default thresholds").isFalse();
      }
    }
  }

  @Test
  void aColumnIsNamedOnce() {
    assertThatThrownBy(() -> spec("-- disclosure: aggregate\n-- counts: n, n")).hasMessageContaining("twice");
    assertThat(DisclosureSpec.statusColumn("n")).isEqualTo("n_status");
    assertThat(List.of(DisclosureSpec.TOTAL_MARKER)).containsExactly("all");
  }
}
