package org.carelake.disclosure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.carelake.disclosure.Differencing.Sum;
import org.junit.jupiter.api.Test;

/** Reading a published table as an attacker would: which suppressed cells its totals give away. */
class DifferencingTest {
  @Test
  void aTotalWithOneHiddenPartGivesThatPartAway() {
    // cells 0..2, total 3; only cell 1 hidden.
    List<Sum> sums = List.of(new Sum(3, new int[] {0, 1, 2}));
    assertThat(Differencing.recoverable(new boolean[] {false, true, false, false}, sums)).containsExactly(1);
    assertThat(Differencing.firstLeak(new boolean[] {false, true, false, false}, sums)).isNotNull();
  }

  @Test
  void twoHiddenPartsProtectEachOther() {
    List<Sum> sums = List.of(new Sum(3, new int[] {0, 1, 2}));
    assertThat(Differencing.recoverable(new boolean[] {false, true, true, false}, sums)).isEmpty();
    assertThat(Differencing.firstLeak(new boolean[] {false, true, true, false}, sums)).isNull();
  }

  @Test
  void aHiddenTotalOfShownPartsIsGivenAway() {
    List<Sum> sums = List.of(new Sum(2, new int[] {0, 1}));
    assertThat(Differencing.recoverable(new boolean[] {false, false, true}, sums)).containsExactly(2);
  }

  @Test
  void stepsAreFollowedThroughSubtotals() {
    // Row subtotals 2 = 0 + 1 and 5 = 3 + 4, grand total 6 = 2 + 5. Cells 0 and 1 hidden, as is
    // subtotal 2: the grand total minus subtotal 5 gives 2 back, but its two hidden parts still protect each other.
    List<Sum> sums = List.of(new Sum(2, new int[] {0, 1}), new Sum(5, new int[] {3, 4}), new Sum(6, new int[] {2, 5}));
    assertThat(Differencing.recoverable(new boolean[] {true, true, true, false, false, false, false}, sums)).containsExactly(2);
    // Also hide cell 3 only: subtotal 5 is shown, so 5 - 4 gives 3 back.
    assertThat(Differencing.recoverable(new boolean[] {false, false, false, true, false, false, false}, sums)).containsExactly(3);
  }
}
