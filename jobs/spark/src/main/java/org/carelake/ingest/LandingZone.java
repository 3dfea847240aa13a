package org.carelake.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.carelake.error.CareLakeErrors;

/**
 * Lists what the sources sent for a night. Works on any Hadoop file system (local, s3a, abfs),
 * so nothing assumes a local path. Names starting with {@code _} or {@code .} are markers
 * ({@code _READY}) and are not data.
 */
public final class LandingZone {
  private final String root;
  private final Configuration hadoop;

  public LandingZone(String root, Configuration hadoop) {
    this.root = root.endsWith("/") ? root.substring(0, root.length() - 1) : root;
    this.hadoop = hadoop;
  }

  public String nightFolder(LocalDate night) {
    return root + "/" + night;
  }

  /**
   * The night's landed files, each with the feed it belongs to: {@code <feed>.csv} or
   * {@code <feed>__<anything>.csv} by contract id, else the first contract (in id order) whose
   * {@code carelake.file-patterns} match the name; empty when none does.
   */
  public List<LandedFile> discover(
      LocalDate night, java.util.Collection<org.carelake.contract.Contract> contracts, Optional<String> borough, Optional<String> feed) {
    Set<String> contractIds = new java.util.TreeSet<>();
    contracts.forEach(c -> contractIds.add(c.id()));
    List<org.carelake.contract.Contract> byId = contracts.stream()
        .sorted(Comparator.comparing(org.carelake.contract.Contract::id)).toList();
    Path nightPath = new Path(nightFolder(night));
    try {
      FileSystem fs = nightPath.getFileSystem(hadoop);
      if (!fs.exists(nightPath)) {
        throw CareLakeErrors.missingInput(
            "no landing folder for night " + night + " at " + nightPath
                + " (check --landing and --date, or generate a demo night with `carelake generate`)");
      }
      List<LandedFile> files = new ArrayList<>();
      FileStatus[] boroughs = fs.listStatus(nightPath);
      java.util.Arrays.sort(boroughs, Comparator.comparing(status -> status.getPath().getName()));
      for (FileStatus boroughFolder : boroughs) {
        String boroughCode = boroughFolder.getPath().getName();
        if (!boroughFolder.isDirectory() || isMarker(boroughCode)) {
          continue;
        }
        if (borough.isPresent() && !borough.get().equals(boroughCode)) {
          continue;
        }
        FileStatus[] landed = fs.listStatus(boroughFolder.getPath());
        java.util.Arrays.sort(landed, Comparator.comparing(status -> status.getPath().getName()));
        for (FileStatus file : landed) {
          String name = file.getPath().getName();
          if (file.isDirectory() || isMarker(name)) {
            continue;
          }
          String feedId = LandedFile.feedOf(name);
          Optional<String> matched = contractIds.contains(feedId) ? Optional.of(feedId)
              : byId.stream().filter(c -> c.matchesFileName(name)).map(org.carelake.contract.Contract::id).findFirst();
          if (feed.isPresent() && !feed.get().equals(matched.orElse(feedId))) {
            continue;
          }
          files.add(new LandedFile(file.getPath().toString(), boroughCode, matched, name, file.getLen()));
        }
      }
      return files;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list landing folder " + nightPath, e);
    }
  }

  /** Bytes landed for the night (0 when its folder is missing: ingest then says so). */
  public long nightBytes(LocalDate night) {
    return org.carelake.lake.DiskUsage.bytes(nightFolder(night), hadoop);
  }

  private static boolean isMarker(String name) {
    return name.startsWith("_") || name.startsWith(".");
  }
}
