package org.carelake.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/**
 * Runs a command as the {@code carelake} entry point does (picocli, with its exit codes) and keeps
 * what it printed to standard output and standard error for the test to read. One per test.
 */
final class CommandOutput {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  /** The command's exit code; what it printed accumulates across runs. */
  int run(Object command, String... args) {
    CommandLine commandLine = new CommandLine(command);
    commandLine.setOut(new PrintWriter(out));
    commandLine.setErr(new PrintWriter(err));
    return commandLine.execute(args);
  }

  /** Everything printed to standard output so far. */
  String out() {
    return out.toString();
  }

  /** Everything printed to standard error so far. */
  String err() {
    return err.toString();
  }
}
