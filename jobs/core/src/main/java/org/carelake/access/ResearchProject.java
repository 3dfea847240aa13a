package org.carelake.access;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.carelake.error.CareLakeErrors;

/**
 * An approved research project, as the access policy's {@code projects:} section declares it: its
 * id, title, approved purpose, the last day its approval covers ({@code expires}), the datasets it
 * receives (per-project gold SQL files, {@code sql/gold/<dataset>.sql}) and a reference to its own
 * pseudonym key.
 *
 * <p>Each dataset is published to the project as its own table, {@link #table} (e.g. {@code
 * gold.cohort_t2dm__demo}), whose person ids are the project's own pseudonyms: two projects' tables
 * of the same people join on nobody. The key reference is a key id ({@code key: <id>}) resolved to
 * a key file outside the lake and git ({@link org.carelake.pseudonym.ProjectKeys}), or {@code key:
 * derived}: the project's pseudonyms come from the lake key under the project's own label.
 *
 * <p>A project is active up to and including the day it expires; from the day after, its tables are
 * neither built nor served, and the ones already published are removed.
 */
public record ResearchProject(
    String id, String title, String purpose, LocalDate expires, List<String> datasets, Optional<String> key) {
  /** The key reference meaning "no own key file: derive from the lake key under the project's label". */
  public static final String DERIVED = "derived";

  private static final Pattern ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
  private static final Pattern DATASET = Pattern.compile("[a-z][a-z0-9]*(_[a-z0-9]+)*");
  private static final Pattern KEY = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
  private static final List<String> FIELDS = List.of("title", "purpose", "expires", "datasets", "key");
  /** Between a dataset and the project in a table name; no dataset or project id holds it. */
  static final String SEPARATOR = "__";

  public ResearchProject {
    requireNonNull(id, "id is null");
    requireNonNull(title, "title is null");
    requireNonNull(purpose, "purpose is null");
    requireNonNull(expires, "expires is null");
    datasets = List.copyOf(datasets);
    requireNonNull(key, "key is null");
  }

  /**
   * Reads one entry of the policy's {@code projects:} section; every problem is a configuration
   * error naming the file, the project and how to fix it.
   */
  static ResearchProject parse(String id, Map<String, Object> body, String origin) {
    String where = origin + " project " + id;
    if (!ID.matcher(id).matches() || id.length() > 40) {
      throw CareLakeErrors.configuration(where + ": a project id is lower-case letters, digits and hyphens (at most 40)");
    }
    if (body.containsKey("tables")) {
      throw CareLakeErrors.configuration(where + ": list the project's datasets (datasets: [cohort_t2dm]), not tables;"
          + " each dataset is published to it as gold.<dataset>" + SEPARATOR + "<project>");
    }
    for (String field : body.keySet()) {
      if (!FIELDS.contains(field)) {
        throw CareLakeErrors.configuration(where + " has an unknown field '" + field + "'; a project declares " + FIELDS);
      }
    }
    String title = required(body, "title", where);
    String purpose = required(body, "purpose", where);
    LocalDate expires;
    try {
      // YAML reads an unquoted 2027-03-31 as a timestamp at midnight UTC; a quoted one as text.
      expires = body.get("expires") instanceof java.util.Date date
          ? LocalDate.ofInstant(date.toInstant(), java.time.ZoneOffset.UTC)
          : LocalDate.parse(required(body, "expires", where));
    } catch (DateTimeParseException e) {
      throw CareLakeErrors.configuration(where + " expires must be an ISO date (YYYY-MM-DD), the last day of its approval");
    }
    if (!(body.get("datasets") instanceof List<?> listed) || listed.isEmpty()) {
      throw CareLakeErrors.configuration(where + " must list the datasets it receives (datasets: [cohort_t2dm])");
    }
    List<String> datasets = new ArrayList<>();
    for (Object item : listed) {
      String dataset = String.valueOf(item).strip();
      if (!DATASET.matcher(dataset).matches()) {
        throw CareLakeErrors.configuration(where + " dataset '" + dataset
            + "' must be the name of a per-project gold SQL file (lower case, digits, single underscores)");
      }
      if (datasets.contains(dataset)) {
        throw CareLakeErrors.configuration(where + " lists dataset " + dataset + " twice");
      }
      datasets.add(dataset);
    }
    String key = required(body, "key", where);
    if (!KEY.matcher(key).matches()) {
      throw CareLakeErrors.configuration(where + " key must be a key id (lower case, digits, '.', '_', '-') naming its key file,"
          + " or '" + DERIVED + "'; never a key value");
    }
    return new ResearchProject(id, title, purpose, expires, datasets,
        key.equals(DERIVED) ? Optional.empty() : Optional.of(key));
  }

  private static String required(Map<String, Object> body, String field, String where) {
    Object value = body.get(field);
    String text = value == null ? "" : String.valueOf(value).strip();
    if (text.isEmpty()) {
      throw CareLakeErrors.configuration(where + " needs its " + field);
    }
    return text;
  }

  /** Whether the project's approval covers this night: up to and including the day it expires. */
  public boolean activeOn(LocalDate night) {
    return !night.isAfter(expires);
  }

  /** Whether the project receives this dataset. */
  public boolean receives(String dataset) {
    return datasets.contains(dataset);
  }

  /** The gold table (name within the zone) that carries this dataset for this project, e.g. {@code cohort_t2dm__demo}. */
  public String table(String dataset) {
    return dataset + SEPARATOR + id.replace('-', '_');
  }

  /** Every table this project may read, as {@code gold.<table>}. */
  public List<String> tables() {
    return datasets.stream().map(d -> "gold." + table(d)).toList();
  }

  /** The dataset a gold table name carries, if it is a per-project table ({@code <dataset>__<project>}). */
  public static Optional<String> datasetOf(String table) {
    int at = table.indexOf(SEPARATOR);
    return at > 0 ? Optional.of(table.substring(0, at)) : Optional.empty();
  }
}
