package org.carelake.serve.signin;

import static java.util.Objects.requireNonNull;

/** A signed-in person: their user name, their role in the access policy and the purpose they act for. */
public record User(String name, String role, String purpose) {
  public User {
    requireNonNull(name, "name is null");
    requireNonNull(role, "role is null");
    requireNonNull(purpose, "purpose is null");
  }
}
