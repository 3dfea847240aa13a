package org.carelake.silver;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructField;
import org.carelake.contract.Contract;
import org.carelake.error.CareLakeErrors;
import org.carelake.lake.DeltaIo;
import org.carelake.lake.Lake;
import org.carelake.lake.TableRef;
import org.carelake.link.IdentityColumns;
import org.carelake.transform.SqlScript;

/**
 * How a feed's raw rows become rows of its silver table: the feed's mapping SQL, the linked
 * person's key each row receives, and the target's columns in order and type. Used by the silver
 * stage for a night and by the trace command for one row, so both map a row the same way.
 */
public final class FeedMapping {
  /** The column carrying the linked person's pseudonymous key into the mapping SQL. */
  public static final String PERSON_KEY = "_person_key";
  /** The column carrying the row's identity record id. */
  public static final String IDENTITY_ID = "_identity_id";

  private final DeltaIo io;
  private final Lake lake;
  private final Path sqlDir;
  /** Each target table's columns and generated columns, read from its Delta log once per mapping's life (a stage). */
  private final java.util.Map<String, Target> targets = new java.util.HashMap<>();

  private record Target(StructField[] fields, java.util.Map<String, String> generated) {}

  public FeedMapping(DeltaIo io, Lake lake, Path sqlDir) {
    this.io = requireNonNull(io, "io is null");
    this.lake = requireNonNull(lake, "lake is null");
    this.sqlDir = requireNonNull(sqlDir, "sqlDir is null");
  }

  /**
   * The feed's mapping SQL, checked against the contract's silver target and against putting any
   * column the contract classifies as a direct identifier into silver ({@link SilverMappingCheck}).
   */
  public SqlScript script(Contract contract) {
    Path file = sqlDir.resolve("silver").resolve(contract.id() + ".sql");
    if (!Files.exists(file)) {
      throw CareLakeErrors.configuration(
          "feed " + contract.id() + " has no silver mapping: add " + file + " selecting the columns of silver." + contract.silverTarget());
    }
    SqlScript script = SqlScript.load(file);
    String declared = script.require("target");
    if (!declared.equals("silver." + contract.silverTarget())) {
      throw CareLakeErrors.configuration(
          file + " declares target " + declared + " but contract " + contract.id() + " feeds silver." + contract.silverTarget());
    }
    SilverMappingCheck.verify(contract, script);
    return script;
  }

  /**
   * Selects the target table's columns, in order and type; a missing column is a mapping bug. A
   * column the table generates (an activity table's {@code activity_month}, its partition) is
   * computed here by the table's own expression, so a MERGE can move a corrected row to its month.
   */
  public Dataset<Row> conform(Dataset<Row> mapped, String target, String origin) {
    Target columnsOf = targets.computeIfAbsent(target, name -> {
      TableRef table = lake.silver(name);
      return new Target(io.read(table).schema().fields(), io.generatedColumns(table));
    });
    java.util.Map<String, String> generated = columnsOf.generated();
    List<Column> columns = new ArrayList<>();
    List<String> produced = List.of(mapped.columns());
    for (StructField field : columnsOf.fields()) {
      if (generated.containsKey(field.name())) {
        columns.add(functions.expr(generated.get(field.name())).cast(field.dataType()).as(field.name()));
        continue;
      }
      if (!produced.contains(field.name())) {
        throw CareLakeErrors.configuration(origin + " does not produce column " + field.name() + " of silver." + target);
      }
      columns.add(col(field.name()).cast(field.dataType()).as(field.name()));
    }
    return mapped.select(columns.toArray(new Column[0]));
  }

  /**
   * The raw rows with their identity record ({@code _identity_id}) and their linked person's key
   * ({@code _person_key}, null when the record has no person yet). Needs the pseudonym functions
   * registered ({@code CareLakeFunctions.register}).
   */
  public Dataset<Row> keyed(Contract contract, Dataset<Row> raw, Dataset<Row> links) {
    Optional<IdentityColumns> identity = IdentityColumns.of(contract);
    if (identity.isEmpty()) {
      return raw.withColumn(IDENTITY_ID, lit(null).cast("string")).withColumn(PERSON_KEY, lit(null).cast("string"));
    }
    return identity.get().withIdentityId(raw)
        .join(links, col(IDENTITY_ID).equalTo(col("_link_identity")), "left")
        .withColumn(PERSON_KEY, functions.callUDF("person_key", col("_link_person")))
        .drop("_link_identity", "_link_person");
  }

  /** {@code _link_identity, _link_person}: each identity record's current person. */
  public Dataset<Row> links() {
    TableRef table = lake.restricted("person_link");
    if (!io.exists(table)) {
      return io.spark().createDataFrame(List.of(), new org.apache.spark.sql.types.StructType()
          .add("_link_identity", "string").add("_link_person", "string"));
    }
    return io.read(table).select(col("identity_id").as("_link_identity"), col("person_id").as("_link_person"));
  }
}
