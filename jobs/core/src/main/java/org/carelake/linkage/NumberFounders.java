package org.carelake.linkage;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Who founds a person on an NHS number that no linked record holds yet, among the night's records
 * carrying it, and what becomes of the others.
 *
 * <p>The founder is the record with demographics that most of the number's records
 * {@linkplain #agrees agree} with; then the one sharing its date of birth with the most records,
 * the earliest date of birth, the first given. Records agreeing with the founder join it; the
 * others carry a number keyed against the wrong person and are scored with the number set aside.
 *
 * <p>When a record with demographics disagrees with the founder and is as well supported (the
 * holder's one record and one record of someone else carrying the number, say), the data cannot
 * say whose number it is. Nobody founds on it: every record of the number with demographics is
 * scored with the number set aside, so the borrower can still join its own person and the holder
 * founds its own; records without demographics wait (they can join through their local id).
 * Electing one of the two (the earliest date of birth, as before) gave the number to the borrower
 * half the time and split the borrower from its own person for good.
 */
public final class NumberFounders {
  /** What becomes of one record of the number. */
  public enum Role {
    /** Founds the number's person. */
    FOUNDER,
    /** Joins the founder: its demographics agree. */
    JOINS,
    /** Disagrees with the founder, or the number is disputed: scored with the number set aside. */
    SET_ASIDE,
    /** No demographics and a disputed number: waits for its local id or a later night. */
    WAITS
  }

  private NumberFounders() {}

  /**
   * The role of each of {@code records} (the night's records carrying one new usable number, in a
   * stable order such as by identity id), in the same order.
   */
  public static List<Role> decide(List<IdentityRecord> records) {
    requireNonNull(records, "records is null");
    int n = records.size();
    List<Role> roles = new ArrayList<>(n);
    if (n == 0) {
      return roles;
    }
    int[] support = new int[n];
    int[] sameBirth = new int[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        IdentityRecord a = records.get(i);
        IdentityRecord b = records.get(j);
        support[i] += i == j || agrees(a, b) ? 1 : 0;
        sameBirth[i] += a.dateOfBirth() != null && a.dateOfBirth().equals(b.dateOfBirth()) ? 1 : 0;
      }
    }
    Comparator<Integer> preference = Comparator.<Integer, Boolean>comparing(i -> !hasDemographics(records.get(i)))
        .thenComparing(i -> -support[i])
        .thenComparing(i -> -sameBirth[i])
        .thenComparing(i -> records.get(i).dateOfBirth(), Comparator.nullsLast(Comparator.naturalOrder()))
        .thenComparing(i -> i);
    int founder = 0;
    for (int i = 1; i < n; i++) {
      if (preference.compare(i, founder) < 0) {
        founder = i;
      }
    }
    IdentityRecord elected = records.get(founder);
    boolean disputed = false;
    for (int i = 0; i < n; i++) {
      if (i != founder && hasDemographics(records.get(i)) && hasDemographics(elected) && support[i] == support[founder]
          && !agrees(records.get(i), elected)) {
        disputed = true;
        break;
      }
    }
    for (int i = 0; i < n; i++) {
      IdentityRecord record = records.get(i);
      if (disputed) {
        roles.add(hasDemographics(record) ? Role.SET_ASIDE : Role.WAITS);
      } else if (i == founder) {
        roles.add(Role.FOUNDER);
      } else {
        roles.add(agrees(record, elected) ? Role.JOINS : Role.SET_ASIDE);
      }
    }
    return roles;
  }

  /**
   * True unless the two records' demographics contradict each other. A different given name (not a
   * typo, nickname, phonetic variant or initial) contradicts — twins share everything else. A
   * different date of birth contradicts unless both names are present and agree (a mistyped date
   * under the same name and number). A surname may differ (marriage); missing fields never
   * contradict.
   */
  public static boolean agrees(IdentityRecord a, IdentityRecord b) {
    if (different(Field.GIVEN_NAME, a, b)) {
      return false;
    }
    if (!different(Field.DATE_OF_BIRTH, a, b)) {
      return true;
    }
    boolean namesPresent = a.givenName() != null && b.givenName() != null && a.familyName() != null && b.familyName() != null;
    return namesPresent && !different(Field.FAMILY_NAME, a, b);
  }

  /** A date of birth or a name: something to compare beyond the number. */
  public static boolean hasDemographics(IdentityRecord record) {
    return record.dateOfBirth() != null || record.givenName() != null || record.familyName() != null;
  }

  private static boolean different(Field field, IdentityRecord a, IdentityRecord b) {
    return field.levels().get(Comparisons.level(field, a, b)) == Level.DIFFERENT;
  }
}
