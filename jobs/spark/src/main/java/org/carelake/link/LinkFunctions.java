package org.carelake.link;

import static org.apache.spark.sql.functions.udf;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.api.java.UDF4;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.carelake.linkage.BlockingRule;
import org.carelake.linkage.Comparisons;
import org.carelake.linkage.FellegiSunterModel;
import org.carelake.linkage.Field;
import org.carelake.linkage.IdentityRecord;
import org.carelake.linkage.IdentityStandardiser;
import org.carelake.linkage.Level;
import org.carelake.linkage.NumberFounders;

/**
 * The linkage rules of {@code org.carelake.linkage} as Spark functions. Row logic stays in the
 * Spark-free core; these only adapt rows to {@link IdentityRecord}s. Identity structs are
 * {@code struct(nhs_number, given_name, family_name, date_of_birth, sex, postcode, address)}.
 */
final class LinkFunctions {
  static final UserDefinedFunction STD_NHS =
      udf((UDF1<String, String>) IdentityStandardiser::nhsNumber, DataTypes.StringType);
  static final UserDefinedFunction NHS_USABLE =
      udf((UDF1<String, Boolean>) nhs -> nhs != null && usable(nhs), DataTypes.BooleanType);
  static final UserDefinedFunction STD_NAME =
      udf((UDF1<String, String>) IdentityStandardiser::name, DataTypes.StringType);
  static final UserDefinedFunction STD_SEX =
      udf((UDF1<String, String>) IdentityStandardiser::sex, DataTypes.StringType);
  static final UserDefinedFunction STD_POSTCODE =
      udf((UDF1<String, String>) IdentityStandardiser::postcode, DataTypes.StringType);
  static final UserDefinedFunction STD_ADDRESS =
      udf((UDF1<String, String>) IdentityStandardiser::address, DataTypes.StringType);

  /** Every blocking key ("RULE|key") of an identity struct. */
  static final UserDefinedFunction BLOCKING_KEYS =
      udf((UDF1<Row, List<String>>) row -> BlockingRule.keys(record(row)), DataTypes.createArrayType(DataTypes.StringType));

  /** {@link BlockingRule#numberNeighbourKeys} of a standardised NHS number (none when null): a new number's. */
  static final UserDefinedFunction NUMBER_NEIGHBOUR_KEYS =
      udf((UDF1<String, List<String>>) nhs -> nhs == null ? List.of() : BlockingRule.numberNeighbourKeys(nhs),
          DataTypes.createArrayType(DataTypes.StringType));
  /** {@link BlockingRule#numberNeighbourKeysOfKnown} of a standardised NHS number (none when null): a known record's. */
  static final UserDefinedFunction KNOWN_NUMBER_NEIGHBOUR_KEYS =
      udf((UDF1<String, List<String>>) nhs -> nhs == null ? List.of() : BlockingRule.numberNeighbourKeysOfKnown(nhs),
          DataTypes.createArrayType(DataTypes.StringType));

  /**
   * The packed comparison pattern of two identity structs. Address and postcode are one household's
   * evidence: where the postcodes agree exactly the address is not counted again (it would double
   * the weight of living together, which twins and spouses share); it counts where the postcodes
   * differ, as a typo or an old postcode at the same address.
   */
  static final UserDefinedFunction COMPARE =
      udf((UDF2<Row, Row, Integer>) (a, b) -> Comparisons.pack(compare(record(a), record(b))), DataTypes.IntegerType);

  /** True when a packed pattern's NHS numbers differ by one transposition or digit. */
  static final UserDefinedFunction NHS_TRANSPOSED = udf((UDF1<Integer, Boolean>) pattern ->
      Field.NHS_NUMBER.levels().get(Comparisons.unpack(pattern)[Field.NHS_NUMBER.ordinal()]) == Level.TRANSPOSED,
      DataTypes.BooleanType);

  /** False when a packed pattern rules out an automatic link ({@link org.carelake.linkage.MatchThresholds#automatic}). */
  static final UserDefinedFunction AUTOMATIC = udf((UDF1<Integer, Boolean>) pattern ->
      org.carelake.linkage.MatchThresholds.automatic(Comparisons.unpack(pattern)), DataTypes.BooleanType);

  /** How many fields a packed pattern compared (both sides present). */
  static final UserDefinedFunction FIELDS_COMPARED = udf((UDF1<Integer, Integer>) pattern -> {
    int compared = 0;
    for (int level : Comparisons.unpack(pattern)) {
      compared += level == 0 ? 0 : 1;
    }
    return compared;
  }, DataTypes.IntegerType);

  static int[] compare(IdentityRecord a, IdentityRecord b) {
    int[] levels = Comparisons.compare(a, b);
    if (Field.POSTCODE.levels().get(levels[Field.POSTCODE.ordinal()]) == Level.EXACT) {
      levels[Field.ADDRESS.ordinal()] = 0;
    }
    return levels;
  }

