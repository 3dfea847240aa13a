package org.carelake.airflow;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;

/**
 * Where Airflow is and how to log in to it.
 *
 * @param baseUrl the API server's address without {@code /api/v2}, e.g. {@code
 *     http://localhost:8080}; a path prefix (behind a proxy) is kept
 * @param username a user Airflow's auth manager knows
 * @param password that user's password; never printed by {@link #toString()}
 * @param connectTimeout how long to wait for a connection
 * @param requestTimeout how long to wait for one answer
 */
public record AirflowConfig(
    URI baseUrl,
    String username,
    String password,
    Duration connectTimeout,
    Duration requestTimeout) {
  /** Pinned default: how long to wait for a connection. */
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

  /** Pinned default: how long to wait for one answer. */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);

  public AirflowConfig {
    requireNonNull(baseUrl, "baseUrl is null");
    requireNonNull(username, "username is null");
    requireNonNull(password, "password is null");
    requireNonNull(connectTimeout, "connectTimeout is null");
    requireNonNull(requestTimeout, "requestTimeout is null");
    String scheme = baseUrl.getScheme() == null ? "" : baseUrl.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || baseUrl.getHost() == null) {
      throw new IllegalArgumentException(
          "Airflow URL must look like http://host:port (got '"
              + baseUrl
              + "'); set --url or CARELAKE_AIRFLOW_URL");
    }
    if (username.isBlank()) {
      throw new IllegalArgumentException(
          "Airflow user is empty; set --user or CARELAKE_AIRFLOW_USER");
    }
    if (connectTimeout.isNegative() || connectTimeout.isZero()) {
      throw new IllegalArgumentException("connectTimeout must be positive: " + connectTimeout);
    }
    if (requestTimeout.isNegative() || requestTimeout.isZero()) {
      throw new IllegalArgumentException("requestTimeout must be positive: " + requestTimeout);
    }
    String withoutTrailingSlash = baseUrl.toString().replaceAll("/+$", "");
    baseUrl = URI.create(withoutTrailingSlash);
  }

  /** A configuration with the default timeouts. */
  public static AirflowConfig of(String baseUrl, String username, String password) {
    requireNonNull(baseUrl, "baseUrl is null");
    URI url;
    try {
      url = URI.create(baseUrl.strip());
    } catch (IllegalArgumentException malformed) {
      throw new IllegalArgumentException(
          "Airflow URL is not a URL: '" + baseUrl + "'; set --url or CARELAKE_AIRFLOW_URL",
          malformed);
    }
    return new AirflowConfig(
        url, username, password, DEFAULT_CONNECT_TIMEOUT, DEFAULT_REQUEST_TIMEOUT);
  }

  public AirflowConfig withConnectTimeout(Duration timeout) {
    return new AirflowConfig(baseUrl, username, password, timeout, requestTimeout);
  }

  public AirflowConfig withRequestTimeout(Duration timeout) {
    return new AirflowConfig(baseUrl, username, password, connectTimeout, timeout);
  }

  /** The address of a path under the base URL, e.g. {@code /api/v2/dags}. */
  URI resolve(String pathAndQuery) {
    return URI.create(baseUrl + pathAndQuery);
  }

  @Override
  public String toString() {
    return "AirflowConfig[baseUrl="
        + baseUrl
        + ", username="
        + username
        + ", password=***, connectTimeout="
        + connectTimeout
        + ", requestTimeout="
        + requestTimeout
        + "]";
  }
}
