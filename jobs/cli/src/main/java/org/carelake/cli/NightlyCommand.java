package org.carelake.cli;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.carelake.lake.DeltaIo;
import org.carelake.nightly.NightlyResult;
import org.carelake.nightly.NightlyRun;
import org.carelake.nightly.Stage;
import org.carelake.nightly.Stages;
import org.carelake.run.Settings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Runs a night: every stage, or the ones named. */
@Command(name = "nightly", mixinStandardHelpOptions = true,
    description = "Run the night: ingest, link, quality, silver, gold and check (or only --stage ...). Exit status: 0 ok;"
        + " 3 completed but some of the night's files were rejected (by this run or an earlier run of the night); 4 completed but quality gates held feeds back; 1 failed;"
        + " 2 usage error.")
final class NightlyCommand implements Callable<Integer> {
  @Mixin LakeOptions lake;

  @Option(names = "--date", required = true, description = "The night whose extracts landed (YYYY-MM-DD).")
  LocalDate date;

  @Option(names = "--stage", split = ",", description = "Stages to run, comma-separated: ingest, link, silver, gold, check (default: all).")
  List<String> stages = List.of();

  @Option(names = "--borough", description = "Ingest only this borough (ONS code, e.g. E08000001).")
  String borough;

  @Option(names = "--feed", description = "Ingest and standardise only this feed (contract id).")
  String feed;

  @Option(names = "--rejected-files-ok", description = "Exit 0 instead of 3 when files were rejected (the ledger still records them).")
  boolean rejectedFilesOk;

  @Option(names = "--held-feeds-ok",
      description = "Exit 0 instead of 4 when quality gates held feeds back (ops.quality_gate still records them).")
  boolean heldFeedsOk;

  @Option(names = "--detail", description = "Print the whole summary: every borough and feed, silver per feed, every table written.")
  boolean detail;

  @Option(names = "--quiet", description = "Print only the outcome line, not the summary.")
  boolean quiet;

  @Override
  public Integer call() {
    Settings settings = lake.settings();
    List<Stage> chosen = Stages.select(stages);
    boolean needsKey = chosen.stream().anyMatch(Stage::needsKey);
    var key = needsKey ? Optional.of(Lakehouse.key(settings)) : Lakehouse.optionalKey(settings);
    DeltaIo io = Lakehouse.open(settings);
    NightlyResult result =
        new NightlyRun(io, settings, key, date, chosen, Optional.ofNullable(borough), Optional.ofNullable(feed),
                new Terminal(System.out), Clock.systemUTC())
            .run();
    System.out.print(quiet ? RunSummary.outcomeLine(result) + "\n" : RunSummary.render(result, detail, Lakehouse.fullRefreshFeeds(settings)));
    if (!quiet) {
      key.ifPresent(k -> System.out.println("Pseudonymisation key: " + k.label() + " (check " + k.fingerprint() + ")"));
    }
    if (result.outcome() == NightlyResult.Outcome.FAILED) {
      System.err.println("carelake: " + result.message());
    }
    if (result.outcome() == NightlyResult.Outcome.SUCCEEDED_WITH_REJECTED_FILES && rejectedFilesOk) {
      System.err.println("carelake: warning: " + result.message());
      return 0;
    }
    if (result.outcome() == NightlyResult.Outcome.SUCCEEDED_WITH_HELD_FEEDS && heldFeedsOk) {
      System.err.println("carelake: warning: " + result.message());
      return 0;
    }
    return result.outcome().exitStatus();
  }
}
