package org.carelake.gold;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.carelake.lake.DeltaIo;
import org.carelake.lake.TableDefinitions;
import org.carelake.lake.TableRef;
import org.carelake.lake.Zone;
import org.carelake.transform.SqlScript;

/**
 * The silver tables of a spec test of gold SQL (the measure and cohort libraries): each made by its
 * own DDL ({@code sql/ddl/silver}, layout included), holding the test's rows, written to a
 * temporary folder in one commit and read back, cached, as the view the gold SQL reads ({@code
 * silver_<name>}). While they are open the session runs one shuffle partition (a few dozen rows: one
 * task per stage); {@link #close} restores the setting and drops the views.
 */
final class SilverViews implements AutoCloseable {
  private final SparkSession spark;
  private final Path sqlDir;
  private final Path folder;
  private final String partitions;
  private final List<String> names = new ArrayList<>();

  SilverViews(SparkSession spark, Path sqlDir, Path folder) {
    this.spark = spark;
    this.sqlDir = sqlDir;
    this.folder = folder;
    this.partitions = spark.conf().get("spark.sql.shuffle.partitions");
    spark.conf().set("spark.sql.shuffle.partitions", "1");
  }

  /**
   * The silver table {@code name} holding these rows: the values of the named columns, in order; the
   * other columns NULL, generated columns computed by Delta.
   */
  void table(String name, List<Object[]> rows, String columns) {
    String location = folder.resolve(name).toAbsolutePath().toString();
    TableRef ref = new TableRef(Zone.SILVER, name, location);
    new TableDefinitions(sqlDir, Zone.SILVER).create(spark, ref);
    Set<String> generated = new DeltaIo(spark).generatedColumns(ref).keySet();
    StructType schema = new StructType(Arrays.stream(spark.read().format("delta").load(location).schema().fields())
        .filter(field -> !generated.contains(field.name())).toArray(StructField[]::new));
    List<String> given = Arrays.stream(StructType.fromDDL(columns).fieldNames()).toList();
    List<Row> data = new ArrayList<>();
    for (Object[] values : rows) {
      Object[] wide = new Object[schema.size()];
      for (int i = 0; i < given.size(); i++) {
        wide[schema.fieldIndex(given.get(i))] = values[i];
      }
      data.add(RowFactory.create(wide));
    }
    spark.createDataFrame(data, schema).write().format("delta").mode("append").save(location);
    // read once from Delta and kept in memory: each compiled statement scans its sources several times
    spark.read().format("delta").load(location).cache().createOrReplaceTempView("silver_" + name);
    names.add(name);
  }

  /**
   * A register of {@code sql/gold/registers} computed in full over these tables, as the view the
   * gold SQL reads ({@code silver_<name>}).
   */
  void register(SqlScript script, LocalDate night) {
    String name = script.get("table").orElseThrow().substring("silver.".length());
    List<Row> rows = rowsOf(script, night);
    spark.createDataFrame(rows, spark.sql(script.statement()).schema()).cache().createOrReplaceTempView("silver_" + name);
    names.add(name);
  }

  /**
   * The raw rows of a gold script over these tables, as the gold stage runs it before disclosure
   * control: the codelists it names registered through the library, the night bound as the stage binds it.
   */
  List<Row> rowsOf(SqlScript script, LocalDate night) {
    for (String codelist : script.list("codelists")) {
      Codelists.register(spark, sqlDir, codelist);
    }
    GoldStage.bindNight(spark, night);
    return spark.sql(script.statement()).collectAsList();
  }

  @Override
  public void close() {
    spark.conf().set("spark.sql.shuffle.partitions", partitions);
    for (String name : names) {
      spark.table("silver_" + name).unpersist();
      spark.catalog().dropTempView("silver_" + name);
    }
  }
}
