package org.carelake.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import org.carelake.access.AccessPolicy;
import org.carelake.contract.Contract;
import org.carelake.contract.ContractLoader;
import org.carelake.contract.PrivacyClasses;
import org.carelake.disclosure.DisclosureRule;
import org.carelake.release.Finding;
import org.carelake.release.OutputChecker;
import org.carelake.release.OutputRelease;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code carelake output-check}: a researcher's request to take a file out of the environment,
 * checked against the disclosure rules and written to the outbox for the IG lead
 * (docs/output-checking.md); {@code output-check approve} is the IG lead's approval. No Spark, no lake.
 */
@Command(
    name = "output-check",
    mixinStandardHelpOptions = true,
    description = {"Check a CSV someone wants to take out of the environment against the disclosure rules and write a release"
        + " record (and, when it passes, a copy) to the outbox for the IG lead. See docs/output-checking.md.",
        "Exit status: 0 passed, PENDING_REVIEW; 3 refused (reasons on standard error and in the record); 1 failed; 2 usage."},
    subcommands = {OutputCheckCommand.Approve.class})
final class OutputCheckCommand implements Callable<Integer> {
  /** The exit status of a file the check refused. */
  static final int REFUSED = 3;

  @Spec CommandSpec spec;

  @Option(names = "--file", paramLabel = "CSV", description = "The file to release (CSV, UTF-8).")
  Path file;

  @Option(names = "--project", paramLabel = "ID", description = "The approved project the output belongs to.")
  String project;

  @Option(names = "--purpose", paramLabel = "TEXT", description = "What the output is for (a paper's figure, a report).")
  String purpose;

  @Option(names = "--request", paramLabel = "YAML|JSON",
      description = "Which columns are counts, keys, rates (with numerator and denominator) and totals; a description.")
  Path request;

  @Option(names = "--outbox", paramLabel = "DIR", description = "The outbox; records go to DIR/<project>/<id>/.")
  Path outbox;

  @Option(names = "--requester", paramLabel = "NAME", description = "Who asks (default: the user name).")
  String requester = System.getProperty("user.name", "unknown");

  @Option(names = "--max-rows", paramLabel = "N", description = "More rows than this is not an aggregate (default: ${DEFAULT-VALUE}).")
  int maxRows = OutputChecker.DEFAULT_MAX_ROWS;

  @Option(names = "--contracts", paramLabel = "DIR",
      description = "Data contracts whose direct-identifier column names are refused too (default: $CARELAKE_HOME/data-contracts,"
          + " else ./data-contracts, when it exists).")
  Path contracts;

  @Option(names = "--policy", paramLabel = "FILE",
      description = "The access policy; the project must be one of its approved, unexpired projects (default: $CARELAKE_POLICY,"
          + " else $CARELAKE_HOME/governance/access-policy.yaml, else ./governance/access-policy.yaml, when it exists).")
  Path policy;

  Clock clock = Clock.systemUTC();

  @Override
  public Integer call() {
    require(file, "--file");
    require(project, "--project");
    require(purpose, "--purpose");
    require(outbox, "--outbox");
    if (maxRows < 1) {
      throw new ParameterException(spec.commandLine(), "--max-rows must be at least 1");
    }
    policyFile().ifPresent(file -> OutputRelease.checkProject(AccessPolicy.load(file), project, LocalDate.now(clock)));
    OutputChecker checker = new OutputChecker(new OutputChecker.Settings(DisclosureRule.defaults(), maxRows, identifierColumns()));
    OutputRelease.Outcome outcome = OutputRelease.submit(file, new OutputRelease.Submission(project, purpose, requester,
        Optional.ofNullable(request)), checker, outbox, clock);
    if (outcome.status() == OutputRelease.Status.PENDING_REVIEW) {
      PrintWriter out = spec.commandLine().getOut();
      out.println(file.getFileName() + ": " + outcome.result().checks().size() + " checks passed; PENDING_REVIEW by the IG lead");
      out.println("record: " + outcome.record());
      out.println("copy:   " + outcome.copy().orElseThrow());
      out.println("the IG lead approves with: carelake output-check approve --record " + outcome.record() + " --reviewer NAME");
      out.flush();
      return 0;
    }
    PrintWriter err = spec.commandLine().getErr();
    for (Finding finding : outcome.result().findings()) {
      err.println("carelake: refused: " + finding);
    }
    err.println("carelake: " + file.getFileName() + " REFUSED (" + outcome.result().findings().size() + " reason(s)); record: " + outcome.record());
    err.flush();
    return REFUSED;
  }

  private void require(Object value, String option) {
    if (value == null) {
      throw new ParameterException(spec.commandLine(), "Missing required option: '" + option
          + "' (usage: output-check --file F --project P --purpose \"...\" [--request R] --outbox DIR)");
    }
  }

  private Optional<Path> policyFile() {
    if (policy != null) {
      return Optional.of(policy);
    }
    String named = System.getenv(AccessPolicy.ENVIRONMENT_VARIABLE);
    if (named != null && !named.isBlank()) {
      return Optional.of(Path.of(named));
    }
    Path home = ProjectHome.folder();
    Path file = home.resolve("governance").resolve("access-policy.yaml");
    return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
  }

  /** The contracts' direct-identifier column names, normalised as the checker compares them. */
  private Set<String> identifierColumns() {
    Path folder = ProjectHome.orDefault(contracts, "data-contracts");
    if (contracts == null && !Files.isDirectory(folder)) {
      return Set.of();
    }
    Set<String> names = new TreeSet<>();
    for (Contract contract : ContractLoader.loadAll(folder)) {
      for (String column : PrivacyClasses.directIdentifiers(contract)) {
        names.add(column.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "_"));
      }
    }
    return names;
  }

  /** The IG lead's approval of a record pending review. */
  @Command(name = "approve", mixinStandardHelpOptions = true,
      description = {"Approve an output pending review: its record becomes APPROVED with the reviewer and the time. Refused when the"
          + " record is not PENDING_REVIEW, the copy changed since the check, or the reviewer is the requester.",
          "Exit status: 0 approved; 1 refused or failed; 2 usage."})
  static final class Approve implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--record", required = true, paramLabel = "FILE", description = "The release record (release-record.json).")
    Path record;

    @Option(names = "--reviewer", required = true, paramLabel = "NAME", description = "The IG lead approving it.")
    String reviewer;

    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() {
      Map<String, Object> approved = OutputRelease.approve(record, reviewer, clock);
      PrintWriter out = spec.commandLine().getOut();
      out.println(approved.get("id") + " APPROVED by " + approved.get("reviewer") + " at " + approved.get("reviewed_at") + "; record: " + record);
      out.flush();
      return 0;
    }
  }
}
