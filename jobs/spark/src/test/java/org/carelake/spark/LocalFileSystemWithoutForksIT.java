package org.carelake.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordingFile;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.spark.sql.SparkSession;
import org.carelake.testing.TestSpark;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local file system the sessions use: permissions and renames behave as Hadoop's own, Delta's
 * put-if-absent commit still refuses an existing file, and a Delta write forks no process (a flight
 * recording of the write holds no {@code jdk.ProcessStart} event; with Hadoop's own local file system
 * it holds a {@code chmod} per file and a {@code readlink} per commit).
 */
class LocalFileSystemWithoutForksIT {
  static final SparkSession SPARK = TestSpark.session();

  @TempDir Path dir;

  private Configuration conf() {
    return SPARK.sessionState().newHadoopConf();
  }

  @Test
  void theSessionsUseItForLocalPathsAndFileContext() throws IOException {
    assertThat(FileSystem.get(dir.toUri(), conf())).isInstanceOf(LocalFileSystemWithoutForks.class);
    assertThat(FileContext.getFileContext(dir.toUri(), conf()).getDefaultFileSystem())
        .isInstanceOf(LocalFileSystemWithoutForks.Fs.class);
    assertThat(SparkSessions.settings()).containsAllEntriesOf(LocalFileSystemWithoutForks.HADOOP_SETTINGS);
  }

  @Test
  void permissionsAreSetAsAsked() throws IOException {
    FileSystem fs = FileSystem.get(dir.toUri(), conf());
    org.apache.hadoop.fs.Path folder = new org.apache.hadoop.fs.Path(dir.toUri().toString(), "folder");
    assertThat(fs.mkdirs(folder, new FsPermission((short) 0750))).isTrue();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("folder")))).isEqualTo("rwxr-x---");
    org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(folder, "file.txt");
    fs.create(file).close();
    fs.setPermission(file, new FsPermission((short) 0604));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("folder/file.txt")))).isEqualTo("rw----r--");
    assertThatThrownBy(() -> fs.setPermission(new org.apache.hadoop.fs.Path(folder, "absent"), new FsPermission((short) 0600)))
        .isInstanceOf(java.io.FileNotFoundException.class);
  }

  @Test
  void aRenameWithoutOverwriteRefusesAnExistingFileAndAMissingFileIsNotFound() throws IOException {
    FileContext fc = FileContext.getFileContext(dir.toUri(), conf());
    Files.writeString(dir.resolve("a"), "first", StandardCharsets.UTF_8);
    Files.writeString(dir.resolve("b"), "second", StandardCharsets.UTF_8);
    org.apache.hadoop.fs.Path a = new org.apache.hadoop.fs.Path(dir.resolve("a").toUri());
    org.apache.hadoop.fs.Path b = new org.apache.hadoop.fs.Path(dir.resolve("b").toUri());
    assertThatThrownBy(() -> fc.rename(a, b, Options.Rename.NONE)).isInstanceOf(FileAlreadyExistsException.class);
    assertThat(Files.readString(dir.resolve("b"), StandardCharsets.UTF_8)).isEqualTo("second");
    org.apache.hadoop.fs.Path c = new org.apache.hadoop.fs.Path(dir.resolve("c").toUri());
    fc.rename(a, c, Options.Rename.NONE);
    assertThat(Files.readString(dir.resolve("c"), StandardCharsets.UTF_8)).isEqualTo("first");
    assertThat(Files.exists(dir.resolve("a"))).isFalse();

    assertThat(fc.getFileLinkStatus(c).getLen()).isEqualTo(5);
    assertThatThrownBy(() -> fc.getFileLinkStatus(a)).isInstanceOf(java.io.FileNotFoundException.class);
  }

  @Test
  void aDeltaWriteAndCommitForkNoProcess() throws IOException {
    Path recordingFile = dir.resolve("write.jfr");
    // Hadoop asks the system's page size once per JVM (getconf); the first write here pays it.
    SPARK.range(1).write().format("delta").save(dir.resolve("warm-up").toUri().toString());
    try (Recording recording = new Recording()) {
      recording.enable("jdk.ProcessStart");
      recording.start();
      String table = dir.resolve("table").toUri().toString();
      SPARK.range(10).write().format("delta").save(table);
      SPARK.range(10, 20).write().format("delta").mode("append").save(table);
      assertThat(SPARK.read().format("delta").load(table).count()).isEqualTo(20);
      recording.stop();
      recording.dump(recordingFile);
    }
    List<String> commands = RecordingFile.readAllEvents(recordingFile).stream()
        .filter(event -> event.getEventType().getName().equals("jdk.ProcessStart"))
        .map(event -> event.getString("command"))
        .toList();
    assertThat(commands).isEmpty();
  }
}
