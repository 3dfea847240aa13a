package org.carelake.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import org.carelake.nightly.Progress;
import org.carelake.nightly.Stage;

/**
 * Progress lines for people watching a run: a line as each stage starts and ends, and within a long
 * stage its step (feed or table, done of total) — rewritten in place on an interactive terminal,
 * otherwise (a log file, a scheduler) a line at most every {@link #QUIET_SECONDS} seconds.
 */
final class Terminal implements Progress {
  static final long QUIET_SECONDS = 15;

  private final PrintStream out;
  private final boolean interactive;
  private long lastLine = System.nanoTime();
  private boolean stepShown;

  Terminal(PrintStream out) {
    this(out, System.console() != null && out == System.out);
  }

  Terminal(PrintStream out, boolean interactive) {
    this.out = out;
    this.interactive = interactive;
  }

  @Override
  public void stageStarted(Stage stage, int index, int of) {
    out.printf(Locale.ROOT, "[%d/%d] %-7s %s ...%n", index, of, stage.id(), stage.description());
    out.flush();
    lastLine = System.nanoTime();
  }

  @Override
  public void stageStep(Stage stage, String step, int done, int of) {
    String line = String.format(Locale.ROOT, "      %-7s %d/%d done; now %s", stage.id(), done, of, step);
    if (interactive) {
      out.print("\r" + line + "\u001b[K");
      stepShown = true;
    } else if (System.nanoTime() - lastLine >= QUIET_SECONDS * 1_000_000_000L) {
      out.println(line);
      lastLine = System.nanoTime();
    }
    out.flush();
  }

  @Override
  public void stageFinished(Stage stage, String summary, Duration duration) {
    if (stepShown) {
      out.print("\r\u001b[K");
      stepShown = false;
    }
    out.printf(Locale.ROOT, "      %-7s done in %s: %s%n", stage.id(), seconds(duration), summary);
    out.flush();
    lastLine = System.nanoTime();
  }

  static String seconds(Duration duration) {
    return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
  }
}
