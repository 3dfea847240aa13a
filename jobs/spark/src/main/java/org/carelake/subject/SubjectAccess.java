package org.carelake.subject;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.regexp_replace;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.carelake.contract.Contract;
import org.carelake.error.CareLakeErrors;
import org.carelake.identity.NhsNumber;
import org.carelake.ingest.IngestSchemas;
import org.carelake.lake.DeltaIo;
import org.carelake.lake.Lake;
import org.carelake.lake.LakeTables;
import org.carelake.lake.TableRef;
import org.carelake.lake.Zone;
import org.carelake.link.IdentityColumns;
import org.carelake.pseudonym.PersonKeys;
import org.carelake.pseudonym.PseudonymKey;

/**
 * A subject access request: everything the restricted and pseudonymised zones hold about one
 * person, found from their NHS number. The person is who the master person index says: every
 * identity record carrying the number, every record linked to the same person, and from those the
 * raw rows (by identity record, or carrying the number), the other restricted tables (by identity record or person id),
 * the quarantined rows whose text carries the number, and every silver row under the person's key.
 * Tables are found in the lake, so a new one is not missed. One person's rows are small, so they
 * are gathered on the driver for the export file.
 */
public final class SubjectAccess {
  /** Restricted tables searched another way (raw tables by identity record, quarantine by text) or holding nothing per person. */
  private static final Set<String> NOT_BY_ID = Set.of("identity", "quarantine", "ingest_ledger");

  /** The export: one section per table, in zone order, each with the person's rows as JSON objects. */
  public record Export(Map<String, List<String>> sections) {
    public Export {
      sections = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(sections));
    }

    public long rows() {
      return sections.values().stream().mapToLong(List::size).sum();
    }

    /** Writes the export as one JSON document readable by a person, owner-only where the file system allows. */
    public void write(Path file, String reference, Instant at) {
      ObjectMapper json = new ObjectMapper();
      ObjectNode root = json.createObjectNode();
      root.put("subject_access_request", reference);
      root.put("generated_at", at.toString());
      root.put("about", "Everything CareLake's restricted zone (records as received, identity records, linkage) and"
          + " pseudonymised zone (de-identified records under the person's pseudonym) hold about one person.");
      ArrayNode tables = root.putArray("sections");
      try {
        for (Map.Entry<String, List<String>> section : sections.entrySet()) {
          ObjectNode node = tables.addObject();
          node.put("table", section.getKey());
          node.put("rows_count", section.getValue().size());
          ArrayNode rows = node.putArray("rows");
          for (String row : section.getValue()) {
            rows.add(json.readTree(row));
          }
        }
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
          Files.createDirectories(parent);
        }
        Files.writeString(file, json.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
        try {
          Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
          // not a POSIX file system
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot write the subject access export " + file, e);
      }
    }
  }

  private final DeltaIo io;
  private final Lake lake;
  private final List<Contract> contracts;
  private final PersonKeys keys;

  public SubjectAccess(DeltaIo io, Lake lake, List<Contract> contracts, PseudonymKey key) {
    this.io = requireNonNull(io, "io is null");
    this.lake = requireNonNull(lake, "lake is null");
    this.contracts = List.copyOf(contracts);
    this.keys = new PersonKeys(requireNonNull(key, "key is null"));
  }

  /** Who the request is about: the number, every identity record and person id of theirs, and their person keys. */
  public record Subject(String number, Set<String> ids, List<String> personKeys) {
    public Subject {
      requireNonNull(number, "number is null");
      ids = Set.copyOf(ids);
      personKeys = List.copyOf(personKeys);
    }
  }

  /**
   * One table's rows about the subject: the table read with any helper column its filter needs
   * ({@code _identity_id} for raw tables), and the filter.
   */
  public record Selection(TableRef table, Dataset<Row> rows, Column about, List<String> helpers) {
    /** The rows about the subject, as the table holds them. */
    public Dataset<Row> aboutSubject() {
      return rows.where(about).drop(helpers.toArray(new String[0]));
    }

    /** Every other row, as the table holds them (a row the filter cannot decide is kept). */
    public Dataset<Row> everyoneElse() {
      return rows.where(functions.not(functions.coalesce(about, functions.lit(false)))).drop(helpers.toArray(new String[0]));
    }
  }

  public Export export(String nhsNumber) {
    Map<String, List<String>> sections = new LinkedHashMap<>();
    for (Selection selection : selections(locate(nhsNumber))) {
      sections.put(selection.table().qualifiedName(), json(selection.aboutSubject()));
    }
    return new Export(sections);
  }

