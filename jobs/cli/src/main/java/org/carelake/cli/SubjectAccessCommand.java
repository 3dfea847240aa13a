package org.carelake.cli;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.carelake.access.Action;
import org.carelake.audit.GovernedAccess;
import org.carelake.contract.ContractLoader;
import org.carelake.keys.KeyRegister;
import org.carelake.lake.Zone;
import org.carelake.pseudonym.PseudonymKey;
import org.carelake.subject.SubjectAccess;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** A patient's request to see their own data: everything the restricted and pseudonymised zones hold, as one file. */
@Command(name = "subject-access", mixinStandardHelpOptions = true,
    description = {"Export everything the restricted zone (records as received, quarantined rows, identity records,",
        "linkage) and the pseudonymised zone (silver rows under the person's key) hold about one person, found",
        "by NHS number, as one JSON file. Checked against the access policy and audited under a request",
        "reference; the audit record and the output here never carry the NHS number."})
final class SubjectAccessCommand implements Callable<Integer> {
  @Mixin LakeOptions lake;

  @Option(names = "--nhs-number", required = true, paramLabel = "N", description = "The person's NHS number (10 digits).")
  String nhsNumber;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "Where to write the export (JSON); keep it as securely as the lake.")
  Path out;

  @Option(names = "--reference", paramLabel = "REF",
      description = "Your request reference for the audit record (default: a new random one, printed).")
  String reference;

  @Option(names = "--purpose", defaultValue = "subject access request", description = "For the audit record (default: ${DEFAULT-VALUE}).")
  String purpose;

  @Override
  public Integer call() {
    String ref = reference != null ? reference.replaceAll("[^A-Za-z0-9_./-]", "_") : "sar-" + UUID.randomUUID();
    DataEngineerAccess access = DataEngineerAccess.open(lake);
    PseudonymKey key = Lakehouse.key(access.settings());
    List<GovernedAccess.Resource> reads = List.of(
        new GovernedAccess.Resource(Zone.RESTRICTED, "*", Action.READ), new GovernedAccess.Resource(Zone.SILVER, "*", Action.READ));
    SubjectAccess.Export export = access.use(purpose, "subject access", "request " + ref, reads, () -> {
      new KeyRegister(access.io(), access.lake(), access.settings().sqlDir()).verify(key, "subject-access " + ref, Instant.now());
      SubjectAccess.Export found = new SubjectAccess(access.io(), access.lake(),
          ContractLoader.loadAll(access.settings().contractsDir()), key).export(nhsNumber);
      found.write(out, ref, Instant.now());
      return new GovernedAccess.Result<>(found, found.rows(), true);
    });
    System.out.println("subject access request " + ref + ": " + export.rows() + " rows written to " + out);
    export.sections().forEach((table, rows) -> {
      if (!rows.isEmpty()) {
        System.out.printf(java.util.Locale.ROOT, "  %-40s %,d%n", table, rows.size());
      }
    });
    return 0;
  }
}
