package org.carelake.cli;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.carelake.access.Action;
import org.carelake.audit.GovernedAccess;
import org.carelake.contract.ContractLoader;
import org.carelake.gold.GoldRebuild;
import org.carelake.gold.GoldStep;
import org.carelake.lake.Zone;
import org.carelake.pseudonym.PseudonymKey;
import org.carelake.spark.CareLakeFunctions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code carelake rebuild}: proves a published gold table version reproducible from its recorded inputs. */
@Command(name = "rebuild", mixinStandardHelpOptions = true,
    description = {"Rebuild a published gold table version from what its build recorded (the Delta version of every",
        "input, the opt-out lists then, the night) with today's definition, and compare the rows with the",
        "published version. A definition or codelist changed since the build is reported instead.",
        "BUILD is gold.<table>@<version> (as ops.builds lists them) or gold.<table> for its current version.",
        "Exit status 0 identical, 1 different, 3 definition changed since the build. Audited (ops.audit)."})
final class RebuildCommand implements Callable<Integer> {
  @Mixin LakeOptions lake;

  @Parameters(paramLabel = "BUILD", description = "gold.<table>@<version>, or gold.<table> for its current version.")
  String build;

  @Option(names = "--purpose", defaultValue = "reproducibility check",
      description = "Why, for the audit record (default: ${DEFAULT-VALUE}).")
  String purpose;

  @Override
  public Integer call() {
    int at = build.lastIndexOf('@');
    String table = at < 0 ? build : build.substring(0, at);
    Optional<Long> version;
    try {
      version = at < 0 ? Optional.empty() : Optional.of(Long.parseLong(build.substring(at + 1)));
    } catch (NumberFormatException e) {
      System.err.println("carelake: BUILD is gold.<table>@<version>, e.g. gold.monthly_activity@3");
      return 2;
    }
    DataEngineerAccess access = DataEngineerAccess.open(lake);
    PseudonymKey key = Lakehouse.key(access.settings());
    // A rebuild reads silver inputs and the identity tables the opt-outs resolve through, and the published table.
    List<GovernedAccess.Resource> reads = List.of(new GovernedAccess.Resource(Zone.RESTRICTED, "*", Action.READ),
        new GovernedAccess.Resource(Zone.SILVER, "*", Action.READ), new GovernedAccess.Resource(Zone.GOLD, "*", Action.READ));
    GoldRebuild.Outcome outcome = access.use(purpose, "rebuild", build, reads, () -> {
      CareLakeFunctions.register(access.io().spark(), key);
      GoldRebuild rebuild = new GoldRebuild(access.io(), access.lake(), access.settings().sqlDir(),
          ContractLoader.loadAll(access.settings().contractsDir()),
          GoldStep.projects(access.settings(), key, LocalDate.now(java.time.ZoneOffset.UTC)));
      GoldRebuild.Outcome found = rebuild.rebuild(table, version);
      return new GovernedAccess.Result<>(found, 0, false);
    });
    System.out.print(render(outcome));
    return outcome.identical() ? 0 : outcome.sameDefinition() ? 1 : 3;
  }

  static String render(GoldRebuild.Outcome outcome) {
    StringBuilder out = new StringBuilder();
    out.append(outcome.table()).append(" version ").append(outcome.version()).append(" (run ").append(outcome.runId())
        .append(", night ").append(outcome.night()).append(")\n");
    out.append("  inputs:     ").append(outcome.inputs().entrySet().stream().map(e -> e.getKey() + "@" + e.getValue())
        .collect(Collectors.joining(", "))).append('\n');
    out.append("  built with: ").append(outcome.builtWith()).append('\n');
    if (!outcome.sameDefinition()) {
      out.append("  CHANGED:    the definition or a codelist it names is ").append(outcome.definitionNow())
          .append(" now; rows not compared (rebuild at the code version it was built with)\n");
      return out.toString();
    }
    out.append("  definition: unchanged (").append(outcome.definitionNow()).append(")\n");
    out.append("  rows:       ").append(outcome.publishedRows()).append(" published; ")
        .append(outcome.identical() ? "rebuilt identical" : "rebuilt DIFFERENT: " + outcome.onlyRebuilt()
            + " rows only in the rebuild, " + outcome.onlyPublished() + " only in the published version")
        .append('\n');
    return out.toString();
  }
}
