package org.carelake.silver;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.carelake.geography.PostcodeArea;
import org.carelake.geography.PostcodeDirectory;
import org.carelake.lake.DeltaIo;
import org.carelake.lake.Lake;
import org.carelake.lake.TableRef;

/**
 * Reference tables silver joins to. The postcode-to-LSOA lookup here is the project's synthetic
 * directory; a real deployment loads the ONS Postcode Directory into the same table.
 */
public final class ReferenceData {
  static final StructType POSTCODE_LSOA =
      DataTypes.createStructType(
          List.of(
              DataTypes.createStructField("postcode", DataTypes.StringType, false),
              DataTypes.createStructField("lsoa_code", DataTypes.StringType, false),
              DataTypes.createStructField("borough_code", DataTypes.StringType, false),
              DataTypes.createStructField("imd_decile", DataTypes.IntegerType, false)));

  private ReferenceData() {}

  /** Creates {@code reference.postcode_lsoa} once and registers it as the view {@code postcode_lsoa}. */
  public static void ensurePostcodeLookup(DeltaIo io, Lake lake) {
    TableRef table = lake.reference("postcode_lsoa");
    if (!io.exists(table)) {
      List<Row> rows = new ArrayList<>();
      for (PostcodeArea area : PostcodeDirectory.greaterManchester().entries()) {
        rows.add(RowFactory.create(area.postcode(), area.lsoaCode(), area.boroughCode(), area.imdDecile()));
      }
      io.overwrite(io.spark().createDataFrame(rows, POSTCODE_LSOA).coalesce(1), table, "synthetic postcode directory");
    }
    io.read(table).createOrReplaceTempView("postcode_lsoa");
  }

  /**
   * Registers {@code reference.postcode_lsoa} as the view {@code postcode_lsoa} the silver mappings
   * join, without creating it: for readers (the trace) in a process where silver has not run.
   * Returns false when the table does not exist yet.
   */
  public static boolean registerPostcodeLookup(DeltaIo io, Lake lake) {
    TableRef table = lake.reference("postcode_lsoa");
    if (!io.exists(table)) {
      return false;
    }
    io.read(table).createOrReplaceTempView("postcode_lsoa");
    return true;
  }
}
