package org.carelake.serve.sql;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.carelake.access.PrivateFiles;
import org.carelake.access.ProjectTokens;
import org.carelake.error.CareLakeErrors;

/**
 * The Spark Connect connection string a researcher's client opens the endpoint with, {@code
 * sc://host:port/;token=<token>;user_id=<project>}, written by {@code carelake share-token add
 * --endpoint sc://host:port} into an owner-only file: it holds the token, so it is handed over
 * securely, never committed or logged.
 */
public final class ConnectionString {
  private static final Pattern ENDPOINT = Pattern.compile("sc://[A-Za-z0-9.\\-\\[\\]:]+:[0-9]{1,5}/?");

  private ConnectionString() {}

  public static boolean isConnectEndpoint(String endpoint) {
    return endpoint.startsWith("sc://");
  }

  public static String of(String endpoint, ProjectTokens.Issued issued) {
    if (!ENDPOINT.matcher(endpoint).matches()) {
      throw CareLakeErrors.configuration("a Spark Connect endpoint is sc://host:port (e.g. sc://localhost:15002)");
    }
    String base = endpoint.endsWith("/") ? endpoint : endpoint + "/";
    return base + ";token=" + issued.token() + ";user_id=" + issued.entry().project();
  }

  public static void write(Path file, String endpoint, ProjectTokens.Issued issued) {
    PrivateFiles.replace(file, List.of(of(endpoint, issued)));
  }
}
