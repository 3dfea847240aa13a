package org.carelake.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.carelake.dictionary.DataDictionaryBuild;
import org.carelake.dictionary.DictionarySources;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code carelake dictionary}: the data dictionary as HTML and Markdown; needs no Spark and no lake. */
@Command(
    name = "dictionary",
    mixinStandardHelpOptions = true,
    description = {"Write the data dictionary: every table (silver, gold, cohorts; restricted and ops listed as not published),"
        + " source feed and codelist, with columns, grain, keys, sources and disclosure rule, as OUT/html (a static site)"
        + " and OUT/markdown. Every link is checked; a broken one fails the command (exit status 1)."})
final class DictionaryCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--out", paramLabel = "DIR", required = true, description = "Folder to write html/ and markdown/ into.")
  Path out;

  @Option(names = "--contracts", paramLabel = "DIR",
      description = "Data contracts folder (default: $CARELAKE_HOME/data-contracts, else ./data-contracts).")
  Path contracts;

  @Option(names = "--sql", paramLabel = "DIR", description = "SQL folder (default: $CARELAKE_HOME/sql, else ./sql).")
  Path sql;

  @Option(names = "--codelists", paramLabel = "DIR",
      description = "Codelist library (default: $CARELAKE_HOME/codelists, else ./codelists).")
  Path codelists;

  @Override
  public Integer call() {
    Path home = ProjectHome.folder();
    DictionarySources sources = new DictionarySources(home.toAbsolutePath(),
        contracts != null ? contracts : home.resolve("data-contracts"),
        sql != null ? sql : home.resolve("sql"),
        codelists != null ? codelists : home.resolve("codelists"));
    long start = System.nanoTime();
    DataDictionaryBuild build = DataDictionaryBuild.write(sources, out);
    PrintWriter printed = spec.commandLine().getOut();
    printed.println("data dictionary: " + build.pages() + " pages each in " + build.html().resolve("index.html") + " and "
        + build.markdown().resolve("index.md") + "; " + build.links() + " links checked in " + (System.nanoTime() - start) / 1_000_000
        + " ms");
    if (!build.undocumentedColumns().isEmpty()) {
      printed.println(build.undocumentedColumns().size() + " published column(s) without a meaning (listed on the index page): "
          + String.join(", ", build.undocumentedColumns()));
    }
    printed.flush();
    return 0;
  }
}
