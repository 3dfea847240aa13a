package org.carelake.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * After each test class, empties the shared session's caches ({@link TestSpark#releaseCaches}), so
 * what one class cached (a dataset it never released, Delta's state of its deleted temporary lake)
 * does not slow or crowd the classes after it in the same JVM: every query Spark plans is compared
 * with each cached plan. Registered for every test class through JUnit's extension auto-detection
 * ({@code META-INF/services}, enabled in the parent pom's surefire configuration).
 */
public final class ReleaseSparkCaches implements AfterAllCallback {
  @Override
  public void afterAll(ExtensionContext context) {
    TestSpark.releaseCaches();
  }
}
