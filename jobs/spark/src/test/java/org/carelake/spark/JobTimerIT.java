package org.carelake.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.apache.spark.sql.SparkSession;
import org.carelake.testing.TestSpark;
import org.junit.jupiter.api.Test;

/** {@code CARELAKE_PROFILE=1}'s job lines: description, duration and the CareLake call site. */
class JobTimerIT {
  static final SparkSession SPARK = TestSpark.session();

  @Test
  void aJobLineNamesItsDescriptionAndTheCareLakeMethodThatStartedIt() throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    JobTimer timer = new JobTimer(new PrintStream(printed, true, StandardCharsets.UTF_8));
    SPARK.sparkContext().addSparkListener(timer);
    try {
      SPARK.sparkContext().setJobDescription("profiling test: count");
      assertThat(SPARK.range(10).count()).isEqualTo(10);
      SPARK.sparkContext().listenerBus().waitUntilEmpty();
    } finally {
      SPARK.sparkContext().setJobDescription(null);
      SPARK.sparkContext().removeSparkListener(timer);
    }
    String lines = printed.toString(StandardCharsets.UTF_8);
    assertThat(lines).containsPattern("\\[job \\d+ at +[0-9.]+ s\\] +[0-9.]+ s  profiling test: count  @ spark\\.JobTimerIT\\."
        + "aJobLineNamesItsDescriptionAndTheCareLakeMethodThatStartedIt\\(JobTimerIT\\.java:\\d+\\)");
  }
}
