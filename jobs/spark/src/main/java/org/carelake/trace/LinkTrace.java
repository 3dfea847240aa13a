package org.carelake.trace;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.carelake.error.CareLakeErrors;
import org.carelake.lake.DeltaIo;
import org.carelake.lake.Lake;
import org.carelake.lake.TableRef;

/**
 * The master person index's side of a trace: an identity record's link (person, method, score,
 * drivers, rule or model version), merges and splits involving its person, and review pairs; or,
 * for a person, every record linked to it.
 */
public final class LinkTrace {
  private final DeltaIo io;
  private final Lake lake;

  public LinkTrace(DeltaIo io, Lake lake) {
    this.io = requireNonNull(io, "io is null");
    this.lake = requireNonNull(lake, "lake is null");
  }

  void identity(TraceReport report, String identityId, boolean showIdentifiers) {
    TableRef vault = lake.restricted("identity");
    if (identityId == null || !io.exists(vault)) {
      report.add("identity", "no identity record (the feed carries no identifiers, or link has not run)");
      return;
    }
    List<Row> records = io.read(vault).filter(col("identity_id").equalTo(identityId)).collectAsList();
    if (records.isEmpty()) {
      report.add("identity", "record " + TraceReport.shortId(identityId) + " is not in the vault yet: run the link stage");
      return;
    }
    Row record = records.get(0);
    report.countRows(1);
    report.add("identity", "record " + TraceReport.shortId(identityId) + ", first seen " + record.getAs("first_seen_night")
        + " in " + record.getAs("first_feed") + " (" + record.getAs("first_borough") + "); NHS number "
        + (record.<String>getAs("nhs_number") == null ? "missing" : record.<Boolean>getAs("nhs_usable") ? "usable" : "unusable"));
    if (showIdentifiers) {
      report.add("identifiers", String.join(" | ", List.of(String.valueOf((Object) record.getAs("nhs_number")),
          String.valueOf((Object) record.getAs("given_name")), String.valueOf((Object) record.getAs("family_name")),
          String.valueOf((Object) record.getAs("date_of_birth")), String.valueOf((Object) record.getAs("sex")),
          String.valueOf((Object) record.getAs("postcode")), String.valueOf((Object) record.getAs("address")))));
    }
    List<Row> links = io.read(lake.restricted("person_link")).filter(col("identity_id").equalTo(identityId)).collectAsList();
    if (links.isEmpty()) {
      report.add("person", "none yet: the record waits for a usable NHS number, a known local id or matching demographics");
    } else {
      Row link = links.get(0);
      String person = link.getAs("person_id");
      Double probability = link.getAs("match_probability");
      Double weight = link.getAs("match_weight");
      report.add("person", "person " + TraceReport.shortId(person) + ", linked " + link.getAs("linked_night") + " by "
          + link.getAs("method") + (probability == null ? "" : String.format(Locale.ROOT, ", p=%.4f (weight %.1f)", probability, weight))
          + ", rule " + link.getAs("rule_version"));
      report.add("drivers", link.getAs("drivers"));
      events(report, person);
    }
    TableRef review = lake.restricted("clerical_review");
    if (io.exists(review)) {
      for (Row pair : io.read(review).filter(col("identity_id").equalTo(identityId)).orderBy("raised_night").collectAsList()) {
        report.add("review", String.format(Locale.ROOT, "%s with person %s, p=%.4f, raised %s", pair.<String>getAs("status"),
            TraceReport.shortId(pair.getAs("candidate_person_id")), pair.<Double>getAs("match_probability"),
            pair.getAs("raised_night")));
      }
    }
  }

  /** Every record linked to a person (given by id or a unique prefix of it). */
  public TraceReport person(String idOrPrefix) {
    if (idOrPrefix.length() < 8) {
      throw CareLakeErrors.configuration("give at least 8 characters of the person id");
    }
    Dataset<Row> links = io.read(lake.restricted("person_link")).filter(col("person_id").startsWith(idOrPrefix));
    List<String> persons = new ArrayList<>();
    links.select("person_id").distinct().limit(2).collectAsList().forEach(r -> persons.add(r.getString(0)));
    if (persons.size() != 1) {
      throw CareLakeErrors.configuration(persons.isEmpty() ? "no person " + idOrPrefix + " in restricted.person_link"
          : "person id prefix " + idOrPrefix + " is ambiguous; give more characters");
    }
    String person = persons.get(0);
    TraceReport report = new TraceReport("Person " + TraceReport.shortId(person));
    Dataset<Row> records = links.filter(col("person_id").equalTo(person))
        .join(io.read(lake.restricted("identity")), "identity_id");
    long count = records.count();
    report.countRows(count);
    report.add("records", count + " identity records");
    for (Row row : records.groupBy("first_feed", "method").count().orderBy("first_feed", "method").collectAsList()) {
      report.add("  " + row.getString(0), row.getLong(2) + " linked by " + row.getString(1));
    }
    events(report, person);
    return report;
  }

  private void events(TraceReport report, String person) {
    TableRef table = lake.restricted("link_event");
    if (!io.exists(table)) {
      return;
    }
    for (Row event : io.read(table).filter(col("person_id").equalTo(person).or(col("other_person_id").equalTo(person)))
        .orderBy("night", "event_id").collectAsList()) {
      String kind = event.getAs("kind");
      boolean kept = person.equals(event.getAs("person_id"));
      String other = kept ? event.getAs("other_person_id") : event.getAs("person_id");
      String what = kind.equals("MERGE")
          ? (kept ? "absorbed person " : "merged into person ") + TraceReport.shortId(other)
          : (kept ? "split off from person " : "lost a record to new person ") + TraceReport.shortId(other);
      report.add("event", event.getAs("night") + " " + kind + ": " + what + " (" + event.getAs("reason") + ")");
    }
  }
}
