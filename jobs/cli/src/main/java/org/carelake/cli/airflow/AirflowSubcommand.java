package org.carelake.cli.airflow;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.carelake.airflow.AirflowClient;
import org.carelake.airflow.AirflowException;
import org.carelake.airflow.DagRunWaitTimeoutException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every airflow subcommand shares: the connection options, and turning failures into one clear
 * line on standard error and an exit status.
 */
abstract class AirflowSubcommand implements Callable<Integer> {
  @Mixin AirflowOptions airflow;

  @Spec CommandSpec spec;

  @Override
  public final Integer call() {
    try {
      return run(airflow.client(), airflow.dag);
    } catch (DagRunWaitTimeoutException timedOut) {
      return fail(AirflowCommand.TIMED_OUT, timedOut.getMessage());
    } catch (AirflowException failed) {
      return fail(AirflowCommand.AIRFLOW_ERROR, failed.getMessage());
    } catch (IllegalArgumentException badSetting) {
      return fail(spec.exitCodeOnInvalidInput(), badSetting.getMessage());
    }
  }

  /** Does the work and returns the exit status. */
  abstract int run(AirflowClient client, String dagId);

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  private int fail(int status, String message) {
    PrintWriter err = spec.commandLine().getErr();
    err.println("carelake airflow " + spec.name() + ": " + message);
    err.flush();
    return status;
  }
}
