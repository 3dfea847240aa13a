package org.carelake.disclosure;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import org.carelake.disclosure.Differencing.Sum;

/**
 * One count column of an output, with the totals it publishes, protected as a whole. Cells are
 * added first, then totals over them (a total may itself be a cell of a higher total, and one total
 * may equal several sums, as the grand total of a two-way table equals both its row and its column
 * totals). {@link #protect()} then applies:
 *
 * <ol>
 *   <li>the rule to every cell ({@link DisclosureRule#count});
 *   <li>totals from the rounded cells ({@link DisclosureRule#total});
 *   <li>secondary suppression: wherever the published cells and totals would let a reader work out
 *       a suppressed cell (a total minus all its other cells, or a hidden total as the sum of its
 *       shown cells, following such steps through subtotals), the smallest other non-zero cell of
 *       that sum is suppressed too (the first of equals, in the order cells were added); when the
 *       sum has no such cell, its total is suppressed instead. Repeated until nothing suppressed
 *       can be worked out, since one suppression can expose a cell in another sum.
 * </ol>
 *
 * Zeros are never suppressed: a published 0 is a true zero and hides nothing.
 */
public final class ProtectedTable {
  private final DisclosureRule rule;
  private final List<Long> raw = new ArrayList<>();
  private final List<Boolean> isTotal = new ArrayList<>();
  private final List<Sum> sums = new ArrayList<>();

  public ProtectedTable(DisclosureRule rule) {
    this.rule = requireNonNull(rule, "rule is null");
  }

  /** Adds a cell with its raw count; returns its index. */
  public int cell(long count) {
    if (count < 0) {
      throw new IllegalArgumentException("a count cannot be negative");
    }
    raw.add(count);
    isTotal.add(false);
    return raw.size() - 1;
  }

  /** Adds a total of earlier cells or totals; returns its index. */
  public int total(int... members) {
    checkMembers(raw.size(), members);
    long sum = 0;
    for (int member : members) {
      sum += raw.get(member);
    }
    raw.add(sum);
    isTotal.add(true);
    int index = raw.size() - 1;
    sums.add(new Sum(index, members.clone()));
    return index;
  }

  /** Declares that an existing total also equals the sum of these earlier cells or totals. */
  public void alsoTotalOf(int total, int... members) {
    checkMembers(total, members);
    if (!isTotal.get(total)) {
      throw new IllegalArgumentException("cell " + total + " is not a total");
    }
    long sum = 0;
    for (int member : members) {
      sum += raw.get(member);
    }
    if (sum != raw.get(total)) {
      throw new IllegalArgumentException("cells do not add up to total " + total);
    }
    sums.add(new Sum(total, members.clone()));
  }

  private static void checkMembers(int before, int[] members) {
    if (members.length == 0) {
      throw new IllegalArgumentException("a total needs at least one cell");
    }
    for (int member : members) {
      if (member < 0 || member >= before) {
        throw new IllegalArgumentException("a total may only sum cells added before it");
      }
    }
  }

  /** Every cell and total as published, in the order they were added. */
  public List<PublishedCell> protect() {
    int n = raw.size();
    PublishedCell[] cells = new PublishedCell[n];
    long[] rounded = new long[n];
    for (int i = 0; i < n; i++) {
      if (!isTotal.get(i)) {
        cells[i] = rule.count(raw.get(i));
        rounded[i] = rule.round(raw.get(i));
      }
    }
    // Totals come after their members and the first sum declared for a total is the one total() made.
    for (Sum sum : sums) {
      if (cells[sum.total()] == null) {
        long sumOfRounded = 0;
        for (int member : sum.members()) {
          sumOfRounded += rounded[member];
        }
        rounded[sum.total()] = sumOfRounded;
        cells[sum.total()] = rule.total(raw.get(sum.total()), sumOfRounded);
      }
    }
    Sum leak;
    while ((leak = firstLeak(cells)) != null) {
      int hide = smallestShown(cells, leak.members());
      if (hide < 0 && !cells[leak.total()].suppressed()) {
        hide = leak.total();
      }
      if (hide < 0) {
        hide = smallestShown(cells, java.util.stream.IntStream.range(0, n).toArray());
      }
      if (hide < 0) {
        break;
      }
      cells[hide] = cells[hide].suppress();
    }
    return List.of(cells);
  }

  /** The first sum that gives away a suppressed cell, or null ({@link Differencing#firstLeak}). */
  private Sum firstLeak(PublishedCell[] cells) {
    boolean[] suppressed = new boolean[cells.length];
    for (int i = 0; i < cells.length; i++) {
      suppressed[i] = cells[i].suppressed();
    }
    return Differencing.firstLeak(suppressed, sums);
  }

  /** The published, non-zero cell with the smallest value among these (the first of equals), or -1. */
  private static int smallestShown(PublishedCell[] cells, int[] among) {
    int smallest = -1;
    for (int i : among) {
      if (cells[i].status() == CellStatus.ROUNDED && (smallest < 0 || smaller(cells, i, smallest))) {
        smallest = i;
      }
    }
    return smallest;
  }

  private static boolean smaller(PublishedCell[] cells, int a, int b) {
    return cells[a].value() < cells[b].value();
  }
}