  /**
   * True unless the two records' demographics contradict each other. A different given name (not a
   * typo, nickname, phonetic variant or initial) contradicts — twins share everything else. A
   * different date of birth contradicts unless both names are present and agree (a mistyped date
   * under the same name and number). A surname may differ (marriage); missing fields never
   * contradict.
   */
  static final UserDefinedFunction AGREES = udf((UDF2<Row, Row, Boolean>) (a, b) -> agrees(record(a), record(b)),
      DataTypes.BooleanType);

  private LinkFunctions() {}

  static boolean agrees(IdentityRecord a, IdentityRecord b) {
    return NumberFounders.agrees(a, b);
  }

  private static final StructType FOUNDER_ROLE = new StructType()
      .add("identity_id", DataTypes.StringType, false)
      .add("person_id", DataTypes.StringType, true)
      .add("role", DataTypes.StringType, false);

  /**
   * The roles ({@link NumberFounders#decide}) of one new number's records, given as an array of
   * {@code struct(identity_id, struct(identity fields))} sorted by identity id: per record its
   * identity id, the founder's identity id (the new person) when it founds or joins, and the role.
   */
  static final UserDefinedFunction FOUNDER_ROLES = udf((UDF1<scala.collection.Seq<Row>, List<Row>>) records -> {
    List<Row> rows = scala.jdk.javaapi.CollectionConverters.asJava(records);
    List<IdentityRecord> identities = new ArrayList<>(rows.size());
    rows.forEach(row -> identities.add(record(row.getStruct(1))));
    List<NumberFounders.Role> roles = NumberFounders.decide(identities);
    String founder = null;
    for (int i = 0; i < roles.size(); i++) {
      if (roles.get(i) == NumberFounders.Role.FOUNDER) {
        founder = rows.get(i).getString(0);
      }
    }
    List<Row> out = new ArrayList<>(rows.size());
    for (int i = 0; i < roles.size(); i++) {
      NumberFounders.Role role = roles.get(i);
      boolean joined = role == NumberFounders.Role.FOUNDER || role == NumberFounders.Role.JOINS;
      out.add(RowFactory.create(rows.get(i).getString(0), joined ? founder : null, role.name()));
    }
    return out;
  }, DataTypes.createArrayType(FOUNDER_ROLE));

  /** Match weight of a packed pattern with term frequencies (NaN when unknown) of the exact-matched names and postcode. */
  static UserDefinedFunction weight(FellegiSunterModel model) {
    return udf((UDF4<Integer, Double, Double, Double, Double>) (pattern, given, family, postcode) ->
        model.matchWeight(Comparisons.unpack(pattern), frequencies(given, family, postcode)), DataTypes.DoubleType);
  }

  /** The fields that drove a decision, as levels and weights: never values. */
  static UserDefinedFunction drivers(FellegiSunterModel model) {
    return udf((UDF4<Integer, Double, Double, Double, String>) (pattern, given, family, postcode) ->
        model.explain(Comparisons.unpack(pattern), frequencies(given, family, postcode)).summary(), DataTypes.StringType);
  }

  static double[] frequencies(Double given, Double family, Double postcode) {
    double[] tf = new double[Field.values().length];
    java.util.Arrays.fill(tf, Double.NaN);
    tf[Field.GIVEN_NAME.ordinal()] = given == null ? Double.NaN : given;
    tf[Field.FAMILY_NAME.ordinal()] = family == null ? Double.NaN : family;
    tf[Field.POSTCODE.ordinal()] = postcode == null ? Double.NaN : postcode;
    return tf;
  }

  static boolean usable(String nhs) {
    return new IdentityRecord(nhs, null, null, null, null, null, null).hasUsableNhsNumber();
  }

  static IdentityRecord record(Row row) {
    if (row == null) {
      return new IdentityRecord(null, null, null, null, null, null, null);
    }
    return new IdentityRecord(row.getString(0), row.getString(1), row.getString(2), date(row.get(3)), row.getString(4),
        row.getString(5), row.getString(6));
  }

  private static LocalDate date(Object value) {
    if (value == null) {
      return null;
    }
    return value instanceof LocalDate local ? local : ((java.sql.Date) value).toLocalDate();
  }

  /** The struct the functions above take, from a records dataset's columns (optionally prefixed). */
  static org.apache.spark.sql.Column struct(String prefix) {
    List<org.apache.spark.sql.Column> fields = new ArrayList<>();
    for (String name : List.of("nhs_number", "given_name", "family_name", "date_of_birth", "sex", "postcode", "address")) {
      fields.add(org.apache.spark.sql.functions.col(prefix + name));
    }
    return org.apache.spark.sql.functions.struct(fields.toArray(new org.apache.spark.sql.Column[0]));
  }
}
