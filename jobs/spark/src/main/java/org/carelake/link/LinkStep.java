package org.carelake.link;

import org.apache.hadoop.conf.Configuration;
import org.carelake.lake.DiskUsage;
import org.carelake.lake.Lake;
import org.carelake.nightly.Stage;
import org.carelake.nightly.StageContext;
import org.carelake.nightly.StageResult;

/** The link stage in the night's list: between ingest and silver. */
public final class LinkStep implements Stage {
  @Override
  public String id() {
    return "link";
  }

  @Override
  public String description() {
    return "link every source record to a person in the master person index (deterministic, then Fellegi-Sunter)";
  }

  @Override
  public boolean needsKey() {
    return false;
  }

  /** The master person index: every night's new records are joined against the vault and its links. */
  @Override
  public long lakeBytesJoined(StageContext context) {
    return indexBytes(context.lake(), context.io().spark().sparkContext().hadoopConfiguration());
  }

  /** Bytes on disk of the identity vault and the person links (0 before the first night). */
  static long indexBytes(Lake lake, Configuration hadoop) {
    return DiskUsage.bytes(lake.restricted("identity").path(), hadoop)
        + DiskUsage.bytes(lake.restricted("person_link").path(), hadoop);
  }

  @Override
  public StageResult run(StageContext context) {
    return new LinkStage(context.io(), context.lake(), context.contracts(), context.settings().sqlDir(),
            context.settings().linkage(), context.night(), context.runId(), context.startedAt())
        .run();
  }
}
