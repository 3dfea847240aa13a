package org.carelake.link;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.carelake.error.CareLakeErrors;
import org.carelake.lake.DeltaIo;
import org.carelake.lake.Lake;
import org.carelake.lake.TableRef;

/**
 * The data engineer's side of clerical review: list the uncertain pairs and record a decision
 * (LINK or NO_LINK), which the next night's link stage applies and respects from then on.
 */
public final class ClericalReview {
  /** A pair to review: ids, score and drivers; identifiers only when asked for. */
  public record Pair(String pairId, String identityId, String candidatePersonId, double probability, String drivers,
      String raisedNight, String status, List<String> recordIdentifiers, List<String> candidateIdentifiers) {}

  private final DeltaIo io;
  private final Lake lake;
  private final TableRef table;

  public ClericalReview(DeltaIo io, Lake lake) {
    this.io = requireNonNull(io, "io is null");
    this.lake = requireNonNull(lake, "lake is null");
    this.table = lake.restricted("clerical_review");
  }

  public List<Pair> list(String status, int limit, boolean withIdentifiers) {
    List<Pair> pairs = new ArrayList<>();
    if (!io.exists(table)) {
      return pairs;
    }
    for (Row row : io.read(table).filter(status.equals("ALL") ? lit(true) : col("status").equalTo(status))
        .orderBy(col("match_probability").desc(), col("pair_id")).limit(limit).collectAsList()) {
      String identity = row.getAs("identity_id");
      String person = row.getAs("candidate_person_id");
      pairs.add(new Pair(row.getAs("pair_id"), identity, person, row.<Double>getAs("match_probability"), row.getAs("drivers"),
          String.valueOf((Object) row.getAs("raised_night")), row.getAs("status"),
          withIdentifiers ? identifiers(col("identity_id").equalTo(identity)) : List.of(),
          withIdentifiers ? identifiers(col("identity_id").isin(recordsOf(person).toArray())) : List.of()));
    }
    return pairs;
  }

  /** Records a decision on the pair whose id starts with {@code pairPrefix}; returns the full pair id. */
  public String decide(String pairPrefix, boolean link, String decidedBy, Instant at) {
    if (pairPrefix.length() < 8) {
      throw CareLakeErrors.configuration("give at least 8 characters of the pair id");
    }
    List<Row> matches = io.exists(table)
        ? io.read(table).filter(col("pair_id").startsWith(pairPrefix)).select("pair_id", "status").limit(2).collectAsList()
        : List.of();
    if (matches.size() != 1) {
      throw CareLakeErrors.configuration(matches.isEmpty() ? "no review pair " + pairPrefix + " (see: carelake review list)"
          : "pair id prefix " + pairPrefix + " is ambiguous; give more characters");
    }
    String pairId = matches.get(0).getString(0);
    Map<String, org.apache.spark.sql.Column> set = new HashMap<>();
    set.put("status", lit(link ? "LINK" : "NO_LINK"));
    set.put("decided_by", lit(decidedBy));
    set.put("decided_at", lit(java.sql.Timestamp.from(at)));
    set.put("applied_night", lit(null).cast("date"));
    io.delta(table).update(col("pair_id").equalTo(pairId), set);
    return pairId;
  }

  private List<String> recordsOf(String person) {
    List<String> ids = new ArrayList<>();
    io.read(lake.restricted("person_link")).filter(col("person_id").equalTo(person)).select("identity_id").limit(20)
        .collectAsList().forEach(r -> ids.add(r.getString(0)));
    return ids;
  }

  private List<String> identifiers(org.apache.spark.sql.Column which) {
    List<String> lines = new ArrayList<>();
    for (Row r : io.read(lake.restricted("identity")).filter(which)
        .select("nhs_number", "given_name", "family_name", "date_of_birth", "sex", "postcode", "address").limit(20)
        .collectAsList()) {
      List<String> cells = new ArrayList<>();
      for (int i = 0; i < r.size(); i++) {
        cells.add(r.get(i) == null ? "-" : r.get(i).toString());
      }
      lines.add(String.join(" | ", cells));
    }
    return lines;
  }
}
