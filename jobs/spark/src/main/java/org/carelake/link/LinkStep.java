package org.carelake.link;

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

  @Override
  public StageResult run(StageContext context) {
    return new LinkStage(context.io(), context.lake(), context.contracts(), context.settings().sqlDir(),
            context.settings().linkage(), context.night(), context.runId(), context.startedAt())
        .run();
  }
}
