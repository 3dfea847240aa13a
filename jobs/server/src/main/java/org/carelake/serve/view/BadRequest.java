package org.carelake.serve.view;

/** A filter value the dashboard does not accept; the message names the filter, never echoes the value. */
public final class BadRequest extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public BadRequest(String message) {
    super(message);
  }
}
