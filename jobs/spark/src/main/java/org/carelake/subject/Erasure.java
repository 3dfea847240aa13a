package org.carelake.subject;

import static java.util.Objects.requireNonNull;
import static org.apache.spark.sql.functions.col;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import java.util.Optional;
import org.carelake.contract.ContractLoader;
import org.carelake.gold.GoldResult;
import org.carelake.gold.GoldStep;
import org.carelake.nightly.StageContext;
import org.carelake.pseudonym.PseudonymKey;
import org.carelake.run.Settings;
import org.carelake.lake.DeltaIo;
import org.carelake.lake.HistoryPurge;
import org.carelake.lake.Lake;
import org.carelake.lake.LakeTables;
import org.carelake.lake.TableRef;
import org.carelake.lake.Zone;

/**
 * Erases one person from every zone, history included (a court order, a mistaken registration):
 * every row {@link SubjectAccess} finds about them — identity records, linkage rows, raw rows,
 * quarantined rows carrying their number, silver rows under their key — is removed and purged from
 * disk ({@link HistoryPurge}); gold is rebuilt without them and its history purged too. Counts per
 * table are returned for the audit record; nothing about the person is logged.
 */
public final class Erasure {
  /** Rows erased per table, and the gold tables rebuilt. */
  public record Result(Map<String, Long> rowsErased, List<String> goldRebuilt) {
    public Result {
      rowsErased = Map.copyOf(rowsErased);
      goldRebuilt = List.copyOf(goldRebuilt);
    }

    public long rows() {
      return rowsErased.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  private final DeltaIo io;
  private final Lake lake;
  private final SubjectAccess subjects;
  private final Settings settings;

  public Erasure(DeltaIo io, Lake lake, SubjectAccess subjects, Settings settings) {
    this.io = requireNonNull(io, "io is null");
    this.lake = requireNonNull(lake, "lake is null");
    this.subjects = requireNonNull(subjects, "subjects is null");
    this.settings = requireNonNull(settings, "settings is null");
  }

  /** Needs the pseudonym functions registered under the lake's key {@code key} (gold is rebuilt). */
  public Result erase(String nhsNumber, String reference, String runId, Instant at, PseudonymKey key) {
    HistoryPurge purge = new HistoryPurge(io);
    Map<String, Long> erased = new LinkedHashMap<>();
    for (SubjectAccess.Selection selection : subjects.selections(subjects.locate(nhsNumber))) {
      long rows = selection.aboutSubject().count();
      if (rows > 0) {
        io.spark().sparkContext().setJobDescription("erase: " + selection.table().qualifiedName());
        purge.rewrite(selection.table(), selection.everyoneElse(), "erasure " + reference);
        erased.put(selection.table().qualifiedName(), rows);
      }
    }
    List<String> gold = List.of();
    if (!erased.isEmpty() && io.exists(lake.builds())) {
      List<Row> last = io.read(lake.builds()).select("night").orderBy(col("night").desc()).limit(1).collectAsList();
      if (!last.isEmpty()) {
        LocalDate night = last.get(0).getAs(0);
        StageContext context = new StageContext(io, lake, settings, ContractLoader.loadAll(settings.contractsDir()), night, runId, at,
            Optional.empty(), Optional.empty(), Optional.of(key));
        gold = ((GoldResult) new GoldStep().run(context)).tables().stream().map(t -> t.table()).toList();
      }
      for (TableRef table : LakeTables.inZone(io, lake, Zone.GOLD)) {
        purge.purge(table);
      }
      // The raw counts an incremental gold table keeps for its next night were rebuilt with it: their
      // history, which still counted the person, goes too.
      for (TableRef table : LakeTables.inZone(io, lake, Zone.RESTRICTED)) {
        if (table.name().startsWith("gold_raw__")) {
          purge.purge(table);
        }
      }
    }
    return new Result(erased, gold);
  }
}
