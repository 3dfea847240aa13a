package org.carelake.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Runs {@code carelake ARGS} through the real entry point ({@link CareLakeCli#execute}: its error
 * handling and exit codes) with the given standard input, and keeps what the command printed to
 * standard output and error. For commands that print with {@code System.out} rather than picocli's
 * writer ({@link CommandOutput} covers those).
 */
record EntryPoint(int exit, String out, String err) {
  static EntryPoint run(String... args) {
    return runWithInput("", args);
  }

  static EntryPoint runWithInput(String input, String... args) {
    InputStream in = System.in;
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    int exit;
    try (PrintStream po = new PrintStream(o, true, StandardCharsets.UTF_8); PrintStream pe = new PrintStream(e, true, StandardCharsets.UTF_8)) {
      System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
      System.setOut(po);
      System.setErr(pe);
      exit = CareLakeCli.execute(args);
    } finally {
      System.setIn(in);
      System.setOut(out);
      System.setErr(err);
    }
    return new EntryPoint(exit, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
  }
}
