package org.carelake.gold;

import org.carelake.nightly.Release;
import org.carelake.nightly.Stage;
import org.carelake.nightly.StageContext;
import org.carelake.nightly.StageResult;

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
            context.settings().researchProject(), Release.version(), context.contracts())
        .run();
  }
}
