package org.carelake.linkage;

import static java.util.Objects.requireNonNull;

import java.util.Map;

/**
 * Estimates a {@link FellegiSunterModel} without labelled pairs.
 *
 * <p>u comes from random pairs, which are almost all non-matches: the share of random pairs at
 * each level, with add-one smoothing so no level is impossible. It is then held fixed while m and
 * λ are fitted to the blocked candidate pairs by expectation–maximisation: the E step gives each
 * comparison pattern its posterior match probability, the M step re-estimates m as the
 * match-weighted share of pairs at each level and λ as the match-weighted share of all pairs.
 * MISSING levels carry no evidence and are left out of both steps.
 *
 * <p>Everything works on counts per packed pattern ({@link Comparisons#pack}), a few thousand
 * distinct values however many pairs were compared.
 */
public final class ExpectationMaximisation {
  /** No m falls below this, so an unseen level among matches does not veto a link outright. */
  private static final double M_FLOOR = 1e-5;
  private static final double LAMBDA_FLOOR = 1e-9;
  private static final Field[] FIELDS = Field.values();

  private ExpectationMaximisation() {}

  /** The estimated model, the EM iterations run and whether the parameters settled within tolerance. */
  public record Result(FellegiSunterModel model, int iterations, boolean converged) {
    public Result {
      requireNonNull(model, "model is null");
      if (iterations < 0) {
        throw new IllegalArgumentException("iterations must not be negative, was " + iterations);
      }
    }
  }

  /**
   * Estimates u from {@code randomPatternCounts}, then m and λ from {@code blockedPatternCounts}
   * starting at {@code start}'s m and λ, until no parameter moves by {@code tolerance} or more, or
   * after {@code maxIterations}.
   */
  public static Result estimate(Map<Integer, Long> blockedPatternCounts, Map<Integer, Long> randomPatternCounts,
      FellegiSunterModel start, int maxIterations, double tolerance) {
    requireNonNull(start, "start is null");
    if (maxIterations < 1) {
      throw new IllegalArgumentException("maxIterations must be at least 1, was " + maxIterations);
    }
    if (!(tolerance > 0)) {
      throw new IllegalArgumentException("tolerance must be positive, was " + tolerance);
    }
    Patterns blocked = Patterns.of("blocked", blockedPatternCounts);
    Patterns random = Patterns.of("random", randomPatternCounts);
    if (blocked.total() == 0) {
      throw new IllegalArgumentException("no blocked pairs to estimate m and lambda from");
    }
    double[][] u = uFromRandomPairs(random);
    double[][] logU = logs(u);
    double lambda = start.lambda();
    double[][] m = startingM(start);
    for (int iteration = 1; iteration <= maxIterations; iteration++) {
      double[][] matchCounts = new double[FIELDS.length][];
      double matches = expectMatches(blocked, lambda, logs(m), logU, matchCounts);
      double nextLambda = Math.min(1 - LAMBDA_FLOOR, Math.max(LAMBDA_FLOOR, matches / blocked.total()));
      double largestChange = Math.abs(nextLambda - lambda);
      for (Field field : FIELDS) {
        int f = field.ordinal();
        double[] next = normalised(matchCounts[f], m[f]);
        for (int level = 1; level < next.length; level++) {
          largestChange = Math.max(largestChange, Math.abs(next[level] - m[f][level]));
        }
        m[f] = next;
      }
      lambda = nextLambda;
      if (largestChange < tolerance) {
        return new Result(new FellegiSunterModel(lambda, m, u), iteration, true);
      }
    }
    return new Result(new FellegiSunterModel(lambda, m, u), maxIterations, false);
  }

  /**
   * E step: adds each pattern's expected number of matches (count × posterior) to
   * {@code matchCounts[field][level]} and returns the expected matches over all patterns.
   */
  private static double expectMatches(Patterns blocked, double lambda, double[][] logM, double[][] logU,
      double[][] matchCounts) {
    for (Field field : FIELDS) {
      matchCounts[field.ordinal()] = new double[field.levels().size()];
    }
    double priorLogOdds = Math.log(lambda / (1 - lambda));
    double matches = 0;
    for (int p = 0; p < blocked.size(); p++) {
      int[] levels = blocked.levels(p);
      double logOdds = priorLogOdds;
      for (int f = 0; f < FIELDS.length; f++) {
        logOdds += logM[f][levels[f]] - logU[f][levels[f]]; // 0 for MISSING: both logs are 0
      }
      double expected = blocked.count(p) / (1 + Math.exp(-logOdds));
      matches += expected;
      for (int f = 0; f < FIELDS.length; f++) {
        matchCounts[f][levels[f]] += expected;
      }
    }
    return matches;
  }

