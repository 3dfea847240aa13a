package org.carelake.link;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sha2;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.carelake.contract.Contract;
import org.carelake.contract.PrivacyClasses;
import org.carelake.ingest.IngestSchemas;

/**
 * How one feed's raw rows carry identity: the canonical identifier properties its contract
 * classifies as direct or quasi-identifiers, plus the source's local patient id where the contract
 * declares one. The link stage and the silver stage both derive a row's identity record through
 * this class, so the two agree on {@code identity_id} by construction.
 */
public final class IdentityColumns {
  /**
   * The identity record's schema, not a list of what is identifying: the canonical linkage
   * properties the vault record is built from ({@code sql/ddl/restricted/identity.sql}), each with
   * its own standardisation. A contract's column enters the record only when it has one of these
   * names and the contract classifies it as a direct or quasi-identifier ({@link PrivacyClasses});
   * a direct identifier that is not a linkage property (a telephone number, a new column) stays in
   * the feed's raw table, is kept out of silver by the silver mapping check and is hunted by the
   * identifier-leak gate, all from the same classification.
   */
  public static final List<String> FIELDS =
      List.of("nhs_number", "given_name", "family_name", "date_of_birth", "sex", "postcode", "address_line");

  /** Columns of an identity record, as in {@code sql/ddl/restricted/identity.sql}. */
  public static final List<String> RECORD =
      List.of("identity_id", "nhs_number", "nhs_usable", "given_name", "family_name", "date_of_birth", "sex", "postcode",
          "address", "local_namespace", "local_id");

  private static final String NULL_MARK = "\u0001";

  private final Contract contract;
  private final List<String> present;

  private IdentityColumns(Contract contract, List<String> present) {
    this.contract = contract;
    this.present = List.copyOf(present);
  }

  /**
   * The feed's identity columns, or empty when its rows carry no identifier at all, or when the
   * feed is an opt-out list: its NHS numbers say who is excluded from outputs, they are not records
   * of anyone's care, so they never enter the vault or the master person index.
   */
  public static Optional<IdentityColumns> of(Contract contract) {
    if (!contract.reachesSilver()) {
      return Optional.empty();
    }
    List<String> present = new ArrayList<>();
    for (String field : FIELDS) {
      if (PrivacyClasses.isIdentifying(contract, field)) {
        present.add(field);
      }
    }
    if (present.isEmpty() && contract.patientId().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new IdentityColumns(contract, present));
  }

  public Contract contract() {
    return contract;
  }

  /** True when the feed's rows carry demographics (names or date of birth), not only ids. */
  public boolean hasDemographics() {
    return present.contains("date_of_birth") || present.contains("family_name") || present.contains("given_name");
  }

  /**
   * The standardised identity record of every raw row, with the row's load metadata kept
   * ({@code _borough}, {@code night}, {@code _source_sha256}, {@code _source_row}).
   */
  public Dataset<Row> records(Dataset<Row> raw) {
    List<Column> columns = new ArrayList<>(standardised(""));
    for (String meta : List.of(IngestSchemas.BOROUGH, IngestSchemas.NIGHT, IngestSchemas.SOURCE_SHA256, IngestSchemas.SOURCE_ROW)) {
      columns.add(col(meta));
    }
    return raw.select(columns.toArray(new Column[0])).withColumn("identity_id", identityId(""));
  }

  /** The raw rows with their identity record's id as {@code _identity_id}, every raw column kept. */
  public Dataset<Row> withIdentityId(Dataset<Row> raw) {
    String prefix = "_std_";
    List<Column> columns = new ArrayList<>();
    for (String name : raw.columns()) {
      columns.add(col(name));
    }
    columns.addAll(standardised(prefix));
    Dataset<Row> with = raw.select(columns.toArray(new Column[0])).withColumn("_identity_id", identityId(prefix));
    for (String field : STANDARDISED) {
      with = with.drop(prefix + field);
    }
    return with;
  }

  private static final List<String> STANDARDISED = List.of("nhs_number", "nhs_usable", "given_name", "family_name",
      "date_of_birth", "sex", "postcode", "address", "local_namespace", "local_id");

  private List<Column> standardised(String prefix) {
    List<Column> columns = new ArrayList<>();
    Column nhs = LinkFunctions.STD_NHS.apply(source("nhs_number"));
    columns.add(nhs.as(prefix + "nhs_number"));
    columns.add(LinkFunctions.NHS_USABLE.apply(nhs).as(prefix + "nhs_usable"));
    columns.add(LinkFunctions.STD_NAME.apply(source("given_name")).as(prefix + "given_name"));
    columns.add(LinkFunctions.STD_NAME.apply(source("family_name")).as(prefix + "family_name"));
    columns.add((present.contains("date_of_birth") ? col("date_of_birth").cast("date") : lit(null).cast("date"))
        .as(prefix + "date_of_birth"));
    columns.add(LinkFunctions.STD_SEX.apply(source("sex")).as(prefix + "sex"));
    columns.add(LinkFunctions.STD_POSTCODE.apply(source("postcode")).as(prefix + "postcode"));
    columns.add(LinkFunctions.STD_ADDRESS.apply(source("address_line")).as(prefix + "address"));
    Optional<Contract.PatientId> patientId = contract.patientId();
    columns.add(patientId.isPresent()
        ? org.apache.spark.sql.functions.concat(lit(patientId.get().namespace() + "/"), col(IngestSchemas.BOROUGH))
            .as(prefix + "local_namespace")
        : lit(null).cast("string").as(prefix + "local_namespace"));
    columns.add(patientId.isPresent()
        ? col(patientId.get().column()).cast("string").as(prefix + "local_id")
        : lit(null).cast("string").as(prefix + "local_id"));
    return columns;
  }

  /** SHA-256 over the standardised fields and local id of a {@link #records} row. */
  private static Column identityId(String prefix) {
    List<Column> parts = new ArrayList<>();
    for (String field : List.of("nhs_number", "given_name", "family_name", "date_of_birth", "sex", "postcode", "address",
        "local_namespace", "local_id")) {
      parts.add(coalesce(col(prefix + field).cast("string"), lit(NULL_MARK)));
    }
    return sha2(concat_ws("\u001f", parts.toArray(new Column[0])), 256);
  }

  private Column source(String field) {
    return present.contains(field) ? col(field).cast("string") : lit(null).cast("string");
  }
}
