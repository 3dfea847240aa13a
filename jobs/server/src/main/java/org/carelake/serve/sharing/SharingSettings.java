package org.carelake.serve.sharing;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How the sharing server runs. {@code host} defaults to loopback: put it behind the organisation's
 * TLS-terminating proxy, and give that proxy's address as {@code publicUrl} so file URLs point at it.
 *
 * @param urlLifetime how long a signed file URL stays valid
 * @param publicUrl the address clients reach the server at (file URLs start with it); empty: the request's own host
 */
public record SharingSettings(
    Path lake, Path tokens, Path policy, String host, int port, Duration urlLifetime, Duration auditFlush, Optional<String> publicUrl) {
  public static final Duration DEFAULT_URL_LIFETIME = Duration.ofMinutes(15);

  public SharingSettings {
    requireNonNull(lake, "lake is null");
    requireNonNull(tokens, "tokens is null");
    requireNonNull(policy, "policy is null");
    requireNonNull(host, "host is null");
    requireNonNull(urlLifetime, "urlLifetime is null");
    requireNonNull(auditFlush, "auditFlush is null");
    requireNonNull(publicUrl, "publicUrl is null");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0 (any free port) to 65535, not " + port);
    }
  }

  /** Loopback, port 8090, 15-minute file URLs, audit flushed every second. */
  public static SharingSettings defaults(Path lake, Path tokens, Path policy) {
    return new SharingSettings(lake, tokens, policy, "127.0.0.1", 8090, DEFAULT_URL_LIFETIME, Duration.ofSeconds(1), Optional.empty());
  }

  public SharingSettings withPort(int newPort) {
    return new SharingSettings(lake, tokens, policy, host, newPort, urlLifetime, auditFlush, publicUrl);
  }

  public SharingSettings withUrlLifetime(Duration lifetime) {
    return new SharingSettings(lake, tokens, policy, host, port, lifetime, auditFlush, publicUrl);
  }
}
