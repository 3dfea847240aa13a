package org.carelake.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;

/**
 * A stand-in for CareLake's CLI, for the DAG flow test: same main class, run by the real
 * spark-submit, but it only records its arguments (one tab-separated line per call, in the file
 * named by STUB_CALLS) and exits 1 when its arguments contain "--stage" followed by STUB_FAIL_STAGE.
 */
public final class CareLakeCli {
  private CareLakeCli() {}

  public static void main(String[] args) throws IOException {
    String calls = System.getenv("STUB_CALLS");
    if (calls != null) {
      Files.writeString(
          Path.of(calls),
          String.join("\t", args) + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    }
    List<String> arguments = Arrays.asList(args);
    int stage = arguments.indexOf("--stage");
    String failStage = System.getenv("STUB_FAIL_STAGE");
    if (failStage != null && stage >= 0 && stage + 1 < args.length && args[stage + 1].equals(failStage)) {
      System.err.println("stub: failing stage " + failStage + " as asked");
      System.exit(1);
    }
    System.out.println("stub: ok " + (args.length > 0 ? args[0] : ""));
  }
}
