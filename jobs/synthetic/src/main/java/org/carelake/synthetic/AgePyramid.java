package org.carelake.synthetic;

import java.util.SplittableRandom;

/** Share of the population by single year of age (five-year bands, roughly Greater Manchester's). */
final class AgePyramid {
  static final int MAX_AGE = 100;
  private static final double[] BANDS = {
    6.0, 6.2, 6.1, 5.8, 6.8, 7.6, 7.3, 6.8, 6.3, 6.0, 6.3, 6.4, 5.8, 4.9, 4.6, 4.1, 2.9, 2.0, 1.1, 0.5
  };
  private static final double[] CUMULATIVE = cumulative();

  private AgePyramid() {}

  static double share(int age) {
    return BANDS[age / 5] / 5.0 / total();
  }

  static int draw(SplittableRandom random) {
    double u = random.nextDouble();
    int age = 0;
    while (age < MAX_AGE - 1 && CUMULATIVE[age] < u) {
      age++;
    }
    return age;
  }

  private static double total() {
    double sum = 0;
    for (double band : BANDS) {
      sum += band;
    }
    return sum;
  }

  private static double[] cumulative() {
    double[] out = new double[MAX_AGE];
    double running = 0;
    for (int age = 0; age < MAX_AGE; age++) {
      running += share(age);
      out[age] = running;
    }
    return out;
  }
}
