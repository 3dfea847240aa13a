package org.carelake.quality;

import org.carelake.nightly.Stage;
import org.carelake.nightly.StageContext;
import org.carelake.nightly.StageResult;

/** The quality stage in the night's list: after link, before silver, so silver can hold back what failed. */
public final class QualityStep implements Stage {
  @Override
  public String id() {
    return "quality";
  }

  @Override
  public String description() {
    return "measure each borough's feeds (conformance, completeness, plausibility) and hold back those failing a gate";
  }

  @Override
  public boolean needsKey() {
    return false;
  }

  @Override
  public StageResult run(StageContext context) {
    return new QualityStage(context.io(), context.lake(), context.contracts(), context.settings().sqlDir(),
            context.settings().quality(), context.night(), context.runId())
        .run();
  }
}
