package org.carelake.gold;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.carelake.error.CareLakeErrors;

/**
 * Versioned codelists ({@code sql/codelists/<system>/<name>.v<version>.csv}, columns code and term)
 * registered as views {@code codelist_<name>_v<version>}.
 */
final class Codelists {
  private static final StructType SCHEMA =
      DataTypes.createStructType(
          List.of(
              DataTypes.createStructField("code", DataTypes.StringType, false),
              DataTypes.createStructField("term", DataTypes.StringType, true)));

  private Codelists() {}

  /** Registers the codelist named {@code system/name@version}; returns the file it read. */
  static Path register(SparkSession spark, Path sqlDir, String reference) {
    String[] parts = reference.split("@");
    if (parts.length != 2 || !parts[0].contains("/")) {
      throw CareLakeErrors.configuration("codelist reference must look like snomed/diabetes-type2@1, got " + reference);
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
}
