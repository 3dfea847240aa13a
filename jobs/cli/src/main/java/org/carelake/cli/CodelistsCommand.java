package org.carelake.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.carelake.codelist.CodelistEntry;
import org.carelake.codelist.CodelistLibrary;
import org.carelake.error.CareLakeErrors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code carelake codelists}: maintainers' checks of the codelists folder; needs no Spark and no lake. */
@Command(
    name = "codelists",
    mixinStandardHelpOptions = true,
    description = "Check codelists against their manifest, or compute a list file's checksum (see codelists/README.md).",
    subcommands = {CodelistsCommand.Verify.class, CodelistsCommand.Checksum.class})
final class CodelistsCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Say what to do: verify or checksum");
  }

  /** The codelists folder option both subcommands take. */
  static final class Folder {
    @Option(names = "--codelists", paramLabel = "DIR",
        description = "Codelists folder (default: $CARELAKE_HOME/codelists, else ./codelists).")
    Path codelists;

    Path path() {
      if (codelists != null) {
        return codelists;
      }
      return ProjectHome.folder().resolve("codelists");
    }
  }

  /** Every list against its checksum, header and code formats; every file in the manifest. */
  @Command(name = "verify", mixinStandardHelpOptions = true,
      description = "Check every codelist: checksum, header, codes well formed for their system, no blanks or duplicates,"
          + " and every list file named in the manifest. Exit status 1 when any check fails.")
  static final class Verify implements Callable<Integer> {
    @Mixin Folder folder;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      Path dir = folder.path();
      CodelistLibrary library = CodelistLibrary.open(dir);
      List<String> problems = library.verify();
      PrintWriter out = spec.commandLine().getOut();
      if (problems.isEmpty()) {
        out.println(library.manifest().entries().size() + " codelists in " + dir + " verified: checksums match, codes well formed");
        out.flush();
        return 0;
      }
      PrintWriter err = spec.commandLine().getErr();
      problems.forEach(problem -> err.println("carelake: " + problem));
      err.println(problems.size() + " problem(s) in " + dir);
      err.flush();
      return 1;
    }
  }

  /**
   * SHA-256 of list files, for the manifest. With files, prints each one's checksum without
   * reading the manifest (for a new version not yet listed); without, compares every listed file.
   */
  @Command(name = "checksum", mixinStandardHelpOptions = true,
      description = {"Print the SHA-256 of list files as the manifest wants it (sha256: <hex>).",
          "Without FILE: every list in the manifest, its file's checksum now and whether it matches."})
  static final class Checksum implements Callable<Integer> {
    @Mixin Folder folder;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "0..*", description = "List files, e.g. codelists/asthma-snomed/v2.csv.")
    List<Path> files = List.of();

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      if (!files.isEmpty()) {
        for (Path file : files) {
          out.println(file + "  sha256: " + CodelistLibrary.sha256(bytes(file)));
        }
        out.flush();
        return 0;
      }
      CodelistLibrary library = CodelistLibrary.open(folder.path());
      Map<String, String> now = library.currentChecksums();
      int changed = 0;
      for (CodelistEntry entry : library.manifest().entries()) {
        String sum = now.get(entry.reference());
        boolean matches = sum.equals(entry.sha256());
        changed += matches ? 0 : 1;
        out.println(entry.reference() + "  sha256: " + sum + (matches ? "  matches" : "  CHANGED (manifest: " + entry.sha256() + ")"));
      }
      out.flush();
      return changed == 0 ? 0 : 1;
    }

    private static byte[] bytes(Path file) {
      try {
        return Files.readAllBytes(file);
      } catch (IOException e) {
        throw CareLakeErrors.missingInput("codelist file", file);
      }
    }
  }
}
