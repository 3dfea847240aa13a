package org.carelake.gold;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.carelake.codelist.Codelist;
import org.carelake.codelist.CodelistLibrary;
import org.carelake.cohort.CohortDefinition.CodelistReference;
import org.carelake.error.CareLakeErrors;

/**
 * Registers the codelists a gold file names as views. Two forms of reference:
 *
 * <ul>
 *   <li>{@code asthma-snomed@1}: a list of the codelist library ({@code codelists/<id>/v<version>.csv}
 *       with {@code codelists/manifest.yaml}), checked against the manifest's checksum before use
 *       (a changed list is refused), registered as {@code codelist_asthma_snomed_v1};
 *   <li>{@code snomed/diabetes-type2@1}: an older list under {@code sql/codelists/<system>/<name>.v<version>.csv},
 *       registered as {@code codelist_diabetes_type2_v1}, kept for the files that still use it.
 * </ul>
 *
 * The library is the folder {@code CARELAKE_CODELISTS} names, else {@code codelists/} beside the
 * SQL folder (as the access policy is found beside it).
 */
final class Codelists {
  static final String ENVIRONMENT_VARIABLE = "CARELAKE_CODELISTS";
  private static final Pattern LIBRARY_REFERENCE = Pattern.compile("([a-z0-9]+(?:-[a-z0-9]+)*)@([1-9][0-9]*)");
  private static final StructType SCHEMA =
      DataTypes.createStructType(
          List.of(
              DataTypes.createStructField("code", DataTypes.StringType, false),
              DataTypes.createStructField("term", DataTypes.StringType, true)));

  private Codelists() {}

  /** The codelist library folder for a SQL folder. */
  static Path locate(Path sqlDir, Map<String, String> environment) {
    String named = environment.get(ENVIRONMENT_VARIABLE);
    if (named != null && !named.isBlank()) {
      return Path.of(named);
    }
    Path sql = sqlDir.toAbsolutePath().normalize();
    return (sql.getParent() != null ? sql.getParent() : sql).resolve("codelists");
  }

  /** Registers the codelist a gold file names; returns the file it read (its bytes are part of the build's code version). */
  static Path register(SparkSession spark, Path sqlDir, String reference) {
    Matcher library = LIBRARY_REFERENCE.matcher(reference);
    if (library.matches()) {
      return registerFromLibrary(spark, locate(sqlDir, System.getenv()), new CodelistReference(library.group(1), Integer.parseInt(library.group(2))));
    }
    String[] parts = reference.split("@");
    if (parts.length != 2 || !parts[0].contains("/")) {
      throw CareLakeErrors.configuration("codelist reference must name a library list, like asthma-snomed@1 (codelists/manifest.yaml),"
          + " or an older list, like snomed/diabetes-type2@1; got " + reference);
    }
    Path file = sqlDir.resolve("codelists").resolve(parts[0] + ".v" + parts[1] + ".csv");
    if (!Files.exists(file)) {
      throw CareLakeErrors.missingInput("codelist " + reference, file);
    }
    String name = parts[0].substring(parts[0].indexOf('/') + 1).replace('-', '_');
    spark.read()
        .option("header", "true")
        .option("mode", "FAILFAST")
        .schema(SCHEMA)
        .csv(file.toAbsolutePath().toString())
        .createOrReplaceTempView("codelist_" + name + "_v" + parts[1]);
    return file;
  }

  /**
   * Loads a library list through the core (checksum, header and code formats checked; refused on a
   * mismatch) and registers its codes, in their stored form, as the reference's view. Lists are
   * small, so the codes travel from the driver.
   */
  static Path registerFromLibrary(SparkSession spark, Path codelistsDir, CodelistReference reference) {
    CodelistLibrary library = CodelistLibrary.open(codelistsDir);
    Codelist list = library.load(reference.id(), reference.version());
    List<Row> rows = list.codes().stream().map(code -> RowFactory.create(code.code(), code.term())).toList();
    spark.createDataFrame(rows, SCHEMA).createOrReplaceTempView(reference.view());
    return library.file(list.entry());
  }
}
