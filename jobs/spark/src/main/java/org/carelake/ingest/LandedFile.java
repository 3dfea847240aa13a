package org.carelake.ingest;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * One file found in the landing zone for a night: {@code <landing>/<night>/<borough>/<feed>[__x].csv}.
 * {@code feed} is empty when no contract matches the file name.
 */
public record LandedFile(String path, String borough, Optional<String> feed, String fileName, long bytes) {

  public LandedFile {
    requireNonNull(path, "path is null");
    requireNonNull(borough, "borough is null");
    requireNonNull(feed, "feed is null");
    requireNonNull(fileName, "fileName is null");
  }

  /** The feed id a file name announces: the part before {@code __} and the extension. */
  public static String feedOf(String fileName) {
    String stem = fileName.contains(".") ? fileName.substring(0, fileName.lastIndexOf('.')) : fileName;
    int separator = stem.indexOf("__");
    return separator < 0 ? stem : stem.substring(0, separator);
  }
}
