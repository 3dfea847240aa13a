package org.carelake.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import org.carelake.nightly.Progress;
import org.carelake.nightly.Stage;

/** Progress lines for people watching a run. */
final class Terminal implements Progress {
  private final PrintStream out;

  Terminal(PrintStream out) {
    this.out = out;
  }

  @Override
  public void stageStarted(Stage stage, int index, int of) {
    out.printf(Locale.ROOT, "[%d/%d] %-7s %s ...%n", index, of, stage.id(), stage.description());
    out.flush();
  }

  @Override
  public void stageFinished(Stage stage, String summary, Duration duration) {
    out.printf(Locale.ROOT, "      %-7s done in %s: %s%n", stage.id(), seconds(duration), summary);
    out.flush();
  }

  static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
  }
}
