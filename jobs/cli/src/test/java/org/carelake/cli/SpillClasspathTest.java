package org.carelake.cli;

import static org.assertj.core.api.Assertions.assertThatCode;

import org.apache.spark.SparkConf;
import org.apache.spark.serializer.KryoSerializer;
import org.junit.jupiter.api.Test;

/**
 * When memory runs short Spark spills cached blocks to disk with Kryo, whose first use loads the ML
 * classes it registers. The command's classpath carries Spark's ML jars (the SQL endpoint's Connect
 * sessions load them), so it must carry what those classes link to as well: a 100,000-person
 * benchmark failed at its first spill with {@code NoClassDefFoundError: breeze/linalg/Matrix}.
 * (Spark swallows that error only when {@code spark.testing} is set, which this JVM does not set.)
 */
class SpillClasspathTest {
  @Test
  void kryoStartsOnTheCommandsClasspath() {
    assertThatCode(() -> new KryoSerializer(new SparkConf(false)).newKryo()).doesNotThrowAnyException();
  }
}
