package org.carelake.serve;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import org.carelake.serve.signin.SignInLimiter;

/**
 * How the dashboard runs. {@code host} defaults to loopback: put it behind the organisation's
 * TLS-terminating proxy (and set {@code secureCookies}) rather than exposing it directly.
 *
 * @param recheck how long a table's latest version is trusted before the Delta log is looked at again
 * @param auditFlush how often queued audit records are committed to ops.audit
 * @param sessionIdle how long a session lasts without a request
 * @param signInLimits failed sign-ins allowed per user name and per client address before a lock, and the first lock's length
 * @param trustedProxies addresses of the proxies in front whose {@code X-Forwarded-For} header names the client (see
 *     {@link org.carelake.serve.signin.ClientAddress}); empty when clients connect directly
 */
public record ServerSettings(
    Path lake, Path users, Path policy, String host, int port, Duration recheck, Duration auditFlush, Duration sessionIdle,
    boolean secureCookies, SignInLimiter.Limits signInLimits, Set<String> trustedProxies) {
  public static final Duration DEFAULT_RECHECK = Duration.ofSeconds(5);
  public static final Duration DEFAULT_AUDIT_FLUSH = Duration.ofSeconds(1);
  public static final Duration DEFAULT_SESSION_IDLE = Duration.ofMinutes(30);

  public ServerSettings {
    requireNonNull(lake, "lake is null");
    requireNonNull(users, "users is null");
    requireNonNull(policy, "policy is null");
    requireNonNull(host, "host is null");
    requireNonNull(recheck, "recheck is null");
    requireNonNull(auditFlush, "auditFlush is null");
    requireNonNull(sessionIdle, "sessionIdle is null");
    requireNonNull(signInLimits, "signInLimits is null");
    trustedProxies = Set.copyOf(trustedProxies);
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0 (any free port) to 65535, not " + port);
    }
  }

  /**
   * The defaults: loopback, port 8080, tables rechecked every 5 s, audit flushed every second, 30-minute sessions, sign-in locked
   * for 5 minutes (doubling) after 5 failures for a name or 20 from an address.
   */
  public static ServerSettings defaults(Path lake, Path users, Path policy) {
    return new ServerSettings(lake, users, policy, "127.0.0.1", 8080, DEFAULT_RECHECK, DEFAULT_AUDIT_FLUSH, DEFAULT_SESSION_IDLE, false,
        SignInLimiter.Limits.DEFAULTS, Set.of());
  }

  public ServerSettings withPort(int newPort) {
    return new ServerSettings(lake, users, policy, host, newPort, recheck, auditFlush, sessionIdle, secureCookies, signInLimits, trustedProxies);
  }

  public ServerSettings withRecheck(Duration newRecheck) {
    return new ServerSettings(lake, users, policy, host, port, newRecheck, auditFlush, sessionIdle, secureCookies, signInLimits, trustedProxies);
  }

  public ServerSettings withTrustedProxies(Set<String> proxies) {
    return new ServerSettings(lake, users, policy, host, port, recheck, auditFlush, sessionIdle, secureCookies, signInLimits, proxies);
  }

  public ServerSettings withHost(String newHost) {
    return new ServerSettings(lake, users, policy, newHost, port, recheck, auditFlush, sessionIdle, secureCookies, signInLimits, trustedProxies);
  }
}
