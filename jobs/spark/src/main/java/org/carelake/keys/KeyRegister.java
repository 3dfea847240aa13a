package org.carelake.keys;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.carelake.error.CareLakeErrors;
import org.carelake.lake.DeltaIo;
import org.carelake.lake.Lake;
import org.carelake.lake.TableDefinitions;
import org.carelake.lake.TableRef;
import org.carelake.lake.Zone;
import org.carelake.pseudonym.PseudonymKey;

/**
 * The lake's record of its pseudonymisation key ({@code ops.pseudonym_key}): id, version and check
 * value of the key its pseudonyms are made with, never the key. Every run that holds a key asks
 * {@link #verify} before it writes: a key with another check value, a retired key, or a key while
 * a rotation is unfinished stops the run with a one-line error. A lake from before this register
 * is checked against the key fingerprint of its last successful run in {@code ops.runs}.
 */
public final class KeyRegister {
  static final String CURRENT = "current";
  static final String ROTATION_STARTED = "rotation started";
  static final String TABLE_REKEYED = "table rekeyed";

  /** One event of the register. */
  record Event(String keyId, int keyVersion, String checkValue, String event, String detail, String runId, Instant at) {
    String label() {
      return keyId + " v" + keyVersion;
    }
  }

  private final DeltaIo io;
  private final Lake lake;
  private final Path sqlDir;
  private final TableRef table;

  public KeyRegister(DeltaIo io, Lake lake, Path sqlDir) {
    this.io = requireNonNull(io, "io is null");
    this.lake = requireNonNull(lake, "lake is null");
    this.sqlDir = requireNonNull(sqlDir, "sqlDir is null");
    this.table = lake.table(Zone.OPS, "pseudonym_key");
  }

  public TableRef table() {
    return table;
  }

  /**
   * Stops with a one-line error unless {@code key} is the lake's current key; a lake that has no
   * key yet records this one as its key.
   */
  public void verify(PseudonymKey key, String runId, Instant at) {
    List<Event> events = events();
    Optional<Event> current = current(events);
    if (current.isEmpty()) {
      Optional<String> earlier = lastRunFingerprint();
      if (earlier.isPresent() && !earlier.get().equals(key.fingerprint())) {
        throw CareLakeErrors.configuration("pseudonymisation key " + key.label() + " (check " + key.fingerprint()
            + ") is not the key this lake was built with (check " + earlier.get() + "); pass the lake's key");
      }
      append(new Event(key.id(), key.version(), key.fingerprint(), CURRENT, null, runId, at));
      return;
    }
    Optional<Event> unfinished = unfinishedRotation(events);
    if (unfinished.isPresent()) {
      throw CareLakeErrors.configuration("a rotation of the pseudonymisation key to " + unfinished.get().label()
          + " did not finish; run carelake rekey again with the same keys before anything else");
    }
    Event lakeKey = current.get();
    if (lakeKey.checkValue().equals(key.fingerprint())) {
      return;
    }
    boolean retired = events.stream().anyMatch(e -> e.event().equals(CURRENT) && e.checkValue().equals(key.fingerprint()));
    throw CareLakeErrors.configuration("pseudonymisation key " + key.label() + " (check " + key.fingerprint() + ") is "
        + (retired ? "retired: the lake was re-keyed to " : "not the key this lake was built with, ")
        + lakeKey.label() + " (check " + lakeKey.checkValue() + "); pass that key, or rotate with carelake rekey");
  }

  /** The lake's current key's label and check value, if it has one. */
  public Optional<String> currentLabel() {
    return current(events()).map(e -> e.label() + " (check " + e.checkValue() + ")");
  }

  /** The rotation to {@code key} that started and did not finish, if any. */
  boolean rotationUnfinishedTo(PseudonymKey key) {
    return unfinishedRotation(events()).filter(e -> e.checkValue().equals(key.fingerprint())).isPresent();
  }

  boolean everUsed(PseudonymKey key) {
    return events().stream().anyMatch(e -> e.checkValue().equals(key.fingerprint())
        || (e.keyId().equals(key.id()) && e.keyVersion() == key.version()));
  }

  /** Tables already re-keyed by the unfinished rotation to {@code key}. */
  Set<String> rekeyedTables(PseudonymKey key) {
    List<Event> events = events();
    Instant started = events.stream().filter(e -> e.event().equals(ROTATION_STARTED) && e.checkValue().equals(key.fingerprint()))
        .map(Event::at).max(Comparator.naturalOrder()).orElse(Instant.MIN);
    return events.stream().filter(e -> e.event().equals(TABLE_REKEYED) && e.checkValue().equals(key.fingerprint())
        && !e.at().isBefore(started)).map(Event::detail).collect(Collectors.toSet());
  }

  void rotationStarted(PseudonymKey to, PseudonymKey from, String runId, Instant at) {
    append(new Event(to.id(), to.version(), to.fingerprint(), ROTATION_STARTED, "from " + from.label(), runId, at));
  }

  void tableRekeyed(PseudonymKey to, String tableName, String runId, Instant at) {
    append(new Event(to.id(), to.version(), to.fingerprint(), TABLE_REKEYED, tableName, runId, at));
  }

  void rotationFinished(PseudonymKey to, PseudonymKey from, String runId, Instant at) {
    append(new Event(to.id(), to.version(), to.fingerprint(), CURRENT, "rotated from " + from.label(), runId, at));
  }

  private static Optional<Event> current(List<Event> events) {
    return events.stream().filter(e -> e.event().equals(CURRENT)).max(Comparator.comparing(Event::at));
  }

  private static Optional<Event> unfinishedRotation(List<Event> events) {
    Optional<Event> started = events.stream().filter(e -> e.event().equals(ROTATION_STARTED)).max(Comparator.comparing(Event::at));
    Optional<Event> current = current(events);
    if (started.isEmpty() || current.isEmpty() || current.get().at().isAfter(started.get().at())) {
      return Optional.empty();
    }
    return started;
  }

  private List<Event> events() {
    if (!io.exists(table)) {
      return List.of();
    }
    return io.read(table).collectAsList().stream()
        .map(r -> new Event(r.getAs("key_id"), r.<Integer>getAs("key_version"), r.getAs("check_value"), r.getAs("event"),
            r.getAs("detail"), r.getAs("run_id"), r.<Instant>getAs("at")))
        .toList();
  }

  /** The key fingerprint of the newest run that did not fail, for lakes older than this register. */
  private Optional<String> lastRunFingerprint() {
    TableRef runs = lake.runs();
    if (!io.exists(runs)) {
      return Optional.empty();
    }
    List<Row> rows = io.read(runs).filter(col("key_fingerprint").isNotNull().and(col("outcome").notEqual("FAILED")))
        .orderBy(col("started_at").desc()).select("key_fingerprint").limit(1).collectAsList();
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0).getString(0));
  }

  private void append(Event event) {
    new TableDefinitions(sqlDir, Zone.OPS).create(io.spark(), table);
    Row row = RowFactory.create(event.keyId(), event.keyVersion(), event.checkValue(), event.event(), event.detail(),
        event.runId(), event.at());
    io.append(io.spark().createDataFrame(List.of(row), io.read(table).schema()), table, List.of(), "pseudonym key " + event.event());
  }
}
