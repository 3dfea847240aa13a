package org.carelake.cli;

import java.io.Console;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.carelake.serve.ServeMain;
import org.carelake.serve.ServerSettings;
import org.carelake.serve.signin.SignInLimiter;
import org.carelake.serve.signin.UserFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code carelake serve}: the commissioners' dashboard over the published zone (no Spark; docs/commissioner.md). */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {"Serve the commissioners' planning dashboard from the lake's published zone (read with Delta Kernel; no Spark)."
        + " Sign-in from a user file (carelake serve-user add), roles from the access policy, every request audited in ops.audit."})
final class ServeCommand implements Callable<Integer> {
  @Mixin ServerOptions server = new ServerOptions();

  @Option(names = "--port", defaultValue = "8080", description = "Port (default ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Option(names = "--users", paramLabel = "FILE", defaultValue = "dashboard-users.txt",
      description = "User file written by `carelake serve-user add` (default ${DEFAULT-VALUE}).")
  Path users;

  @Option(names = "--recheck-seconds", defaultValue = "5", description = "How often a table's latest version is looked up (default ${DEFAULT-VALUE}).")
  int recheckSeconds;

  @Option(names = "--secure-cookies", description = "Mark the session cookie Secure (when a TLS proxy is in front).")
  boolean secureCookies;

  @Option(names = "--trusted-proxy", paramLabel = "ADDRESS",
      description = "Address of a proxy in front whose X-Forwarded-For names the client, for the per-address sign-in limit (repeatable).")
  java.util.List<String> trustedProxies = new java.util.ArrayList<>();

  @Override
  public Integer call() throws InterruptedException {
    ServerSettings settings = new ServerSettings(server.lakeRoot(), users, server.policyFile(), server.host, port, Duration.ofSeconds(recheckSeconds),
        ServerSettings.DEFAULT_AUDIT_FLUSH, ServerSettings.DEFAULT_SESSION_IDLE, secureCookies,
        SignInLimiter.Limits.DEFAULTS, java.util.Set.copyOf(trustedProxies));
    quietKernelLog();
    ServeMain.serve(settings);
    return 0;
  }

  /** Kernel logs a line per snapshot load (every recheck, every table) at WARN on a log without checkpoints; keep errors only. */
  private static void quietKernelLog() {
    try {
      // By reflection: log4j (Spark's logging) is on the launcher's class path but not the compile one.
      Class<?> level = Class.forName("org.apache.logging.log4j.Level");
      Class.forName("org.apache.logging.log4j.core.config.Configurator").getMethod("setLevel", String.class, level)
          .invoke(null, "io.delta.kernel", level.getField("ERROR").get(null));
    } catch (ReflectiveOperationException | LinkageError e) {
      // Not log4j here: leave logging as it is.
    }
  }

  /** {@code carelake serve-user add}: adds or replaces a dashboard user; the password is read from the console or stdin. */
  @Command(name = "serve-user", mixinStandardHelpOptions = true, description = "Manage the dashboard's local users.",
      subcommands = {ServeCommand.AddUser.class})
  static final class Users implements Runnable {
    @Override
    public void run() {
      new picocli.CommandLine(this).usage(System.out);
    }
  }

  @Command(name = "add", mixinStandardHelpOptions = true,
      description = "Add or replace a user: NAME, role (commissioner, data-engineer, ig-auditor) and purpose; asks for the password"
          + " (or reads one line from stdin). The file holds salted PBKDF2 hashes only; keep it out of git.")
  static final class AddUser implements Callable<Integer> {
    @Option(names = "--users", paramLabel = "FILE", defaultValue = "dashboard-users.txt", description = "User file (default ${DEFAULT-VALUE}).")
    Path users;

    @Option(names = "--name", required = true, description = "User name: lower-case letters, digits, '.', '_' or '-'.")
    String name;

    @Option(names = "--role", defaultValue = "commissioner", description = "A role of the access policy (default ${DEFAULT-VALUE}).")
    String role;

    @Option(names = "--purpose", description = "The purpose the user acts for (default: the role's first purpose, e.g. service planning).")
    String purpose;

    @Override
    public Integer call() throws IOException {
      String chosenPurpose = purpose != null ? purpose : switch (role) {
        case "commissioner" -> "service planning";
        case "data-engineer" -> "pipeline operation";
        case "ig-auditor" -> "audit of access";
        default -> throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this), "give --purpose for role " + role);
      };
      char[] password;
      Console console = System.console();
      if (console != null) {
        password = console.readPassword("Password for %s (12 characters or more): ", name);
      } else {
        String line = new java.io.BufferedReader(new java.io.InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
        password = line == null ? new char[0] : line.toCharArray();
      }
      UserFile.add(users, name, role, chosenPurpose, password);
      java.util.Arrays.fill(password, ' ');
      System.out.println("added " + name + " (" + role + ", " + chosenPurpose + ") to " + users);
      return 0;
    }
  }
}
