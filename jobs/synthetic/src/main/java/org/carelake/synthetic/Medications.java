package org.carelake.synthetic;

import java.time.LocalDate;
import java.util.List;
import java.util.SplittableRandom;

/**
 * GP prescriptions: which dm+d products a person with each long-term condition is issued, on a
 * repeat schedule that is a pure function of (seed, person, medicine), so the history an initial
 * extract holds and the issues later nights carry are one and the same schedule; plus acute
 * (one-off) issues.
 *
 * <p>A repeat medicine starts a few weeks after the condition's onset and is issued every 28 or
 * 56 days (inhalers every 42, 56 or 84) with a few days' jitter, until death or leaving the
 * region. A night therefore holds about a thirtieth to a fiftieth of each repeat medicine's
 * issues.
 */
final class Medications {
  /** A dm+d product (virtual medicinal product id), what one 28 days' issue holds, and its unit. */
  record Medicine(String dmd, String name, int quantityPer28Days, String unit, boolean inhaler) {}

  static final Medicine RAMIPRIL = new Medicine("318901006", "Ramipril 2.5mg capsules", 28, "capsule", false);
  static final Medicine AMLODIPINE = new Medicine("319283006", "Amlodipine 5mg tablets", 28, "tablet", false);
  static final Medicine BENDROFLUMETHIAZIDE = new Medicine("317919004", "Bendroflumethiazide 2.5mg tablets", 28, "tablet", false);
  static final Medicine SIMVASTATIN = new Medicine("320000009", "Simvastatin 40mg tablets", 28, "tablet", false);
  static final Medicine ATORVASTATIN = new Medicine("39733011000001106", "Atorvastatin 20mg tablets", 28, "tablet", false);
  static final Medicine METFORMIN = new Medicine("325278007", "Metformin 500mg tablets", 56, "tablet", false);
  static final Medicine SALBUTAMOL = new Medicine("39113611000001102", "Salbutamol 100micrograms/dose inhaler CFC free", 200, "dose", true);
  static final Medicine BECLOMETASONE = new Medicine("35908111000001105", "Beclometasone 100micrograms/dose inhaler CFC free", 200, "dose", true);
  static final Medicine APIXABAN = new Medicine("42206511000001102", "Apixaban 5mg tablets", 56, "tablet", false);
  static final Medicine FUROSEMIDE = new Medicine("317972000", "Furosemide 40mg tablets", 28, "tablet", false);
  static final Medicine FLUOXETINE = new Medicine("321949006", "Fluoxetine 20mg capsules", 28, "capsule", false);
  static final Medicine OLANZAPINE = new Medicine("42275511000001103", "Olanzapine 10mg tablets", 28, "tablet", false);
  static final Medicine AMOXICILLIN = new Medicine("323509004", "Amoxicillin 250mg capsules", 21, "capsule", false);
  static final Medicine PARACETAMOL = new Medicine("322236009", "Paracetamol 500mg tablets", 32, "tablet", false);

  /** Repeat medicines, in a fixed order (a person's set is a bit mask over it). */
  static final List<Medicine> REPEAT = List.of(RAMIPRIL, AMLODIPINE, BENDROFLUMETHIAZIDE, SIMVASTATIN, ATORVASTATIN, METFORMIN,
      SALBUTAMOL, BECLOMETASONE, APIXABAN, FUROSEMIDE, FLUOXETINE, OLANZAPINE);
  static final List<Medicine> ACUTE = List.of(AMOXICILLIN, AMOXICILLIN, AMOXICILLIN, PARACETAMOL);

  /** Acute issues per person-year before utilisation (calibrated model) and per night (original model). */
  static final double ACUTE_PER_YEAR = 1.6;

  private Medications() {}

