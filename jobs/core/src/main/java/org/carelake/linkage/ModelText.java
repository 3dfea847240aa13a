package org.carelake.linkage;

/**
 * Reads the line format {@link FellegiSunterModel#toText()} writes. Every parameter must appear
 * exactly once; errors name the line so a hand-edited model is easy to fix.
 */
final class ModelText {
  private static final Field[] FIELDS = Field.values();

  private final double[][] m = new double[FIELDS.length][];
  private final double[][] u = new double[FIELDS.length][];
  private double lambda = Double.NaN;

  private ModelText() {
    for (Field field : FIELDS) {
      m[field.ordinal()] = unset(field);
      u[field.ordinal()] = unset(field);
    }
  }

  static FellegiSunterModel parse(String text) {
    ModelText model = new ModelText();
    String[] lines = text.split("\r?\n");
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (!line.isEmpty() && !line.startsWith("#")) {
        model.read(i + 1, line);
      }
    }
    return model.build();
  }

  private void read(int number, String line) {
    String[] tokens = line.split("\\s+");
    if (tokens[0].equals("lambda") && tokens.length == 2) {
      if (!Double.isNaN(lambda)) {
        throw error(number, "lambda is given twice");
      }
      lambda = number(number, tokens[1]);
    } else if ((tokens[0].equals("m") || tokens[0].equals("u")) && tokens.length == 4) {
      Field field = field(number, tokens[1]);
      int level = level(number, field, tokens[2]);
      double[] row = (tokens[0].equals("m") ? m : u)[field.ordinal()];
      if (!Double.isNaN(row[level])) {
        throw error(number, tokens[0] + " " + tokens[1] + " " + tokens[2] + " is given twice");
      }
      row[level] = number(number, tokens[3]);
    } else {
      throw error(number, "expected 'lambda <p>' or 'm|u <field> <level> <p>'");
    }
  }

  private FellegiSunterModel build() {
    if (Double.isNaN(lambda)) {
      throw new IllegalArgumentException("model text has no lambda line");
    }
    for (Field field : FIELDS) {
      for (int level = 1; level < field.levels().size(); level++) {
        String name = field.label() + " " + field.level(level).label();
        if (Double.isNaN(m[field.ordinal()][level])) {
          throw new IllegalArgumentException("model text has no line 'm " + name + " <p>'");
        }
        if (Double.isNaN(u[field.ordinal()][level])) {
          throw new IllegalArgumentException("model text has no line 'u " + name + " <p>'");
        }
      }
    }
    return new FellegiSunterModel(lambda, m, u);
  }

  private static Field field(int number, String label) {
    try {
      return Field.fromLabel(label);
    } catch (IllegalArgumentException e) {
      throw error(number, e.getMessage());
    }
  }

  private static int level(int number, Field field, String label) {
    for (int level = 1; level < field.levels().size(); level++) {
      if (field.level(level).label().equals(label)) {
        return level;
      }
    }
    throw error(number, "'" + label + "' is not a non-missing level of " + field.label() + "; expected one of "
        + field.levels().subList(1, field.levels().size()).stream().map(Level::label).toList());
  }

  private static double number(int number, String token) {
    double value;
    try {
      value = Double.parseDouble(token);
    } catch (NumberFormatException e) {
      throw error(number, "'" + token + "' is not a number");
    }
    if (Double.isNaN(value)) {
      throw error(number, "'" + token + "' is not a number");
    }
    return value;
  }

  private static double[] unset(Field field) {
    double[] row = new double[field.levels().size()];
    java.util.Arrays.fill(row, Double.NaN);
    row[0] = 1.0;
    return row;
  }

  private static IllegalArgumentException error(int number, String problem) {
    return new IllegalArgumentException("model text line " + number + ": " + problem);
  }
}
