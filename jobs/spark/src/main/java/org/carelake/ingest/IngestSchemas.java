package org.carelake.ingest;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.carelake.contract.Column;
import org.carelake.contract.Contract;

/** Lake schemas derived from contracts; never inferred from the data. */
public final class IngestSchemas {
  public static final String NIGHT = "night";
  public static final String RUN_ID = "_run_id";
  public static final String BOROUGH = "_borough";
  public static final String FEED = "_feed";
  public static final String SOURCE_FILE = "_source_file";
  public static final String SOURCE_SHA256 = "_source_sha256";
  public static final String SOURCE_ROW = "_source_row";
  public static final String LOADED_AT = "_loaded_at";
  public static final String VIOLATIONS = "_violations";
  public static final String RAW = "_raw";

  private IngestSchemas() {}

  public static DataType sparkType(Column column) {
    return switch (column.type()) {
      case STRING -> DataTypes.StringType;
      case INTEGER -> DataTypes.LongType;
      case NUMBER -> DataTypes.DoubleType;
      case DATE -> DataTypes.DateType;
      case TIMESTAMP -> DataTypes.TimestampNTZType;
      case BOOLEAN -> DataTypes.BooleanType;
    };
  }

  /** Load metadata carried by every loaded and quarantined row. */
  public static List<StructField> metadataFields() {
    return List.of(
        DataTypes.createStructField(NIGHT, DataTypes.DateType, false),
        DataTypes.createStructField(RUN_ID, DataTypes.StringType, false),
        DataTypes.createStructField(BOROUGH, DataTypes.StringType, false),
        DataTypes.createStructField(FEED, DataTypes.StringType, false),
        DataTypes.createStructField(SOURCE_FILE, DataTypes.StringType, false),
        DataTypes.createStructField(SOURCE_SHA256, DataTypes.StringType, false),
        DataTypes.createStructField(SOURCE_ROW, DataTypes.LongType, false),
        DataTypes.createStructField(LOADED_AT, DataTypes.TimestampType, false));
  }

  /** The restricted raw table of a feed: contract columns, then load metadata. */
  public static StructType raw(Contract contract) {
    List<StructField> fields = new ArrayList<>();
    for (Column column : contract.columns()) {
      fields.add(DataTypes.createStructField(column.name(), sparkType(column), true));
    }
    fields.addAll(metadataFields());
    return DataTypes.createStructType(fields);
  }

  /** What the parser emits: a raw row plus the rules it broke and, if any, its raw text. */
  public static StructType parsed(Contract contract) {
    List<StructField> fields = new ArrayList<>(List.of(raw(contract).fields()));
    fields.add(DataTypes.createStructField(VIOLATIONS, DataTypes.createArrayType(DataTypes.StringType), true));
    fields.add(DataTypes.createStructField(RAW, DataTypes.StringType, true));
    return DataTypes.createStructType(fields);
  }

  /** The quarantine table, shared by all feeds. */
  public static StructType quarantine() {
    List<StructField> fields = new ArrayList<>(metadataFields());
    fields.add(DataTypes.createStructField(VIOLATIONS, DataTypes.createArrayType(DataTypes.StringType), false));
    fields.add(DataTypes.createStructField(RAW, DataTypes.StringType, false));
    return DataTypes.createStructType(fields);
  }
}
