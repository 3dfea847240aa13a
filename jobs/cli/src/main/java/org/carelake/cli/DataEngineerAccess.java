package org.carelake.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.carelake.access.AccessPolicy;
import org.carelake.audit.AuditLog;
import org.carelake.audit.GovernedAccess;
import org.carelake.lake.DeltaIo;
import org.carelake.lake.Lake;
import org.carelake.run.Settings;

/**
 * What a data engineer's audited command needs: the settings, the lake, and the governed door to
 * it. Every read goes through {@link GovernedAccess}: the access policy decides, and one audit
 * record says who (the operating-system user), in the data-engineer role, did what, why, with what
 * outcome and how many rows.
 *
 * <p>The policy is {@code governance/access-policy.yaml} beside the SQL folder (or the file named by
 * {@code CARELAKE_POLICY}); it is read before Spark starts, so a missing policy refuses everything.
 */
record DataEngineerAccess(Settings settings, DeltaIo io, Lake lake, GovernedAccess governed, String actor) {
  static final String ROLE = "data-engineer";

  static DataEngineerAccess open(LakeOptions options) {
    Settings settings = options.settings();
    AccessPolicy policy = AccessPolicy.load(policyFile(settings, System.getenv()));
    DeltaIo io = Lakehouse.open(settings);
    Lake lake = new Lake(settings.lakeRoot());
    AuditLog audit = new AuditLog(io, lake, settings.sqlDir());
    return new DataEngineerAccess(settings, io, lake, new GovernedAccess(policy, audit, io, Clock.systemUTC()),
        System.getProperty("user.name", "unknown"));
  }

  /** The policy file, found as every serving interface finds it ({@link AccessPolicy#locate}). */
  static Path policyFile(Settings settings, java.util.Map<String, String> environment) {
    return AccessPolicy.locate(settings.sqlDir(), environment);
  }

  /** Runs {@code work} if the policy allows this data engineer every resource; audited either way. */
  <T> T use(String purpose, String action, String target, List<GovernedAccess.Resource> resources,
      Supplier<GovernedAccess.Result<T>> work) {
    return governed.use(new GovernedAccess.Caller(actor, ROLE, Optional.empty(), purpose), action, target, resources, work);
  }
}
