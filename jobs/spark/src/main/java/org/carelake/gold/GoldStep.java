package org.carelake.gold;

import java.util.Map;
import org.carelake.access.AccessPolicy;
import org.carelake.access.ProjectOutputs;
import org.carelake.error.CareLakeErrors;
import org.carelake.nightly.Release;
import org.carelake.nightly.Stage;
import org.carelake.nightly.StageContext;
import org.carelake.nightly.StageResult;
import org.carelake.pseudonym.ProjectKeys;
import org.carelake.pseudonym.PseudonymKey;
import org.carelake.run.Settings;

/** The gold stage in the night's list. */
public final class GoldStep implements Stage {
  @Override
  public String id() {
    return "gold";
  }

  @Override
  public String description() {
    return "publish planning and cohort tables with disclosure control";
  }

  @Override
  public boolean needsKey() {
    return true;
  }

  @Override
  public StageResult run(StageContext context) {
    return new GoldStage(
            context.io(), context.lake(), context.settings().sqlDir(), context.night(), context.runId(), context.startedAt(),
            projects(context), Release.version(), context.contracts())
        .incrementalFromInputBytes(context.settings().goldIncrementalMinInputMb() * 1024 * 1024)
        .incrementalByPerson(context.settings().goldIncrementalByPerson().equals("on"))
        .run();
  }

  /**
   * The silver zone on disk: the cohorts, measures and prevalence tables read their silver inputs
   * whole, whatever the night landed.
   */
  @Override
  public long lakeBytesRead(StageContext context) {
    return silverBytes(context.lake(), context.io().spark().sparkContext().hadoopConfiguration());
  }

  /** Bytes of every file under the lake's silver folder (0 before silver exists). */
  static long silverBytes(org.carelake.lake.Lake lake, org.apache.hadoop.conf.Configuration hadoop) {
    return org.carelake.lake.DiskUsage.bytes(lake.zonePath(org.carelake.lake.Zone.SILVER), hadoop);
  }

  /**
   * The research projects of the access policy ({@code CARELAKE_POLICY}, else {@code
   * governance/access-policy.yaml} beside the SQL folder), split by the night, with their keys.
   */
  static ProjectOutputs projects(StageContext context) {
    return projects(context.settings(), context.key().orElseThrow(CareLakeErrors::missingKey), context.night());
  }

  /** The research projects of the access policy as they stand on {@code night}, with their keys. */
  public static ProjectOutputs projects(Settings settings, PseudonymKey key, java.time.LocalDate night) {
    Map<String, String> environment = System.getenv();
    AccessPolicy policy = AccessPolicy.load(AccessPolicy.locate(settings.sqlDir(), environment));
    return ProjectOutputs.resolve(policy.projects().values(), night, key, ProjectKeys.folder(settings.keyFile(), environment));
  }
}