  /** M step for one field: expected matches per non-missing level as shares, floored, summing to 1. */
  private static double[] normalised(double[] matchCounts, double[] previous) {
    double sum = 0;
    for (int level = 1; level < matchCounts.length; level++) {
      sum += matchCounts[level];
    }
    if (sum <= 0) {
      return previous.clone(); // the field was missing in every pair: nothing to learn
    }
    double[] shares = new double[matchCounts.length];
    double flooredSum = 0;
    for (int level = 1; level < shares.length; level++) {
      shares[level] = Math.max(M_FLOOR, matchCounts[level] / sum);
      flooredSum += shares[level];
    }
    shares[0] = 1.0;
    for (int level = 1; level < shares.length; level++) {
      shares[level] /= flooredSum;
    }
    return shares;
  }

  /** u per field and level: the share of random pairs at the level, add-one smoothed, MISSING left out. */
  private static double[][] uFromRandomPairs(Patterns random) {
    double[][] u = new double[FIELDS.length][];
    for (Field field : FIELDS) {
      u[field.ordinal()] = new double[field.levels().size()];
    }
    for (int p = 0; p < random.size(); p++) {
      int[] levels = random.levels(p);
      for (int f = 0; f < FIELDS.length; f++) {
        u[f][levels[f]] += random.count(p);
      }
    }
    for (double[] row : u) {
      double total = 0;
      for (int level = 1; level < row.length; level++) {
        total += row[level];
      }
      int nonMissingLevels = row.length - 1;
      for (int level = 1; level < row.length; level++) {
        row[level] = (row[level] + 1) / (total + nonMissingLevels);
      }
      row[0] = 1.0;
    }
    return u;
  }

  private static double[][] startingM(FellegiSunterModel start) {
    double[][] m = new double[FIELDS.length][];
    for (Field field : FIELDS) {
      double[] row = new double[field.levels().size()];
      for (int level = 0; level < row.length; level++) {
        row[level] = start.m(field, level);
      }
      m[field.ordinal()] = row;
    }
    return m;
  }

  private static double[][] logs(double[][] probabilities) {
    double[][] logs = new double[probabilities.length][];
    for (int f = 0; f < probabilities.length; f++) {
      logs[f] = new double[probabilities[f].length];
      for (int level = 1; level < logs[f].length; level++) {
        logs[f][level] = Math.log(probabilities[f][level]);
      }
    }
    return logs;
  }

  /** Pattern counts unpacked once into parallel arrays, so each iteration is a tight loop. */
  private record Patterns(int[][] levelsByPattern, double[] counts, double total) {
    static Patterns of(String name, Map<Integer, Long> patternCounts) {
      requireNonNull(patternCounts, name + "PatternCounts is null");
      int[][] levels = new int[patternCounts.size()][];
      double[] counts = new double[patternCounts.size()];
      double total = 0;
      int p = 0;
      for (Map.Entry<Integer, Long> entry : patternCounts.entrySet()) {
        int pattern = requireNonNull(entry.getKey(), name + " pattern is null");
        long count = requireNonNull(entry.getValue(), name + " count is null");
        if (count < 0) {
          throw new IllegalArgumentException(name + " pattern " + pattern + " has a negative count " + count);
        }
        levels[p] = checkedLevels(name, pattern);
        counts[p] = count;
        total += count;
        p++;
      }
      return new Patterns(levels, counts, total);
    }

    private static int[] checkedLevels(String name, int pattern) {
      int[] levels = Comparisons.unpack(pattern);
      for (Field field : FIELDS) {
        if (levels[field.ordinal()] >= field.levels().size()) {
          throw new IllegalArgumentException(name + " pattern " + pattern + " has level index "
              + levels[field.ordinal()] + " for " + field.label() + ", which has " + field.levels().size() + " levels");
        }
      }
      if (Comparisons.pack(levels) != pattern) {
        throw new IllegalArgumentException(name + " pattern " + pattern + " has bits beyond the " + FIELDS.length
            + " fields; was it packed by Comparisons.pack?");
      }
      return levels;
    }

    int size() {
      return counts.length;
    }

    int[] levels(int p) {
      return levelsByPattern[p];
    }

    double count(int p) {
      return counts[p];
    }
  }
}