  /** Finds the person: the identity records carrying the number, their linked persons, and every record linked to those. */
  public Subject locate(String nhsNumber) {
    String number = NhsNumber.normalise(requireNonNull(nhsNumber, "nhsNumber is null"));
    if (!number.matches("[0-9]{10}")) {
      throw CareLakeErrors.configuration("an NHS number has 10 digits (spaces allowed)");
    }
    Set<String> identities = new LinkedHashSet<>();
    Set<String> persons = new LinkedHashSet<>();
    if (io.exists(lake.identity())) {
      identities.addAll(strings(io.read(lake.identity()).where(col("nhs_number").equalTo(number)).select("identity_id")));
    }
    TableRef links = lake.restricted("person_link");
    if (io.exists(links) && !identities.isEmpty()) {
      persons.addAll(strings(io.read(links).where(col("identity_id").isin(identities.toArray())).select("person_id")));
      if (!persons.isEmpty()) {
        identities.addAll(strings(io.read(links).where(col("person_id").isin(persons.toArray())).select("identity_id")));
      }
    }
    Set<String> ids = new LinkedHashSet<>(identities);
    ids.addAll(persons);
    return new Subject(number, ids, persons.stream().map(keys::personKey).toList());
  }

  /** Every table of the restricted and pseudonymised zones that can hold rows about the subject, found in the lake. */
  public List<Selection> selections(Subject subject) {
    List<Selection> selections = new ArrayList<>();
    Object[] ids = subject.ids().toArray();
    if (io.exists(lake.identity())) {
      selections.add(new Selection(lake.identity(), io.read(lake.identity()), col("identity_id").isin(ids), List.of()));
    }
    for (TableRef table : LakeTables.inZone(io, lake, Zone.RESTRICTED)) {
      if (table.name().startsWith("raw_") || NOT_BY_ID.contains(table.name())) {
        continue;
      }
      Dataset<Row> rows = io.read(table);
      byId(rows, subject.ids()).ifPresent(filter -> selections.add(new Selection(table, rows, filter, List.of())));
    }
    for (Contract contract : contracts) {
      TableRef raw = lake.raw(contract.id());
      Optional<IdentityColumns> identity = IdentityColumns.of(contract);
      if (!io.exists(raw)) {
        continue;
      }
      if (identity.isEmpty()) {
        // A feed that is never linked (an opt-out list) but may still carry the number.
        Dataset<Row> rows = io.read(raw);
        if (Arrays.asList(rows.columns()).contains("nhs_number")) {
          selections.add(new Selection(raw, rows, regexp_replace(col("nhs_number"), "[ -]", "").equalTo(subject.number()), List.of()));
        }
        continue;
      }
      Dataset<Row> rows = identity.get().withIdentityId(io.read(raw));
      Column mine = col("_identity_id").isin(ids);
      if (Arrays.asList(rows.columns()).contains("nhs_number")) {
        // Rows carrying the number that no linked record holds (an opt-out list, a record not yet linked).
        mine = mine.or(regexp_replace(col("nhs_number"), "[ -]", "").equalTo(subject.number()));
      }
      selections.add(new Selection(raw, rows, mine, List.of("_identity_id")));
    }
    if (io.exists(lake.quarantine())) {
      // Quarantined rows failed their contract, perhaps before an identity could be made: found by the number in their text.
      String pattern = "(^|[^0-9])" + subject.number() + "([^0-9]|$)";
      selections.add(new Selection(lake.quarantine(), io.read(lake.quarantine()),
          regexp_replace(col(IngestSchemas.RAW), "[ -]", "").rlike(pattern), List.of()));
    }
    for (TableRef table : LakeTables.inZone(io, lake, Zone.SILVER)) {
      Dataset<Row> rows = io.read(table);
      if (Arrays.asList(rows.columns()).contains("person_key")) {
        selections.add(new Selection(table, rows, col("person_key").isin(subject.personKeys().toArray()), List.of()));
      }
    }
    return selections;
  }

  /** Rows whose identity record or person id columns name one of {@code ids}; empty when the table has no such column. */
  private static Optional<Column> byId(Dataset<Row> rows, Set<String> ids) {
    Column filter = null;
    for (String column : rows.columns()) {
      if (column.equals("identity_id") || column.equals("person_id") || column.endsWith("_identity_id") || column.endsWith("_person_id")) {
        Column match = col(column).isin(ids.toArray());
        filter = filter == null ? match : filter.or(match);
      }
    }
    return Optional.ofNullable(filter);
  }

  private static List<String> strings(Dataset<Row> oneColumn) {
    List<String> values = new ArrayList<>();
    for (Row row : oneColumn.distinct().collectAsList()) {
      if (!row.isNullAt(0)) {
        values.add(row.getString(0));
      }
    }
    return values;
  }

  private static List<String> json(Dataset<Row> rows) {
    return rows.toJSON().collectAsList();
  }
}
