package org.carelake.ingest;

import org.apache.hadoop.conf.Configuration;
import org.carelake.nightly.Stage;
import org.carelake.nightly.StageContext;
import org.carelake.nightly.StageResult;

/** The ingest stage in the night's list. */
public final class IngestStep implements Stage {
  @Override
  public String id() {
    return "ingest";
  }

  @Override
  public String description() {
    return "validate landed files against their contracts; load, quarantine and record in the ledger";
  }

  @Override
  public boolean needsKey() {
    return false;
  }

  @Override
  public StageResult run(StageContext context) {
    Configuration hadoop = context.io().spark().sparkContext().hadoopConfiguration();
    return new IngestStage(
            context.io(), context.lake(), new LandingZone(context.settings().landingRoot(), hadoop), context.contracts(),
            context.night(), context.runId(), context.startedAt(), context.borough(), context.feed())
        .reportingTo(context.steps(this))
        .run();
  }
}
