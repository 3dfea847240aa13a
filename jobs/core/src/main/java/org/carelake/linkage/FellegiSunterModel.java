package org.carelake.linkage;

import static java.util.Objects.requireNonNull;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.StringJoiner;
import org.carelake.digest.Sha256;

/**
 * A Fellegi–Sunter record-linkage model: the prior probability {@code lambda} that a candidate pair
 * is a match, and for each {@link Field} and comparison level the probability of that level among
 * matches ({@code m}) and among non-matches ({@code u}). A pair's match weight is
 * log2(λ/(1−λ)) + Σ log2(m/u) over its fields; a field at {@link Level#MISSING} carries no evidence
 * (its m and u both read as 1).
 *
 * <p>Rows of m and u are indexed by field ordinal and level index ({@link Field#levels()}); over the
 * non-missing levels each row is a distribution and must sum to 1 within 1e-6. Values are kept as
 * given, so {@link #parse}({@link #toText()}) returns an equal model and the {@link #version()} is
 * stable. Immutable and serialisable, for Spark to ship to executors.
 */
public final class FellegiSunterModel implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Field[] FIELDS = Field.values();
  private static final double ROW_SUM_TOLERANCE = 1e-6;
  /** A shared value rarer than this is no stronger evidence: guards against a frequency of 0. */
  private static final double MIN_TERM_FREQUENCY = 1e-6;
  private static final String HEADER =
      "# Fellegi-Sunter linkage model: lambda = prior match probability of a candidate pair;"
          + " m/u <field> <level> = probability of the level among matches/non-matches";

  private final double lambda;
  private final double[][] m;
  private final double[][] u;
  private final transient double[][] weights;
  private final transient double priorWeight;
  private final transient String version;

  /**
   * A model from the prior match probability and m and u per field ordinal and level index. The
   * arrays are copied; entries for {@link Level#MISSING} are ignored.
   */
  public FellegiSunterModel(double lambda, double[][] m, double[][] u) {
    if (!(lambda > 0 && lambda < 1)) {
      throw new IllegalArgumentException("lambda (the prior match probability) must be in (0, 1), was " + lambda);
    }
    this.lambda = lambda;
    this.m = validatedCopy("m", m);
    this.u = validatedCopy("u", u);
    this.weights = new double[FIELDS.length][];
    for (Field field : FIELDS) {
      int f = field.ordinal();
      weights[f] = new double[this.m[f].length];
      for (int level = 1; level < weights[f].length; level++) {
        weights[f][level] = log2(this.m[f][level] / this.u[f][level]);
      }
    }
    this.priorWeight = log2(lambda / (1 - lambda));
    this.version = "fs-" + Sha256.hex(toText()).substring(0, 12);
  }

  /**
   * Plausible starting values for EM: exact agreement is common among matches and rare among
   * non-matches, and partial agreements sit in between.
   */
  public static FellegiSunterModel defaults() {
    double[][] m = new double[FIELDS.length][];
    double[][] u = new double[FIELDS.length][];
    // Non-missing levels in Field.levels() order: DIFFERENT first, EXACT last.
    set(m, u, Field.NHS_NUMBER, new double[] {0.05, 0.02, 0.93}, new double[] {0.9989, 0.001, 0.0001});
    set(m, u, Field.GIVEN_NAME, new double[] {0.04, 0.01, 0.02, 0.04, 0.03, 0.005, 0.855},
        new double[] {0.93, 0.01, 0.01, 0.02, 0.002, 0.0001, 0.0279});
    set(m, u, Field.FAMILY_NAME, new double[] {0.06, 0.02, 0.04, 0.005, 0.875},
        new double[] {0.975, 0.01, 0.01, 0.0001, 0.0049});
    set(m, u, Field.DATE_OF_BIRTH, new double[] {0.02, 0.03, 0.01, 0.01, 0.93},
        new double[] {0.96, 0.03, 0.0005, 0.0001, 0.0094});
    set(m, u, Field.SEX, new double[] {0.01, 0.99}, new double[] {0.5, 0.5});
    set(m, u, Field.POSTCODE, new double[] {0.2, 0.03, 0.05, 0.02, 0.7},
        new double[] {0.95, 0.04, 0.008, 0.001, 0.001});
    set(m, u, Field.ADDRESS, new double[] {0.25, 0.1, 0.65}, new double[] {0.995, 0.004, 0.001});
    return new FellegiSunterModel(0.1, m, u);
  }

  private static void set(double[][] m, double[][] u, Field field, double[] mLevels, double[] uLevels) {
    m[field.ordinal()] = withMissing(mLevels);
    u[field.ordinal()] = withMissing(uLevels);
  }

  /** Prepends the ignored MISSING entry and normalises the rest to sum to 1. */
  private static double[] withMissing(double[] levels) {
    double sum = Arrays.stream(levels).sum();
    double[] row = new double[levels.length + 1];
    row[0] = 1.0;
    for (int i = 0; i < levels.length; i++) {
      row[i + 1] = levels[i] / sum;
    }
    return row;
  }

  /** The prior probability that a candidate pair is a match. */
  public double lambda() {
    return lambda;
  }

  /** P(level | match) for a field; 1 for {@link Level#MISSING}. */
  public double m(Field field, int level) {
    return m[field.ordinal()][level];
  }

  /** P(level | non-match) for a field; 1 for {@link Level#MISSING}. */
  public double u(Field field, int level) {
    return u[field.ordinal()][level];
  }

  /** log2(λ/(1−λ)) + Σ log2(m/u) over the fields whose level is not MISSING. */
  public double matchWeight(int[] levels) {
    checkLevels(levels);
    double weight = priorWeight;
    for (int f = 0; f < FIELDS.length; f++) {
      weight += weights[f][levels[f]];
    }
    return weight;
  }

  /**
   * The match weight with term-frequency adjustment: where a frequency-adjusted field agrees
   * exactly and the shared value's frequency is known (not NaN), that frequency replaces u, so a
   * shared rare surname counts for more than a shared SMITH. {@code termFrequencies} has one entry
   * per field; null means none are known.
   */
  public double matchWeight(int[] levels, double[] termFrequencies) {
    checkLevels(levels);
    checkTermFrequencies(termFrequencies);
    double weight = priorWeight;
    for (int f = 0; f < FIELDS.length; f++) {
      weight += fieldWeight(f, levels[f], termFrequencies);
    }
    return weight;
  }

  /** The match probability of a match weight: 2^w / (1 + 2^w). */
  public static double probability(double matchWeight) {
    return 1.0 / (1.0 + Math.pow(2.0, -matchWeight));
  }

  /**
   * The match weight, probability and each field's contribution to it, largest first; fields at
   * MISSING contribute 0 and come last.
   */
  public Explanation explain(int[] levels, double[] termFrequencies) {
    checkLevels(levels);
    checkTermFrequencies(termFrequencies);
    double weight = priorWeight;
    List<Contribution> contributions = new ArrayList<>(FIELDS.length);
    for (Field field : FIELDS) {
      int f = field.ordinal();
      double contribution = fieldWeight(f, levels[f], termFrequencies);
      weight += contribution;
      contributions.add(new Contribution(field, field.level(levels[f]), contribution));
    }
    contributions.sort(Comparator.comparingDouble((Contribution c) -> -Math.abs(c.weight()))
        .thenComparing(Contribution::field));
    return new Explanation(weight, probability(weight), contributions);
  }

  private double fieldWeight(int f, int level, double[] termFrequencies) {
    Field field = FIELDS[f];
    boolean adjust = termFrequencies != null && field.termFrequencyAdjusted() && level == field.exactIndex()
        && !Double.isNaN(termFrequencies[f]);
    if (!adjust) {
      return weights[f][level];
    }
    return log2(m[f][level] / Math.max(termFrequencies[f], MIN_TERM_FREQUENCY));
  }

  /** "fs-" and the first 12 hex digits of the SHA-256 of {@link #toText()}. */
  public String version() {
    return version;
  }

  /**
   * The parameters as text, one per line: {@code lambda 0.01}, then {@code m family_name exact 0.91}
   * and {@code u family_name exact 0.003} for each field and non-missing level. Numbers are written
   * with {@link Double#toString} so {@link #parse} restores them exactly.
   */
  public String toText() {
    StringBuilder text = new StringBuilder(4096);
    text.append(HEADER).append('\n');
    text.append("lambda ").append(lambda).append('\n');
    for (Field field : FIELDS) {
      for (int level = 1; level < field.levels().size(); level++) {
        String name = field.label() + ' ' + field.level(level).label() + ' ';
        text.append("m ").append(name).append(m[field.ordinal()][level]).append('\n');
        text.append("u ").append(name).append(u[field.ordinal()][level]).append('\n');
      }
    }
    return text.toString();
  }

  /** Reads the text {@link #toText()} writes; blank lines and lines starting with # are ignored. */
  public static FellegiSunterModel parse(String text) {
    return ModelText.parse(requireNonNull(text, "text is null"));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof FellegiSunterModel that
        && Double.compare(lambda, that.lambda) == 0
        && Arrays.deepEquals(m, that.m)
        && Arrays.deepEquals(u, that.u);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Double.hashCode(lambda) + Arrays.deepHashCode(m)) + Arrays.deepHashCode(u);
  }

  @Override
  public String toString() {
    return "FellegiSunterModel[" + version + ", lambda=" + lambda + "]";
  }

  /** Deserialisation goes through the constructor, so a tampered or stale stream is validated too. */
  private Object readResolve() {
    return new FellegiSunterModel(lambda, m, u);
  }

  private static double[][] validatedCopy(String name, double[][] values) {
    requireNonNull(values, name + " is null");
    if (values.length != FIELDS.length) {
      throw new IllegalArgumentException(
          name + " must have one row per field (" + FIELDS.length + "), had " + values.length);
    }
    double[][] copy = new double[FIELDS.length][];
    for (Field field : FIELDS) {
      double[] row = values[field.ordinal()];
      int size = field.levels().size();
      if (row == null || row.length != size) {
        throw new IllegalArgumentException(name + " row for " + field.label() + " must have one entry per level ("
            + size + ": " + field.levels() + "), had " + (row == null ? "none" : row.length));
      }
      copy[field.ordinal()] = validatedRow(name, field, row);
    }
    return copy;
  }

  private static double[] validatedRow(String name, Field field, double[] row) {
    double[] copy = row.clone();
    copy[0] = 1.0; // MISSING: no evidence either way
    double sum = 0;
    for (int level = 1; level < copy.length; level++) {
      if (!(copy[level] > 0 && copy[level] <= 1)) {
        throw new IllegalArgumentException(name + " for " + field.label() + "/" + field.level(level).label()
            + " must be a probability in (0, 1], was " + copy[level]);
      }
      sum += copy[level];
    }
    if (Math.abs(sum - 1) > ROW_SUM_TOLERANCE) {
      throw new IllegalArgumentException(name + " for " + field.label() + " must sum to 1 over its non-missing levels"
          + " (normalise the row), summed to " + sum);
    }
    return copy;
  }

  private static void checkLevels(int[] levels) {
    requireNonNull(levels, "levels is null");
    if (levels.length != FIELDS.length) {
      throw new IllegalArgumentException("expected " + FIELDS.length + " levels, one per field, got " + levels.length);
    }
  }

  private static void checkTermFrequencies(double[] termFrequencies) {
    if (termFrequencies != null && termFrequencies.length != FIELDS.length) {
      throw new IllegalArgumentException("expected " + FIELDS.length + " term frequencies, one per field (NaN when"
          + " unknown), got " + termFrequencies.length);
    }
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }

  /**
   * Why a pair scored as it did: its match weight, probability and each field's contribution.
   * Carries levels and weights only, never the compared values.
   */
  public record Explanation(double matchWeight, double probability, List<Contribution> contributions) {
    public Explanation {
      contributions = List.copyOf(requireNonNull(contributions, "contributions is null"));
    }

    /**
     * The contributions as {@code field=level(+weight)} with one decimal, largest first, leaving
     * out missing fields: {@code date_of_birth=exact(+9.8) postcode=different(-4.2)}.
     */
    public String summary() {
      StringJoiner summary = new StringJoiner(" ");
      for (Contribution contribution : contributions) {
        if (contribution.level() != Level.MISSING) {
          summary.add(contribution.field().label() + "=" + contribution.level().label()
              + "(" + oneDecimal(contribution.weight()) + ")");
        }
      }
      return summary.toString();
    }

    /** +9.8 or -4.2; Spark calls this per scored pair, so no String.format. A weight that rounds to 0 is +0.0. */
    private static String oneDecimal(double weight) {
      long tenths = Math.round(weight * 10);
      long magnitude = Math.abs(tenths);
      return (tenths < 0 ? "-" : "+") + magnitude / 10 + "." + magnitude % 10;
    }
  }

  /** One field's level in a pair and the weight it added to the match weight. */
  public record Contribution(Field field, Level level, double weight) {
    public Contribution {
      requireNonNull(field, "field is null");
      requireNonNull(level, "level is null");
    }
  }
}
