package org.carelake.serve.signin;

import java.util.List;
import java.util.Set;

/**
 * The address a request really came from, for the per-address sign-in limit. Behind the
 * organisation's proxy every connection comes from the proxy, so the client is read from the
 * {@code X-Forwarded-For} header, but only when the connection comes from a proxy the server was
 * told to trust: anyone else could write any address into that header to dodge the limit.
 */
public final class ClientAddress {
  private ClientAddress() {}

  /**
   * {@code remote} unless it is a trusted proxy and {@code forwardedFor} names addresses; then the
   * right-most address in the header that is not itself a trusted proxy (the one the first trusted
   * proxy saw), since entries to its left were written by the client and prove nothing.
   */
  public static String of(String remote, String forwardedFor, Set<String> trustedProxies) {
    if (forwardedFor == null || forwardedFor.isBlank() || !trustedProxies.contains(remote)) {
      return remote;
    }
    List<String> hops = java.util.Arrays.stream(forwardedFor.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    for (int i = hops.size() - 1; i >= 0; i--) {
      if (!trustedProxies.contains(hops.get(i))) {
        return hops.get(i);
      }
    }
    return hops.isEmpty() ? remote : hops.get(0);
  }
}
