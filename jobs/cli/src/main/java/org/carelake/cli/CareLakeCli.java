package org.carelake.cli;

import java.util.logging.Level;
import java.util.logging.Logger;
import org.carelake.cli.airflow.AirflowCommand;
import org.carelake.error.CareLakeException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code carelake} command. */
@Command(
    name = "carelake",
    mixinStandardHelpOptions = true,
    versionProvider = CareLakeCli.Version.class,
    description = "CareLake: a population-health lakehouse for a regional shared care record.",
    subcommands = {
      DemoCommand.class,
      GenerateCommand.class,
      NightlyCommand.class,
      StatusCommand.class,
      TraceCommand.class,
      ReviewCommand.class,
      MaintainCommand.class,
      RekeyCommand.class,
      SubjectAccessCommand.class,
      EraseCommand.class,
      RetentionCommand.class,
      RecordFailureCommand.class,
      BenchmarkCommand.class,
      LinkageBenchmarkCommand.class,
      AirflowCommand.class,
      CodelistsCommand.class,
      CohortsCommand.class,
      MeasuresCommand.class,
      DictionaryCommand.class,
      RebuildCommand.class
    })
public final class CareLakeCli implements Runnable {
  public static void main(String[] args) {
    Logger.getLogger("").setLevel(Level.WARNING);
    System.exit(execute(args));
  }

  public static int execute(String... args) {
    CommandLine commandLine = new CommandLine(new CareLakeCli());
    commandLine.setExecutionExceptionHandler(
        (exception, cmd, parseResult) -> {
          if (exception instanceof CareLakeException error) {
            cmd.getErr().println("carelake: " + error.oneLine());
          } else {
            cmd.getErr().println("carelake: internal error: " + exception.getClass().getSimpleName() + ": " + exception.getMessage());
          }
          return 1;
        });
    return commandLine.execute(args);
  }

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"carelake " + org.carelake.nightly.Release.version()};
    }
  }
}
