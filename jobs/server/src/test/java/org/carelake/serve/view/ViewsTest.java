package org.carelake.serve.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.carelake.serve.lake.TableSnapshot;
import org.junit.jupiter.api.Test;

/** Pages built from tables given in memory: what a lake without a table shows. */
class ViewsTest {
  @Test
  void aLakeBuiltBeforeThePrevalenceByLsoaSaysSoInsteadOfFailing() {
    Views views = new Views(table -> Optional.of(TableSnapshot.absent(table)));
    Filters manchester = Filters.parse(Map.of("borough", List.of("E08000003"), "condition", List.of("asthma")));

    Grid grid = views.build(Page.PREVALENCE_LSOA, manchester);

    assertThat(grid.summary()).contains("This lake has no gold.ltc_prevalence_lsoa yet");
    assertThat(grid.rows()).isEmpty();
    assertThat(grid.chart().kind()).isEqualTo("none");
    assertThat(views.build(Page.FRESHNESS, Filters.none()).rows())
        .anySatisfy(row -> assertThat(row).containsExactly("gold.ltc_prevalence_lsoa", "not published", "", "0"));
  }

  @Test
  void aLakeBuiltBeforeActivityByDeprivationSaysSoInsteadOfFailing() {
    Views views = new Views(table -> Optional.of(TableSnapshot.absent(table)));

    Grid grid = views.build(Page.DEPRIVATION, Filters.parse(Map.of("setting", List.of("outpatient"))));

    assertThat(grid.summary()).contains("This lake has no gold.monthly_activity_deprivation yet");
    assertThat(grid.rows()).isEmpty();
    assertThat(grid.chart().kind()).isEqualTo("none");
    assertThat(views.build(Page.FRESHNESS, Filters.none()).rows())
        .anySatisfy(row -> assertThat(row).containsExactly("gold.monthly_activity_deprivation", "not published", "", "0"));
  }
}
