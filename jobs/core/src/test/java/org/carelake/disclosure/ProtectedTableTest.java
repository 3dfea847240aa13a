package org.carelake.disclosure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Secondary suppression on crafted tables: no published total may give away a suppressed cell. */
class ProtectedTableTest {
  private final DisclosureRule rule = DisclosureRule.defaults();

  /** One borough's cells and their total; returns the published values, null for suppressed. */
  private List<Long> oneWay(long... counts) {
    ProtectedTable table = new ProtectedTable(rule);
    int[] cells = Arrays.stream(counts).mapToInt(table::cell).toArray();
    table.total(cells);
    return values(table.protect());
  }

  private static List<Long> values(List<PublishedCell> cells) {
    List<Long> values = new ArrayList<>();
    cells.forEach(c -> values.add(c.value()));
    return values;
  }

  @Test
  void aTotalIsTheSumOfTheRoundedCells() {
    // 12 -> 10, 13 -> 15, 28 -> 30: the total is 55, not the raw 53 rounded.
    assertThat(oneWay(12, 13, 28)).containsExactly(10L, 15L, 30L, 55L);
  }

  @Test
  void aBoroughTotalWithOneSuppressedCellHidesTheNextSmallestCellToo() {
    // Without the second suppression, 75 - 40 - 20 - 10 would tell the reader the hidden cell rounds to 5.
    assertThat(oneWay(40, 3, 20, 12)).containsExactly(40L, null, 20L, null, 75L);
  }

  @Test
  void twoSuppressedCellsAlreadyProtectEachOther() {
    assertThat(oneWay(40, 3, 6, 20)).containsExactly(40L, null, null, 20L, 70L);
  }

  @Test
  void zerosAreNeverSuppressedSoTheTotalIsHiddenInstead() {
    assertThat(oneWay(0, 5, 0)).containsExactly(0L, null, 0L, null);
    assertThat(oneWay(0, 9, 0)).containsExactly(0L, 10L, 0L, 10L);
  }

  @Test
  void aTotalThatRoundsBelowTheThresholdIsSuppressedNotShownAsZero() {
    // 2 + 2 + 2 + 2 = 8 people, but every cell rounds to 0: a published 0 would claim nobody.
    List<PublishedCell> cells = protect(2, 2, 2, 2);
    assertThat(cells.get(4).status()).isEqualTo(CellStatus.SUPPRESSED);
    assertThat(cells).allSatisfy(c -> assertThat(c.value()).isNull());
  }

  private List<PublishedCell> protect(long... counts) {
    ProtectedTable table = new ProtectedTable(rule);
    table.total(Arrays.stream(counts).mapToInt(table::cell).toArray());
    return table.protect();
  }

  @Test
  void theFirstOfEqualSmallestCellsIsChosen() {
    assertThat(oneWay(30, 12, 4, 13)).containsExactly(30L, null, null, 15L, 60L);
  }

  @Test
  void everyStatusIsMarked() {
    List<PublishedCell> cells = protect(0, 4, 50, 11);
    assertThat(cells).extracting(c -> c.status().label())
        .containsExactly("zero", "suppressed", "rounded", "suppressed", "rounded");
  }

  /**
   * A two-way table (three settings by two sexes) with row, column and grand totals. Suppressing a
   * cell for its row exposes it in its column; suppression spreads until every sum holds none or at
   * least two hidden cells.
   */
  @Test
  void aTwoWayTableIsProtectedAlongBothMargins() {
    long[][] counts = {{50, 3}, {40, 30}, {25, 60}};
    ProtectedTable table = new ProtectedTable(rule);
    int[][] cell = new int[3][2];
    for (int r = 0; r < 3; r++) {
      for (int c = 0; c < 2; c++) {
        cell[r][c] = table.cell(counts[r][c]);
      }
    }
    int[] rowTotal = new int[3];
    for (int r = 0; r < 3; r++) {
      rowTotal[r] = table.total(cell[r][0], cell[r][1]);
    }
    int[] columnTotal = new int[2];
    for (int c = 0; c < 2; c++) {
      columnTotal[c] = table.total(cell[0][c], cell[1][c], cell[2][c]);
    }
    int grand = table.total(rowTotal);
    table.alsoTotalOf(grand, columnTotal);
    List<PublishedCell> published = table.protect();

    assertSafe(table, published, cell, rowTotal, columnTotal, grand);
    // The 3 is hidden; its row partner 50 and, in turn, cells in the second column go with it.
    assertThat(published.get(cell[0][1]).suppressed()).isTrue();
    assertThat(published.get(cell[0][0]).suppressed()).isTrue();
    assertThat(published.get(grand).value()).isEqualTo(210L);
  }

  /**
   * The attacker's view, written independently of the component: no sum of the table may have
   * exactly one unknown.
   */
  private static void assertSafe(ProtectedTable table, List<PublishedCell> p, int[][] cell, int[] rows, int[] columns, int grand) {
    List<int[]> sums = new ArrayList<>();
    for (int r = 0; r < cell.length; r++) {
      sums.add(new int[] {rows[r], cell[r][0], cell[r][1]});
    }
    for (int c = 0; c < columns.length; c++) {
      sums.add(new int[] {columns[c], cell[0][c], cell[1][c], cell[2][c]});
    }
    sums.add(new int[] {grand, rows[0], rows[1], rows[2]});
    sums.add(new int[] {grand, columns[0], columns[1]});
    boolean[] known = new boolean[p.size()];
    for (int i = 0; i < p.size(); i++) {
      known[i] = !p.get(i).suppressed();
    }
    // Every unknown is a suppressed cell, so any sum with exactly one unknown gives one away.
    for (int[] sum : sums) {
      assertThat(Arrays.stream(sum).filter(i -> !known[i]).count()).as("unknowns in a published sum").isNotEqualTo(1);
    }
  }

  @Test
  void aHiddenSubtotalIsProtectedInTheTotalAboveIt() {
    // Two boroughs under a region total: borough A's total is hidden (its one cell is 5 beside
    // zeros), so the region total would reveal it unless borough B's total goes too.
    ProtectedTable table = new ProtectedTable(rule);
    int a1 = table.cell(5);
    int a2 = table.cell(0);
    int b1 = table.cell(40);
    int b2 = table.cell(35);
    int a = table.total(a1, a2);
    int b = table.total(b1, b2);
    int region = table.total(a, b);
    List<PublishedCell> p = table.protect();
    assertThat(p.get(a).suppressed()).isTrue();
    assertThat(p.get(b).suppressed()).as("borough B's total hides borough A's").isTrue();
    assertThat(p.get(region).value()).isEqualTo(80L);
    // Borough B's hidden total would be the sum of its shown cells, so its smaller cell goes too.
    assertThat(p.get(b1).value()).isEqualTo(40L);
    assertThat(p.get(b2).suppressed()).isTrue();
  }

  @Test
  void totalsOnlySumEarlierCells() {
    ProtectedTable table = new ProtectedTable(rule);
    table.cell(10);
    assertThatThrownBy(() -> table.total(0, 1)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> table.total()).isInstanceOf(IllegalArgumentException.class);
  }
}
