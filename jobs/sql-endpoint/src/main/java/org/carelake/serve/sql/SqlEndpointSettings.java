package org.carelake.serve.sql;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * What {@code carelake sql-endpoint} serves and where: the lake (a folder or an object-store URI),
 * the SQL folder (for the audit table's DDL), the token file ({@code carelake share-token add}), the
 * access policy, and the address to listen on (loopback unless a TLS proxy is in front; port 0
 * picks a free one).
 */
public record SqlEndpointSettings(String lakeRoot, Path sqlDir, Path tokens, Path policy, String host, int port) {
  public SqlEndpointSettings {
    requireNonNull(lakeRoot, "lakeRoot is null");
    requireNonNull(sqlDir, "sqlDir is null");
    requireNonNull(tokens, "tokens is null");
    requireNonNull(policy, "policy is null");
    requireNonNull(host, "host is null");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0 to 65535: " + port);
    }
  }
}
