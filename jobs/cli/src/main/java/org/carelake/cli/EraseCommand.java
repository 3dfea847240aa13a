package org.carelake.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.carelake.access.Action;
import org.carelake.audit.GovernedAccess;
import org.carelake.contract.ContractLoader;
import org.carelake.keys.KeyRegister;
import org.carelake.lake.RunLock;
import org.carelake.lake.Zone;
import org.carelake.pseudonym.PseudonymKey;
import org.carelake.run.RunId;
import org.carelake.spark.CareLakeFunctions;
import org.carelake.subject.Erasure;
import org.carelake.subject.SubjectAccess;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Erases one person from every zone, history included; audited under a reference, never the number. */
@Command(name = "erase", mixinStandardHelpOptions = true,
    description = {"Erase one person (found by NHS number, with every record linked to them) from the restricted",
        "and pseudonymised zones, and rebuild gold without them; purges the rows from disk and from time-travel",
        "history (REORG PURGE, VACUUM with no retention, old log entries deleted). Irreversible. Checked against",
        "the access policy and audited under --reference with the rows erased; never prints or records the number."})
final class EraseCommand implements Callable<Integer> {
  @Mixin LakeOptions lake;

  @Option(names = "--nhs-number", required = true, paramLabel = "N", description = "The person's NHS number (10 digits).")
  String nhsNumber;

  @Option(names = "--reference", required = true, paramLabel = "REF",
      description = "The erasure's authority (court order or case reference) for the audit record.")
  String reference;

  @Option(names = "--purpose", defaultValue = "erasure of a person's records", description = "For the audit record (default: ${DEFAULT-VALUE}).")
  String purpose;

  @Override
  public Integer call() {
    String ref = reference.replaceAll("[^A-Za-z0-9_./-]", "_");
    DataEngineerAccess access = DataEngineerAccess.open(lake);
    PseudonymKey key = Lakehouse.key(access.settings());
    Instant at = Instant.now();
    String runId = RunId.of(LocalDate.ofInstant(at, ZoneOffset.UTC), at).value();
    List<GovernedAccess.Resource> resources = List.of(
        new GovernedAccess.Resource(Zone.RESTRICTED, "*", Action.READ), new GovernedAccess.Resource(Zone.SILVER, "*", Action.READ),
        new GovernedAccess.Resource(Zone.GOLD, "*", Action.READ));
    Erasure.Result result;
    try (RunLock lock = Lakehouse.lockWholeLake(access.io(), access.settings(), runId, "erase")) {
      result = access.use(purpose, "erase", "request " + ref + " " + UUID.randomUUID().toString().substring(0, 8), resources, () -> {
        new KeyRegister(access.io(), access.lake(), access.settings().sqlDir()).verify(key, runId, at);
        CareLakeFunctions.register(access.io().spark(), key);
        SubjectAccess subjects = new SubjectAccess(access.io(), access.lake(), ContractLoader.loadAll(access.settings().contractsDir()), key);
        Erasure.Result erased = new Erasure(access.io(), access.lake(), subjects, access.settings()).erase(nhsNumber, ref, runId, at, key);
        return new GovernedAccess.Result<>(erased, erased.rows(), false);
      });
    }
    System.out.println("erasure " + ref + ": " + result.rows() + " rows erased and purged from disk; gold rebuilt: "
        + String.join(", ", result.goldRebuilt()));
    result.rowsErased().forEach((table, rows) -> System.out.printf(java.util.Locale.ROOT, "  %-40s %,d%n", table, rows));
    return 0;
  }
}
