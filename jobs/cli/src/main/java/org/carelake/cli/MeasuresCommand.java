package org.carelake.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.carelake.measure.MeasureCompiler;
import org.carelake.measure.MeasureDefinition;
import org.carelake.measure.MeasureDefinition.Events;
import org.carelake.measure.MeasureFolder;
import org.carelake.measure.MeasureParser;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code carelake measures}: reviewers' view of the measure definitions; needs no Spark and no lake. */
@Command(
    name = "measures",
    mixinStandardHelpOptions = true,
    description = "List the measure definitions, or print the SQL a definition compiles to (see sql/measures/README.md).",
    subcommands = {MeasuresCommand.ListMeasures.class, MeasuresCommand.Compile.class})
final class MeasuresCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "Say what to do: list or compile ID");
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "Every definition: id, name, definition, what it counts, periods, grouping and codelists; all are compiled "
          + "together as the gold stage compiles them, so a definition that does not compile (or a codelist whose checksum "
          + "fails) is reported. Exit status 1 then.")
  static final class ListMeasures implements Callable<Integer> {
    @Mixin CohortsCommand.Folders folders;
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      List<MeasureDefinition> definitions = MeasureFolder.definitions(folders.sql());
      if (!definitions.isEmpty()) {
        MeasureCompiler.compile(definitions, folders.library());
      }
      for (MeasureDefinition definition : definitions) {
        out.println(definition.id() + ": " + definition.name());
        out.println("  " + definition.description());
        out.println("  counts " + (definition.countsPeople() ? "people" : "events") + " of "
            + (definition.denominator() instanceof Events events ? String.join(", ", events.sources()) : "the registered population")
            + "; " + definition.interval().months() + " periods of " + definition.interval().length() + " month"
            + (definition.interval().length() == 1 ? "" : "s") + "; by "
            + definition.grouping().stream().map(MeasureDefinition.Grouping::keyword).collect(Collectors.joining(", ")));
        if (!definition.codelists().isEmpty()) {
          out.println("  codelists: " + definition.codelists().values().stream().map(Object::toString).distinct()
              .collect(Collectors.joining(", ")));
        }
      }
      out.println(definitions.size() + " measure definitions in " + folders.sql().resolve(MeasureFolder.FOLDER)
          + ", all compiled, published together in gold.measures");
      out.flush();
      return 0;
    }
  }

  @Command(name = "compile", mixinStandardHelpOptions = true,
      description = "Print the Spark SQL of gold.measures as it would be for this definition alone, with the header the gold "
          + "stage reads.")
  static final class Compile implements Callable<Integer> {
    @Mixin CohortsCommand.Folders folders;
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "ID", description = "The definition's id, e.g. t2dm_hba1c_12m (sql/measures/ID.yaml).")
    String id;

    @Override
    public Integer call() {
      Path file = folders.sql().resolve(MeasureFolder.FOLDER).resolve(id + ".yaml");
      if (!MeasureFolder.files(folders.sql()).contains(file)) {
        throw new ParameterException(spec.commandLine(), "no measure definition " + file + "; 'carelake measures list' shows them");
      }
      PrintWriter out = spec.commandLine().getOut();
      out.print(MeasureCompiler.compile(List.of(MeasureParser.load(file)), folders.library()).text());
      out.flush();
      return 0;
    }
  }
}
