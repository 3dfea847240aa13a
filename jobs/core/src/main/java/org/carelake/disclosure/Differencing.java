package org.carelake.disclosure;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Reads a table of counts as an attacker would, knowing which cells are published and which sums
 * hold between them: any sum whose total and all but one member are known gives that member (the
 * total minus the others), and any sum whose members are all known gives its total. Steps are
 * followed through subtotals until nothing new can be worked out.
 *
 * <p>{@link ProtectedTable} uses it to decide secondary suppression before publishing; the output
 * check ({@code org.carelake.release}) uses it on a file already published, to find suppressed
 * cells that its totals give away.
 */
public final class Differencing {
  private Differencing() {}

  /** A total and the cells (or lower totals) it is the sum of, as indexes into the table's cells. */
  public record Sum(int total, int[] members) {
    public Sum {
      requireNonNull(members, "members is null");
      if (members.length == 0) {
        throw new IllegalArgumentException("a sum needs at least one member");
      }
      members = members.clone();
    }

    @Override
    public int[] members() {
      return members.clone();
    }
  }

  /**
   * The first sum (in the given order, after propagating what earlier sums give away) that lets a
   * reader work out a suppressed cell, or null when none does.
   *
   * @param suppressed per cell, whether it is hidden
   */
  public static Sum firstLeak(boolean[] suppressed, List<Sum> sums) {
    return read(suppressed, sums, null);
  }

  /** Every suppressed cell a reader can work out from the shown cells and the sums, by index. */
  public static SortedSet<Integer> recoverable(boolean[] suppressed, List<Sum> sums) {
    SortedSet<Integer> found = new TreeSet<>();
    read(suppressed, sums, found);
    return found;
  }

  /**
   * Propagates knowledge through the sums. Without {@code collect}, stops at the first sum that
   * derives a suppressed cell and returns it; with it, records every derived suppressed cell, treats
   * it as known from then on, and returns null.
   */
  private static Sum read(boolean[] suppressed, List<Sum> sums, SortedSet<Integer> collect) {
    requireNonNull(suppressed, "suppressed is null");
    List<Sum> checked = new ArrayList<>(sums.size());
    for (Sum sum : sums) {
      check(sum.total(), suppressed.length);
      for (int member : sum.members) {
        check(member, suppressed.length);
      }
      checked.add(sum);
    }
    boolean[] known = new boolean[suppressed.length];
    for (int i = 0; i < suppressed.length; i++) {
      known[i] = !suppressed[i];
    }
    boolean changed = true;
    while (changed) {
      changed = false;
      for (Sum sum : checked) {
        int unknown = -1;
        int unknownCount = 0;
        for (int member : sum.members) {
          if (!known[member]) {
            unknown = member;
            unknownCount++;
          }
        }
        int derived = known[sum.total()] ? (unknownCount == 1 ? unknown : -1) : (unknownCount == 0 ? sum.total() : -1);
        if (derived >= 0) {
          if (suppressed[derived]) {
            if (collect == null) {
              return sum;
            }
            collect.add(derived);
          }
          known[derived] = true;
          changed = true;
        }
      }
    }
    return null;
  }

  private static void check(int index, int cells) {
    if (index < 0 || index >= cells) {
      throw new IllegalArgumentException("a sum refers to cell " + index + " of " + cells);
    }
  }
}
