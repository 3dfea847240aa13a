package org.carelake.spark;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;

/**
 * With {@code CARELAKE_PROFILE=1}, prints each Spark job's description and duration to stderr, so
 * a slow stage can be traced to the jobs it runs; each line also gives the seconds since profiling
 * began, as jobs overlap, and the innermost CareLake method whose call started the job (the job's
 * call site), so a job started inside Spark or Delta is traced to the line that asked for it.
 * Descriptions name stages and tables, never data.
 */
final class JobTimer extends SparkListener {
  private final Map<Integer, Long> started = new ConcurrentHashMap<>();
  private final Map<Integer, String> descriptions = new ConcurrentHashMap<>();
  private final long origin = System.nanoTime();
  private final java.io.PrintStream out;

  JobTimer() {
    this(System.err);
  }

  /** Prints to {@code out} instead of stderr. */
  JobTimer(java.io.PrintStream out) {
    this.out = out;
  }

  @Override
  public void onJobStart(SparkListenerJobStart jobStart) {
    started.put(jobStart.jobId(), System.nanoTime());
    String description = jobStart.properties() == null ? null : jobStart.properties().getProperty("spark.job.description");
    String site = callSite(jobStart);
    descriptions.put(jobStart.jobId(), (description == null ? "(no description)" : description) + (site.isEmpty() ? "" : "  @ " + site));
  }

  /** The first CareLake frame of the job's first stage's call site (Spark keeps the caller's stack there), or "". */
  private static String callSite(SparkListenerJobStart jobStart) {
    if (jobStart.stageInfos().isEmpty()) {
      return "";
    }
    for (String frame : jobStart.stageInfos().head().details().split("\n")) {
      String trimmed = frame.strip();
      if (trimmed.startsWith("org.carelake.")) {
        return trimmed.replaceFirst("^org\\.carelake\\.", "");
      }
    }
    return "";
  }

  @Override
  public void onJobEnd(SparkListenerJobEnd jobEnd) {
    Long start = started.remove(jobEnd.jobId());
    String description = descriptions.remove(jobEnd.jobId());
    if (start != null) {
      long now = System.nanoTime();
      out.printf(java.util.Locale.ROOT, "  [job %d at %8.2f s] %6.2f s  %s%n", jobEnd.jobId(), (now - origin) / 1e9, (now - start) / 1e9,
          description);
    }
  }
}
