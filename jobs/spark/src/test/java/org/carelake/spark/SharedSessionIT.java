package org.carelake.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ServiceLoader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.carelake.testing.ReleaseSparkCaches;
import org.carelake.testing.TestSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.Extension;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The test session: production's settings, and caches emptied between test classes. */
class SharedSessionIT {
  static final SparkSession SPARK = TestSpark.session();
  static String autoDetection;

  @RegisterExtension
  static final BeforeAllCallback READ_SETTING = context ->
      autoDetection = context.getConfigurationParameter("junit.jupiter.extensions.autodetection.enabled").orElse("unset");

  @Test
  void theTestSessionHasProductionsSettingsBarItsSmallerStatePartitionsAndASmallNightsPlanning() {
    SparkSessions.settings().forEach((key, value) -> {
      if (!key.equals("spark.databricks.delta.snapshotPartitions") && !key.equals("spark.sql.adaptive.enabled")) {
        assertThat(SPARK.conf().get(key)).as(key).isEqualTo(value);
      }
    });
    // Test data is tiny: the tests plan as a small stage of a night does (StageExecution).
    assertThat(SPARK.conf().get("spark.sql.adaptive.enabled")).isEqualTo("false");
  }

  @Test
  void releasingCachesEmptiesTheCacheManagerAndLeavesTheSession() {
    Dataset<Row> rows = SPARK.range(100).toDF("n").persist(StorageLevel.MEMORY_AND_DISK());
    assertThat(rows.count()).isEqualTo(100);
    assertThat(SPARK.sharedState().cacheManager().isEmpty()).isFalse();
    TestSpark.releaseCaches();
    assertThat(SPARK.sharedState().cacheManager().isEmpty()).isTrue();
    assertThat(TestSpark.session()).isSameAs(SPARK);
    assertThat(rows.count()).as("a released dataset is computed again").isEqualTo(100);
  }

  @Test
  void theReleaseRunsAfterEveryTestClassByAutoDetection() {
    assertThat(ServiceLoader.load(Extension.class).stream().map(ServiceLoader.Provider::type))
        .contains(ReleaseSparkCaches.class);
    assertThat(autoDetection).as("surefire's junit.jupiter.extensions.autodetection.enabled").isEqualTo("true");
  }
}
