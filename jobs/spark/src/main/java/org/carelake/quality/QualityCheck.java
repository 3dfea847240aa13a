package org.carelake.quality;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.carelake.error.CareLakeErrors;
import org.carelake.transform.SqlScript;

/**
 * One data-quality check: a SQL file {@code sql/checks/<name>.sql} whose header says what it
 * measures and whose {@code SELECT} over the views the quality stage registers returns
 * {@code borough, feed, measure, value} rows. Adding a check is adding a file.
 *
 * <p>Header: {@code check} (the file name), {@code category}, {@code purpose}, {@code reads} (the
 * views it selects from), {@code measure} (the measure names it returns, comma-separated; a name
 * ending in {@code .<something>} stands for a family such as {@code quarantine_rate.<rule>}) and,
 * optionally, {@code parameters} ({@code name = number, …}, declared as SQL session variables).
 */
public record QualityCheck(
    String name, Category category, String purpose, List<String> reads, List<String> measures,
    Map<String, Double> parameters, String statement, String origin) {

  private static final String NAME = "[a-z][a-z0-9_]*";
  private static final String MEASURE = NAME + "(\\.[a-z0-9_]+)*";

  public QualityCheck {
    requireNonNull(name, "name is null");
    requireNonNull(category, "category is null");
    requireNonNull(purpose, "purpose is null");
    reads = List.copyOf(reads);
    measures = List.copyOf(measures);
    parameters = Map.copyOf(parameters);
    requireNonNull(statement, "statement is null");
    requireNonNull(origin, "origin is null");
  }

  /** Every check of the project, in file-name order. */
  public static List<QualityCheck> loadAll(Path sqlDir) {
    Path folder = sqlDir.resolve("checks");
    if (!Files.isDirectory(folder)) {
      throw CareLakeErrors.missingInput("data-quality checks folder", folder);
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files.filter(f -> f.toString().endsWith(".sql")).sorted().map(QualityCheck::load).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + folder, e);
    }
  }

  public static QualityCheck load(Path file) {
    return of(SqlScript.load(file), file.getFileName().toString().replaceFirst("\\.sql$", ""));
  }

  static QualityCheck of(SqlScript script, String fileName) {
    String origin = script.origin();
    String name = script.require("check");
    if (!name.equals(fileName)) {
      throw CareLakeErrors.configuration(origin + " declares check " + name + " but its file name says " + fileName);
    }
    List<String> reads = script.list("reads");
    if (reads.isEmpty() || !QualityViews.NAMES.containsAll(reads)) {
      throw CareLakeErrors.configuration(origin + " must list the views it reads in '-- reads:', from " + QualityViews.NAMES);
    }
    List<String> measures = script.list("measure");
    for (String measure : measures) {
      if (!family(measure).matches(MEASURE + "\\.?")) {
        throw CareLakeErrors.configuration(origin + " declares measure '" + measure
            + "'; use lower_snake_case, or name.<part> for a family such as quarantine_rate.<rule>");
      }
    }
    if (measures.isEmpty()) {
      throw CareLakeErrors.configuration(origin + " needs a '-- measure:' header line");
    }
    return new QualityCheck(name, Category.parse(script.require("category"), origin), script.require("purpose"), reads,
        measures, parameters(script, origin), script.statement(), origin);
  }

  private static Map<String, Double> parameters(SqlScript script, String origin) {
    Map<String, Double> parameters = new LinkedHashMap<>();
    for (String entry : script.list("parameters")) {
      String[] parts = entry.split("=", 2);
      String key = parts[0].strip();
      if (parts.length != 2 || !key.matches(NAME) || key.equals("run_night")) {
        throw CareLakeErrors.configuration(origin + " parameter '" + entry + "' must be name = number");
      }
      try {
        parameters.put(key, Double.parseDouble(parts[1].strip()));
      } catch (NumberFormatException e) {
        throw CareLakeErrors.configuration(origin + " parameter " + key + " must be a number, was '" + parts[1].strip() + "'");
      }
    }
    return parameters;
  }

  /** True when the header declares this measure, by name or as a member of a declared family. */
  public boolean declares(String measure) {
    for (String declared : measures) {
      String family = family(declared);
      if (family.endsWith(".") ? measure.startsWith(family) && measure.length() > family.length() : measure.equals(declared)) {
        return true;
      }
    }
    return false;
  }

  /** {@code quarantine_rate.<rule>} is the family {@code quarantine_rate.}; a plain name is itself. */
  private static String family(String declared) {
    int open = declared.indexOf(".<");
    return open < 0 ? declared : declared.substring(0, open + 1);
  }
}