  /** Share of people with the condition on each repeat medicine (same order as {@link #REPEAT}). */
  private static double[] onMedicine(Condition condition) {
    double[] share = new double[REPEAT.size()];
    switch (condition) {
      case HYPERTENSION -> {
        share[0] = 0.45;
        share[1] = 0.45;
        share[2] = 0.2;
        share[3] = 0.35;
      }
      case TYPE_2_DIABETES -> {
        share[5] = 0.85;
        share[4] = 0.7;
      }
      case ASTHMA -> {
        share[6] = 0.9;
        share[7] = 0.6;
      }
      case COPD -> {
        share[6] = 0.9;
        share[7] = 0.5;
      }
      case ATRIAL_FIBRILLATION -> share[8] = 0.75;
      case HEART_FAILURE -> {
        share[9] = 0.8;
        share[0] = 0.6;
      }
      case DEPRESSION -> share[10] = 0.35;
      case CHRONIC_KIDNEY_DISEASE -> {
        share[0] = 0.4;
        share[4] = 0.5;
      }
      case SEVERE_MENTAL_ILLNESS -> share[11] = 0.6;
      case DEMENTIA -> { } // no product in the catalogue yet
    }
    return share;
  }

  private static final double[][] SHARES = new double[Condition.values().length][];

  static {
    for (Condition condition : Condition.values()) {
      SHARES[condition.ordinal()] = onMedicine(condition);
    }
  }

  /**
   * The person's repeat medicines: bit i set when on {@link #REPEAT}.get(i); {@code starts[i]} the
   * first issue (a few weeks after the earliest onset of a condition that led to it).
   */
  static int repeats(long seed, Person p, LocalDate[] starts) {
    int mask = 0;
    for (Condition condition : Condition.values()) {
      if (!p.has(condition)) {
        continue;
      }
      double[] share = SHARES[condition.ordinal()];
      for (int m = 0; m < share.length; m++) {
        if (share[m] == 0) {
          continue;
        }
        long hash = Mix.mix(seed ^ 0x4D4544L, p.index, condition.ordinal() * 64L + m);
        if (Mix.unit(hash) >= share[m]) {
          continue;
        }
        LocalDate start = p.onset[condition.ordinal()].plusDays(7 + (hash & 0x1F));
        if ((mask & (1 << m)) == 0 || start.isBefore(starts[m])) {
          starts[m] = start;
        }
        mask |= 1 << m;
      }
    }
    return mask;
  }

  /** Days between issues of a person's repeat medicine: 28 or 56 (inhalers 42, 56 or 84). */
  static int interval(long seed, long person, int medicine) {
    long hash = Mix.mix(seed ^ 0x494E54L, person, medicine);
    int pick = (int) Math.floorMod(hash, 3L);
    return REPEAT.get(medicine).inhaler() ? 42 + 21 * pick : (pick == 0 ? 56 : 28);
  }

  /** Jitter (0-4 days) of the k-th issue. */
  private static int jitter(long seed, long person, int medicine, long k) {
    return (int) Math.floorMod(Mix.mix(seed ^ 0x4A4954L, person * 64 + medicine, k), 5L);
  }

  /** Calls {@code issue} for every issue day of the repeat medicine within [from, to), in date order. */
  static void issues(long seed, long person, int medicine, LocalDate start, LocalDate from, LocalDate to, IssueSink issue) {
    int every = interval(seed, person, medicine);
    long first = start.toEpochDay();
    long lo = Math.max(first, from.toEpochDay());
    long hi = to.toEpochDay();
    if (lo >= hi) {
      return;
    }
    long k = Math.max(0, (lo - first) / every - 1);
    for (;; k++) {
      long day = first + k * every + jitter(seed, person, medicine, k);
      if (day >= hi) {
        return;
      }
      if (day >= lo) {
        issue.accept(LocalDate.ofEpochDay(day), every);
      }
    }
  }

  /** Quantity of one issue covering {@code days}. */
  static String quantity(Medicine medicine, int days) {
    return Integer.toString(medicine.inhaler() ? medicine.quantityPer28Days() : medicine.quantityPer28Days() * days / 28);
  }

  /** The acute product of an issue. */
  static Medicine acute(SplittableRandom r) {
    return ACUTE.get(r.nextInt(ACUTE.size()));
  }

  /** Every dm+d id the generator writes (tests check each one's Verhoeff digit and partition). */
  static List<String> codesUsed() {
    java.util.List<String> codes = new java.util.ArrayList<>();
    REPEAT.forEach(m -> codes.add(m.dmd()));
    ACUTE.forEach(m -> codes.add(m.dmd()));
    return codes;
  }

  /** One issue date and the days it covers. */
  interface IssueSink {
    void accept(LocalDate day, int days);
  }
}
