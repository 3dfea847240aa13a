package org.carelake.serve.lake;

import static java.util.Objects.requireNonNull;

import io.delta.kernel.Scan;
import io.delta.kernel.Snapshot;
import io.delta.kernel.Table;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.exceptions.KernelException;
import io.delta.kernel.exceptions.TableNotFoundException;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.SnapshotImpl;
import io.delta.kernel.internal.actions.Metadata;
import io.delta.kernel.internal.actions.Protocol;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A Delta table's data files at one version, listed with Delta Kernel (no Spark, no data read): for
 * serving the files themselves (the sharing server), where {@link PublishedLake} decodes rows. Also
 * the one place a table's latest snapshot is looked up, for both.
 */
public final class TableFiles {
  private TableFiles() {}

  /** One data file of the snapshot: its path relative to the table's folder, size, partition values and statistics (JSON, may be null). */
  public record DataFile(String path, long size, Map<String, String> partitionValues, String stats) {
    public DataFile {
      requireNonNull(path, "path is null");
      partitionValues = Map.copyOf(partitionValues);
    }
  }

  /**
   * A table at one version: its Delta metadata (id, schema as Delta's JSON, partition columns,
   * configuration), its reader protocol, the commit time and its live data files.
   */
  public record Listing(
      long version, long committedAtMillis, String tableId, String schemaString, List<String> partitionColumns,
      Map<String, String> configuration, int minReaderVersion, Set<String> readerFeatures, List<DataFile> files) {
    public Listing {
      partitionColumns = List.copyOf(partitionColumns);
      configuration = Map.copyOf(configuration);
      readerFeatures = Set.copyOf(readerFeatures);
      files = List.copyOf(files);
    }

    public long size() {
      return files.stream().mapToLong(DataFile::size).sum();
    }
  }

  /** The table's latest snapshot, or empty when there is no Delta table at {@code location}. */
  public static Optional<Snapshot> latest(Engine engine, String location) {
    try {
      return Optional.of(Table.forPath(engine, location).getLatestSnapshot(engine));
    } catch (TableNotFoundException e) {
      return Optional.empty();
    }
  }

  /** The latest version, without listing files; empty when there is no table. */
  public static Optional<Long> latestVersion(Engine engine, String location) {
    return latest(engine, location).map(Snapshot::getVersion);
  }

  /**
   * The table's files at {@code version} (the latest when empty); empty when there is no table.
   *
   * @throws IllegalArgumentException when the version does not exist (or was vacuumed away)
   */
  public static Optional<Listing> list(Engine engine, String location, Optional<Long> version) {
    Optional<Snapshot> snapshot;
    if (version.isEmpty()) {
      snapshot = latest(engine, location);
    } else {
      try {
        snapshot = Optional.of(Table.forPath(engine, location).getSnapshotAsOfVersion(engine, version.get()));
      } catch (TableNotFoundException e) {
        snapshot = Optional.empty();
      } catch (KernelException e) {
        throw new IllegalArgumentException("version " + version.get() + " of the table cannot be read", e);
      }
    }
    return snapshot.map(s -> listing(engine, location, s));
  }

  private static Listing listing(Engine engine, String location, Snapshot snapshot) {
    SnapshotImpl impl = (SnapshotImpl) snapshot;
    Metadata metadata = impl.getMetadata();
    Protocol protocol = impl.getProtocol();
    URI root = Path.of(location).toAbsolutePath().normalize().toUri();
    List<DataFile> files = new ArrayList<>();
    Scan scan = snapshot.getScanBuilder().build();
    try (CloseableIterator<FilteredColumnarBatch> batches = scan.getScanFiles(engine, true)) {
      while (batches.hasNext()) {
        try (CloseableIterator<Row> rows = batches.next().getRows()) {
          while (rows.hasNext()) {
            Row row = rows.next();
            FileStatus status = InternalScanFileUtils.getAddFileStatus(row);
            Row add = row.getStruct(row.getSchema().indexOf("add"));
            int statsAt = add.getSchema().indexOf("stats");
            String stats = statsAt >= 0 && !add.isNullAt(statsAt) ? add.getString(statsAt) : null;
            files.add(new DataFile(relative(root, status.getPath()), status.getSize(), InternalScanFileUtils.getPartitionValues(row), stats));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("listing the files of a table at version " + snapshot.getVersion(), e);
    }
    return new Listing(snapshot.getVersion(), snapshot.getTimestamp(engine), metadata.getId(), metadata.getSchemaString(),
        snapshot.getPartitionColumnNames(), metadata.getConfiguration(), protocol.getMinReaderVersion(),
        protocol.getReaderFeatures(), files);
  }

  /** A file's path under the table's folder; a file elsewhere (an absolute path in the log) is refused. */
  private static String relative(URI root, String path) {
    URI file = URI.create(path).normalize();
    if (file.getScheme() == null) {
      file = Path.of(path).toAbsolutePath().normalize().toUri();
    }
    String rootText = root.toString().endsWith("/") ? root.toString() : root + "/";
    String fileText = file.toString().replaceFirst("^file:/+", "file:/");
    rootText = rootText.replaceFirst("^file:/+", "file:/");
    if (!fileText.startsWith(rootText)) {
      throw new IllegalStateException("a data file of the table lies outside the table's folder");
    }
    return java.net.URLDecoder.decode(fileText.substring(rootText.length()).replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
  }
}
