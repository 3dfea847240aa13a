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
      OutputCheckCommand.class,
      CohortsCommand.class,
      MeasuresCommand.class,
      DictionaryCommand.class,
      RebuildCommand.class,
      ServeCommand.class,
      ServeCommand.Users.class,
      ShareCommand.class,
      ShareCommand.Tokens.class,
      SqlEndpointCommand.class,
      ServeBenchmarkCommand.class
    })
public final class CareLakeCli implements Runnable {
  public static void main(String[] args) {
    Logger.getLogger("").setLevel(Level.WARNING);
    int code = execute(args);
    stopSpark();
    System.exit(code);
  }

  /**
   * Stops the command's Spark session, if it started one, before the JVM exits: on a cluster
   * (or {@code local-cluster}) the executors are released in order instead of being killed by the
   * exit, which a standalone master reports as a failed application.
   */
  private static void stopSpark() {
    try {
      scala.Option<org.apache.spark.sql.SparkSession> session = org.apache.spark.sql.SparkSession.getDefaultSession();
      if (session.isDefined()) {
        session.get().stop();
      }
    } catch (RuntimeException | LinkageError e) {
      // Exiting anyway; nothing to release.
    }
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
