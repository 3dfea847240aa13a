package org.carelake.cli.airflow;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code carelake airflow}: trigger, follow and retry nights of the CareLake DAG through Airflow's
 * REST API.
 */
@Command(
    name = "airflow",
    description = "Trigger, follow and retry nightly runs in Airflow.",
    mixinStandardHelpOptions = true,
    subcommands = {
      TriggerCommand.class,
      StatusCommand.class,
      WaitCommand.class,
      RetryCommand.class,
      ImportErrorsCommand.class
    },
    footer = {
      "",
      "Connection: --url, --user, --password, or CARELAKE_AIRFLOW_URL, CARELAKE_AIRFLOW_USER,"
          + " CARELAKE_AIRFLOW_PASSWORD.",
      "Exit status: 0 done (or the run succeeded), 1 the run failed, 2 bad arguments,"
          + " 3 Airflow error, 4 timed out waiting."
    })
public final class AirflowCommand implements Runnable {
  /** The run succeeded, or the command did what it was asked. */
  public static final int OK = 0;

  /** The run failed. */
  public static final int RUN_FAILED = 1;

  /** Airflow could not be reached, refused us, or does not know the DAG or run. */
  public static final int AIRFLOW_ERROR = 3;

  /** The run had not ended when waiting for it timed out. */
  public static final int TIMED_OUT = 4;

  @Spec private CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(
        spec.commandLine(), "Say what to do: trigger, status, wait, retry or import-errors");
  }
}
