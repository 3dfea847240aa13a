package org.carelake.quality;

import org.carelake.nightly.Stage;
import org.carelake.nightly.StageContext;
import org.carelake.nightly.StageResult;

/** The check stage in the night's list. */
public final class CheckStep implements Stage {
  @Override
  public String id() {
    return "check";
  }

  @Override
  public String description() {
    return "quality gates: ledger reconciliation and the identifier-leak gate";
  }

  @Override
  public boolean needsKey() {
    return false;
  }

  @Override
  public StageResult run(StageContext context) {
    return new CheckStage(context.io(), context.lake(), context.night(), context.contracts()).run();
  }
}
