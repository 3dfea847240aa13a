package org.carelake.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Test lakes built once per Maven run and copied for each test class that asks for one.
 *
 * <p>A night costs minutes on two cores and copying its lake costs under a second, so several test
 * classes (in both test JVMs of a module, and in later modules of the same {@code mvn verify}) start
 * from one built template. The templates live in the folder the build passes as the system property
 * {@value #PROPERTY} ({@code target/shared-test-lakes/<build start>} under the project, so a new
 * Maven run never reuses an old run's lake built by older code); without the property (a test run
 * from an IDE) they live in a temporary folder for this JVM. A file lock makes a second JVM wait
 * for the first to finish building instead of building the same lake again. Delta's logs name their
 * files relative to the table, so a copied lake is a lake. Copies are deleted when the test JVM
 * exits.
 */
public final class SharedLakes {
  /** The system property naming the folder templates are built in. */
  public static final String PROPERTY = "carelake.test.shared-lakes";
  /** Templates of earlier Maven runs older than this are deleted when a run first builds one. */
  static final Duration KEEP_EARLIER_RUNS = Duration.ofHours(6);

  /** Builds a template's content into a new, empty folder. */
  @FunctionalInterface
  public interface Builder {
    void build(Path into) throws IOException;
  }

  private static Path jvmRoot;
  /** Copies handed out (and a JVM's own template folder), deleted when the test JVM exits. */
  private static final List<Path> TO_DELETE = new ArrayList<>();

  private SharedLakes() {}

  /**
   * A new temporary folder holding a copy of the template {@code name}, building the template
   * first if no test JVM of this run has. Two callers must never pass one name with two builders.
   */
  public static synchronized Path copy(String name, String prefix, Builder builder) throws IOException {
    Path template = template(name, builder);
    Path work = Files.createTempDirectory(prefix);
    deleteOnExit(work);
    copyTree(template, work);
    return work;
  }

  /**
   * A new empty temporary folder for one test class's own lake, deleted with its contents when the
   * test JVM exits (a test class's folders no longer pile up in the system's temp folder).
   */
  public static synchronized Path scratch(String prefix) throws IOException {
    Path work = Files.createTempDirectory(prefix);
    deleteOnExit(work);
    return work;
  }

  /** Copies a folder tree, files and empty folders alike, into {@code to} (created if missing), replacing files there. */
  public static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.toList()) {
        Path target = to.resolve(from.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(target);
        } else {
          Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  private static Path template(String name, Builder builder) throws IOException {
    Path root = root();
    Path template = root.resolve(name);
    Path built = root.resolve(name + ".built");
    try (FileChannel channel = FileChannel.open(root.resolve(name + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock ignored = channel.lock()) {
      if (!Files.exists(built)) {
        deleteTree(template);
        Files.createDirectories(template);
        builder.build(template);
        Files.createFile(built);
      }
    }
    return template;
  }

  private static Path root() throws IOException {
    String configured = System.getProperty(PROPERTY, "");
    if (configured.isBlank()) {
      if (jvmRoot == null) {
        jvmRoot = Files.createTempDirectory("carelake-shared-lakes");
        deleteOnExit(jvmRoot);
      }
      return jvmRoot;
    }
    Path root = Path.of(configured).toAbsolutePath();
    Files.createDirectories(root);
    deleteEarlierRuns(root);
    return root;
  }

  /** Earlier runs' templates beside this run's folder, once they are older than a working day's tests. */
  private static void deleteEarlierRuns(Path root) throws IOException {
    Instant before = Instant.now().minus(KEEP_EARLIER_RUNS);
    try (Stream<Path> runs = Files.list(root.getParent())) {
      for (Path run : runs.filter(Files::isDirectory).filter(run -> !run.equals(root)).toList()) {
        if (Files.getLastModifiedTime(run).toInstant().isBefore(before)) {
          deleteTree(run);
        }
      }
    }
  }

  private static void deleteOnExit(Path folder) {
    if (TO_DELETE.isEmpty()) {
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        synchronized (SharedLakes.class) {
          for (Path each : TO_DELETE) {
            try {
              deleteTree(each);
            } catch (IOException | UncheckedIOException e) {
              // A test JVM exiting cannot do more than leave the folder to the system's temp cleaner.
            }
          }
        }
      }, "carelake-delete-test-lakes"));
    }
    TO_DELETE.add(folder);
  }

  private static void deleteTree(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> files = Files.walk(folder)) {
      files.sorted(Comparator.reverseOrder()).forEach(file -> {
        try {
          Files.delete(file);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }
}
