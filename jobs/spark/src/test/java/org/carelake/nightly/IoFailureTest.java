package org.carelake.nightly;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

/** A run that fails on I/O says so in the file system's words, however Spark wrapped the error. */
class IoFailureTest {
  @Test
  void theInnermostIoErrorAmongTheCausesIsTheReason() {
    RuntimeException wrapped = new IllegalStateException("Job aborted due to stage failure",
        new UncheckedIOException(new IOException("outer", new IOException("File too large\nmore"))));
    assertThat(NightlyRun.ioFailure(wrapped)).contains("File too large");
  }

  @Test
  void aTaskThatFailedInAnotherJvmIsReadFromItsText() {
    RuntimeException remote = new RuntimeException("Job aborted due to stage failure: Task 0 in stage 3.0 failed 4 times, most "
        + "recent failure: Lost task 0.3 (executor 1): java.io.IOException: No space left on device\n\tat java.base/...");
    assertThat(NightlyRun.ioFailure(remote)).contains("No space left on device");
    assertThat(NightlyRun.ioFailure(new RuntimeException("java.nio.file.AccessDeniedException: /lake/gold/x")))
        .contains("/lake/gold/x");
  }

  @Test
  void otherFailuresAreNotCalledIoErrors() {
    assertThat(NightlyRun.ioFailure(new IllegalArgumentException("a bug", new NullPointerException()))).isEmpty();
  }
}
