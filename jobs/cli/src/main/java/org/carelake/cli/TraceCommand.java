package org.carelake.cli;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.carelake.access.Action;
import org.carelake.audit.GovernedAccess;
import org.carelake.contract.ContractLoader;
import org.carelake.lake.DeltaIo;
import org.carelake.lake.Lake;
import org.carelake.lake.Zone;
import org.carelake.run.Settings;
import org.carelake.spark.CareLakeFunctions;
import org.carelake.trace.LinkTrace;
import org.carelake.trace.RecordTrace;
import org.carelake.trace.TraceReport;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** "What happened to this record?" for data engineers; every use is audited. */
@Command(name = "trace", mixinStandardHelpOptions = true,
    description = {"Follow one landed row (or a person of the master person index) through the night:",
        "loaded or quarantined and why, linked to which person, how and with what score, merges and splits,",
        "de-duplication, and the silver row it became. Shows no identifier values unless --show-identifiers.",
        "The access policy (governance/access-policy.yaml) must allow it; every trace, allowed or refused,",
        "writes an audit record (ops.audit)."})
final class TraceCommand implements Callable<Integer> {
  @Mixin LakeOptions lake;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Target target;

  static final class Target {
    @Option(names = "--file", description = "The landed file as <borough ONS code>/<file name>, e.g. E08000001/acute_apc.csv.")
    String file;

    @Option(names = "--person", description = "A person id of restricted.person_link (at least 8 characters of it).")
    String person;
  }

  @Option(names = "--row", description = "Data row number in the file (1 = the first row after the header).")
  Long row;

  @Option(names = "--night", description = "The night the file landed (default: the latest night it appears in the ledger).")
  LocalDate night;

  @Option(names = "--show-identifiers", description = "Also print the record's identifier values (audited as such).")
  boolean showIdentifiers;

  @Option(names = "--purpose", defaultValue = "data engineering investigation",
      description = "Why you are looking, for the audit record (default: ${DEFAULT-VALUE}).")
  String purpose;

  @Override
  public Integer call() {
    if (target.file != null && (target.file.indexOf('/') <= 0 || row == null)) {
      System.err.println("carelake: give --file <borough>/<file name> and --row N");
      return 2;
    }
    DataEngineerAccess access = DataEngineerAccess.open(lake);
    Settings settings = access.settings();
    DeltaIo io = access.io();
    Lake lakeRoot = access.lake();
    // A trace follows a record through the restricted and pseudonymised zones.
    List<GovernedAccess.Resource> reads = List.of(
        new GovernedAccess.Resource(Zone.RESTRICTED, "*", Action.READ), new GovernedAccess.Resource(Zone.SILVER, "*", Action.READ));
    String what = target.file != null
        ? target.file + "#" + row + (night == null ? "" : " on " + night)
        : "person " + target.person.substring(0, Math.min(12, target.person.length()));
    TraceReport report = access.use(purpose, "trace", what, reads, () -> {
      TraceReport traced;
      if (target.file != null) {
        int slash = target.file.indexOf('/');
        CareLakeFunctions.register(io.spark(), Lakehouse.key(settings));
        traced = new RecordTrace(io, lakeRoot, ContractLoader.loadAll(settings.contractsDir()), settings.sqlDir())
            .trace(Optional.ofNullable(night), target.file.substring(0, slash), target.file.substring(slash + 1), row,
                showIdentifiers);
      } else {
        traced = new LinkTrace(io, lakeRoot).person(target.person);
      }
      return new GovernedAccess.Result<>(traced, traced.rowsReturned(), showIdentifiers);
    });
    System.out.print(report.render());
    return 0;
  }
}
