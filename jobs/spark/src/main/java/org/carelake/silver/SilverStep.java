package org.carelake.silver;

import org.carelake.nightly.Stage;
import org.carelake.nightly.StageContext;
import org.carelake.nightly.StageResult;

/** The silver stage in the night's list. */
public final class SilverStep implements Stage {
  @Override
  public String id() {
    return "silver";
  }

  @Override
  public String description() {
    return "standardise, de-duplicate and pseudonymise into the conformed model";
  }

  @Override
  public boolean needsKey() {
    return true;
  }

  @Override
  public StageResult run(StageContext context) {
    return new SilverStage(
            context.io(), context.lake(),
            // Opt-out lists never reach silver; the gold stage's opt-out component reads them.
            context.contracts().stream().filter(org.carelake.contract.Contract::reachesSilver).toList(),
            context.settings().sqlDir(), context.night(), context.runId(),
            context.startedAt(), context.feed())
        .reportingTo(context.steps(this))
        .run();
  }
}
