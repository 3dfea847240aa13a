package org.carelake.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.message.SimpleMessage;
import org.junit.jupiter.api.Test;

/**
 * The command's logging configuration (src/main/resources/log4j2.properties) drops Spark's notices
 * that a normal run makes by design, by their text, and lets every other warning of the same
 * loggers through: a filter that matched too much would hide real trouble.
 */
class QuietLoggingTest {
  private static final LoggerContext CONTEXT = (LoggerContext) LogManager.getContext(false);

  @Test
  void sparksNoticesOfIntendedBehaviourAreDroppedAndOtherWarningsOfTheirLoggersShow() {
    assertDropped("org.apache.spark.storage.memory.MemoryStore", "Not enough space to cache rdd_1047_19 in memory! (computed 387.0 MiB so far)");
    assertShown("org.apache.spark.storage.memory.MemoryStore", "Failed to reserve initial memory threshold of 1024.0 KiB for computing block");
    assertDropped("org.apache.spark.scheduler.DAGScheduler", "Broadcasting large task binary with size 1234.5 KiB");
    assertShown("org.apache.spark.scheduler.DAGScheduler", "Failed to cancel job group");
    assertDropped("org.apache.spark.scheduler.TaskSetManager", "Stage 12 contains a task of very large size (1100 KiB). The maximum recommended task size is 1000 KiB.");
    assertShown("org.apache.spark.scheduler.TaskSetManager", "Lost task 0.0 in stage 3.0");
  }

  @Test
  void carelakesOwnWarningsShow() {
    assertShown("org.carelake.ingest.IngestStage", "rejected file E08000004/acute_op.csv (file.header)");
  }

  private static void assertDropped(String logger, String message) {
    assertThat(shown(logger, message)).as("%s: %s", logger, message).isFalse();
  }

  private static void assertShown(String logger, String message) {
    assertThat(shown(logger, message)).as("%s: %s", logger, message).isTrue();
  }

  /** Whether a warning with this text from this logger reaches the console under the configuration. */
  private static boolean shown(String logger, String message) {
    LoggerConfig config = CONTEXT.getConfiguration().getLoggerConfig(logger);
    LogEvent event = Log4jLogEvent.newBuilder().setLoggerName(logger).setLevel(Level.WARN).setMessage(new SimpleMessage(message)).build();
    return config.getLevel().isLessSpecificThan(Level.WARN) && !config.isFiltered(event);
  }
}
