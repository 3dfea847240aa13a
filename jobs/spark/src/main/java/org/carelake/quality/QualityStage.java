package org.carelake.quality;

import org.carelake.run.QualityGates;
import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.carelake.contract.Contract;
import org.carelake.error.CareLakeErrors;
import org.carelake.lake.DeltaIo;
import org.carelake.lake.Lake;
import org.carelake.lake.TableRef;

/**
 * Data quality, between link and silver: measures the night for every borough and feed with the
 * checks in {@code sql/checks/} (conformance, completeness, plausibility), sets each measure beside
 * its average over earlier nights, and evaluates the quality gates. Measures go to
 * {@code ops.data_quality} and every gate evaluation to {@code ops.quality_gate}; a failed gate
 * holds that borough's feed back from silver for the night while the rest publishes.
 *
 * <p>Only the night's partitions of the raw and quarantine tables are read. Measures are shares,
 * counts and days, and messages name borough, feed, gate and numbers: no identifier value is
 * measured, logged or reported. Re-running a night replaces its rows, or writes nothing when they
 * are unchanged.
 */
public final class QualityStage {
  private final DeltaIo io;
  private final Lake lake;
  private final List<Contract> contracts;
  private final Path sqlDir;
  private final QualityGates settings;
  private final LocalDate night;
  private final String runId;

  public QualityStage(DeltaIo io, Lake lake, List<Contract> contracts, Path sqlDir, QualityGates settings, LocalDate night,
      String runId) {
    this.io = requireNonNull(io, "io is null");
    this.lake = requireNonNull(lake, "lake is null");
    this.contracts = List.copyOf(contracts);
    this.sqlDir = requireNonNull(sqlDir, "sqlDir is null");
    this.settings = requireNonNull(settings, "settings is null");
    this.night = requireNonNull(night, "night is null");
    this.runId = requireNonNull(runId, "runId is null");
  }

  public QualityResult run() {
    Instant begin = Instant.now();
    List<QualityCheck> checks = QualityCheck.loadAll(sqlDir);
    requireGateMeasures(checks);
    QualityWrites writes = new QualityWrites(io, lake, sqlDir, night, runId);
    Set<String> feeds = contracts.stream().map(Contract::id).collect(Collectors.toSet());
    CheckRunner runner = new CheckRunner(io.spark(), night, feeds);
    List<Measure> measures;
    try (QualityViews.Registered views = new QualityViews(io, lake, contracts, night).register()) {
      measures = runner.runAll(checks);
    }
    measures = new MeasureHistory(io, writes.table(QualityWrites.MEASURES), settings).attach(night, measures);
    List<GateEvaluation> gates = new Gates(settings).evaluate(measures);
    boolean measuresChanged = writes.measures(measures);
    boolean gatesChanged = writes.gates(gates);
    Map<String, Long> versions = new TreeMap<>();
    for (TableRef table : List.of(writes.table(QualityWrites.MEASURES), writes.table(QualityWrites.GATES))) {
      io.version(table).ifPresent(v -> versions.put(table.qualifiedName(), v));
    }
    return new QualityResult(checks.size(), measures.size(), gates, versions, !measuresChanged && !gatesChanged,
        Duration.between(begin, Instant.now()));
  }

  /** A gate reads a measure by name: some check must declare it, or the gate would silently never run. */
  private static void requireGateMeasures(List<QualityCheck> checks) {
    for (Map.Entry<String, String> gate : new TreeMap<>(Gates.MEASURES).entrySet()) {
      if (checks.stream().noneMatch(check -> check.declares(gate.getValue()))) {
        throw CareLakeErrors.configuration("gate " + gate.getKey() + " needs the measure " + gate.getValue()
            + ", which no file in sql/checks/ declares in its '-- measure:' header");
      }
    }
  }
}
