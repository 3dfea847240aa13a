package org.carelake.linkage;

/** Reads a model's m or u back into arrays, for tests that build variations of a model. */
final class FellegiSunterModelTestSupport {
  private FellegiSunterModelTestSupport() {}

  static double[][] rows(FellegiSunterModel model, boolean m) {
    double[][] rows = new double[Field.values().length][];
    for (Field field : Field.values()) {
      double[] row = new double[field.levels().size()];
      for (int level = 0; level < row.length; level++) {
        row[level] = m ? model.m(field, level) : model.u(field, level);
      }
      rows[field.ordinal()] = row;
    }
    return rows;
  }
}
