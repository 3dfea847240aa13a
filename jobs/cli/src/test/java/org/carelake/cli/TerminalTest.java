package org.carelake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.carelake.nightly.Stage;
import org.carelake.nightly.StageContext;
import org.carelake.nightly.StageResult;
import org.junit.jupiter.api.Test;

/** Progress within a stage: in place on a terminal, sparse in a log. */
class TerminalTest {
  private static final Stage SILVER = new Stage() {
    @Override public String id() {
      return "silver";
    }

    @Override public String description() {
      return "standardise";
    }

    @Override public boolean needsKey() {
      return false;
    }

    @Override public StageResult run(StageContext context) {
      throw new UnsupportedOperationException();
    }
  };

  @Test
  void anInteractiveTerminalRewritesTheStepLineInPlaceAndClearsItWhenTheStageEnds() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Terminal terminal = new Terminal(new PrintStream(bytes, true, StandardCharsets.UTF_8), true);
    terminal.stageStarted(SILVER, 4, 6);
    terminal.stageStep(SILVER, "map acute_apc", 0, 13);
    terminal.stageStep(SILVER, "map acute_op", 1, 13);
    terminal.stageFinished(SILVER, "13 feeds", Duration.ofSeconds(3));
    String shown = bytes.toString(StandardCharsets.UTF_8);

    assertThat(shown).contains("\r      silver  0/13 done; now map acute_apc", "\r      silver  1/13 done; now map acute_op")
        .contains("silver  done in 3.0 s: 13 feeds");
    // step lines never end a line of their own: the finished line overwrites them
    assertThat(shown.lines().filter(line -> line.startsWith("\r") && !line.contains("done in"))).isEmpty();
  }

  @Test
  void aLogGetsNoStepLineWhenTheStageMovesQuickly() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    Terminal terminal = new Terminal(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);
    terminal.stageStarted(SILVER, 4, 6);
    for (int i = 0; i < 13; i++) {
      terminal.stageStep(SILVER, "map feed " + i, i, 13);
    }
    terminal.stageFinished(SILVER, "13 feeds", Duration.ofSeconds(1));

    assertThat(bytes.toString(StandardCharsets.UTF_8)).doesNotContain("now map", "\r").contains("silver  done in 1.0 s");
  }
}
