package org.carelake.spark;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFs;
import org.apache.hadoop.fs.DelegateToFileSystem;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FsServerDefaults;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.local.LocalConfigKeys;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * Hadoop's local file system ({@code file:} paths: a lake on local disk or a mounted share) without
 * the processes it forks. Without Hadoop's native library, which no Maven artifact carries, Hadoop
 * sets a permission by running {@code chmod} and, before each rename through its FileContext (every
 * Delta commit), runs {@code readlink} on the destination: about 4,000 processes for a small demo's
 * two nights, each a few milliseconds of a two-core machine. Here both are done in Java
 * ({@link Files#setPosixFilePermissions}, {@link Files#isSymbolicLink}); everything else is Hadoop's
 * own code. The sessions select it with {@code fs.file.impl} and {@code fs.AbstractFileSystem.file.impl}
 * ({@link #HADOOP_SETTINGS}).
 */
public final class LocalFileSystemWithoutForks extends LocalFileSystem {
  /** The Spark settings that select these classes for {@code file:} paths. */
  public static final java.util.Map<String, String> HADOOP_SETTINGS = java.util.Map.of(
      "spark.hadoop.fs.file.impl", LocalFileSystemWithoutForks.class.getName(),
      "spark.hadoop.fs.AbstractFileSystem.file.impl", LocalFileSystemWithoutForks.Fs.class.getName());

  public LocalFileSystemWithoutForks() {
    super(new Raw());
  }

  /** The raw (checksum-free) local file system with permissions and link checks in Java. */
  public static final class Raw extends RawLocalFileSystem {
    @Override
    public void setPermission(Path p, FsPermission permission) throws IOException {
      if (permission.getStickyBit()) {
        super.setPermission(p, permission); // java.nio cannot set the sticky bit; nothing here asks for it
        return;
      }
      String symbols = permission.getUserAction().SYMBOL + permission.getGroupAction().SYMBOL
          + permission.getOtherAction().SYMBOL;
      try {
        Files.setPosixFilePermissions(pathToFile(p).toPath(), PosixFilePermissions.fromString(symbols));
      } catch (NoSuchFileException e) {
        throw new FileNotFoundException("File " + p + " does not exist");
      }
    }

    /**
     * Hadoop's own version runs {@code readlink} first and, for anything but a symbolic link,
     * returns {@link #getFileStatus}: the same without the process. A symbolic link is left to
     * Hadoop's code.
     */
    @Override
    public FileStatus getFileLinkStatus(Path f) throws IOException {
      if (Files.isSymbolicLink(pathToFile(f).toPath())) {
        return super.getFileLinkStatus(f);
      }
      return getFileStatus(f);
    }
  }

  /** The FileContext face of {@link Raw}, with checksums as Hadoop's own {@code LocalFs} has them. */
  public static final class Fs extends ChecksumFs {
    public Fs(URI uri, Configuration conf) throws IOException, URISyntaxException {
      super(new RawFs(uri, conf));
    }

    /** Needed by FileContext, which creates the file system from the configuration alone. */
    public Fs(Configuration conf) throws IOException, URISyntaxException {
      this(org.apache.hadoop.fs.FsConstants.LOCAL_FS_URI, conf);
    }
  }

  /** As Hadoop's {@code RawLocalFs}, over {@link Raw}. */
  static final class RawFs extends DelegateToFileSystem {
    RawFs(URI uri, Configuration conf) throws IOException, URISyntaxException {
      super(uri, new Raw(), conf, org.apache.hadoop.fs.FsConstants.LOCAL_FS_URI.getScheme(), false);
    }

    @Override
    public int getUriDefaultPort() {
      return -1; // no default port for file:///
    }

    @Override
    public FsServerDefaults getServerDefaults(Path f) throws IOException {
      return LocalConfigKeys.getServerDefaults();
    }

    @Override
    @Deprecated
    public FsServerDefaults getServerDefaults() throws IOException {
      return LocalConfigKeys.getServerDefaults();
    }

    @Override
    public boolean isValidName(String src) {
      return true; // any path is valid on the local file system
    }
  }
}
