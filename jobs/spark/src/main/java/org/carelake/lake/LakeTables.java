package org.carelake.lake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Finds the Delta tables that exist in a lake, zone by zone, on any Hadoop file system. */
public final class LakeTables {
  private LakeTables() {}

  public static List<TableRef> all(DeltaIo io, Lake lake) {
    List<TableRef> tables = new ArrayList<>();
    for (Zone zone : Zone.values()) {
      tables.addAll(inZone(io, lake, zone));
    }
    return tables;
  }

  public static List<TableRef> inZone(DeltaIo io, Lake lake, Zone zone) {
    List<TableRef> tables = new ArrayList<>();
    Path folder = new Path(lake.root() + "/" + zone.folder());
    try {
      FileSystem fs = folder.getFileSystem(io.spark().sparkContext().hadoopConfiguration());
      if (!fs.exists(folder)) {
        return tables;
      }
      FileStatus[] children = fs.listStatus(folder);
      Arrays.sort(children);
      for (FileStatus child : children) {
        String name = child.getPath().getName();
        if (child.isDirectory() && name.matches("[a-z][a-z0-9_]*")) {
          TableRef table = lake.table(zone, name);
          if (io.exists(table)) {
            tables.add(table);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + folder, e);
    }
    return tables;
  }
}
