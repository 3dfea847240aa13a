package org.carelake.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.carelake.codelist.CodelistLibrary;
import org.carelake.cohort.CohortCompiler;
import org.carelake.cohort.CohortDefinition;
import org.carelake.cohort.CohortFolder;
import org.carelake.cohort.CompiledCohort;
import org.carelake.gold.CohortLibrary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code carelake cohorts}: reviewers' view of the cohort definitions; needs no Spark and no lake. */
@Command(
    name = "cohorts",
    mixinStandardHelpOptions = true,
    description = "List the cohort definitions, or print the SQL a definition compiles to (see sql/cohorts/README.md).",
    subcommands = {CohortsCommand.ListCohorts.class, CohortsCommand.Compile.class})
final class CohortsCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Say what to do: list or compile NAME");
  }

  /** The folders both subcommands read. */
  static final class Folders {
    @Option(names = "--sql", paramLabel = "DIR", description = "SQL folder holding cohorts/ (default: $CARELAKE_HOME/sql, else ./sql).")
    Path sql;

    @Option(names = "--codelists", paramLabel = "DIR",
        description = "Codelists folder (default: $CARELAKE_CODELISTS, else codelists/ beside the SQL folder).")
    Path codelists;

    Path sql() {
      if (sql != null) {
        return sql;
      }
      return ProjectHome.folder().resolve("sql");
    }

    CodelistLibrary library() {
      return CodelistLibrary.open(codelists != null ? codelists : CohortLibrary.codelists(sql()));
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "Every definition: name, projects, study period, codelists and the tables it publishes; each is compiled, "
          + "so a definition that does not compile (or a codelist whose checksum fails) is reported. Exit status 1 then.")
  static final class ListCohorts implements Callable<Integer> {
    @Mixin Folders folders;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      List<CohortDefinition> definitions = CohortFolder.definitions(folders.sql());
      CodelistLibrary library = folders.library();
      for (CohortDefinition definition : definitions) {
        CohortCompiler.compile(definition, library);
        out.println(definition.name());
        out.println("  " + definition.description());
        out.println("  projects: " + (definition.projects().isEmpty() ? "any project listing it" : String.join(", ", definition.projects()))
            + "; study period " + definition.studyStart() + " to " + definition.studyEnd().map(Object::toString).orElse("the night"));
        out.println("  codelists: " + String.join(", ", definition.codelists().values().stream().map(Object::toString).distinct().toList()));
        out.println("  publishes: gold." + definition.name() + "__<project>, gold." + definition.attritionName() + "__<project>");
      }
      out.println(definitions.size() + " cohort definitions in " + folders.sql().resolve(CohortFolder.FOLDER) + ", all compiled");
      out.flush();
      return 0;
    }
  }

  @Command(name = "compile", mixinStandardHelpOptions = true,
      description = "Print the Spark SQL a definition compiles to: the cohort, then its attrition table, each with the header the "
          + "gold stage reads.")
  static final class Compile implements Callable<Integer> {
    @Mixin Folders folders;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "The definition's name, e.g. cohort_type_2_diabetes (sql/cohorts/NAME.yaml).")
    String name;

    @Option(names = "--attrition-only", description = "Print only the attrition table's SQL.")
    boolean attritionOnly;

    @Override
    public Integer call() {
      Path file = folders.sql().resolve(CohortFolder.FOLDER).resolve(name + ".yaml");
      if (!CohortFolder.files(folders.sql()).contains(file)) {
        throw new ParameterException(spec.commandLine(), "no cohort definition " + file + "; 'carelake cohorts list' shows them");
      }
      CompiledCohort compiled = CohortCompiler.compile(org.carelake.cohort.CohortParser.load(file), folders.library());
      PrintWriter out = spec.commandLine().getOut();
      if (!attritionOnly) {
        out.println(compiled.cohortText());
      }
      out.print(compiled.attritionText());
      out.flush();
      return 0;
    }
  }
}
