package org.carelake.pseudonym;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import org.carelake.error.CareLakeErrors;

/**
 * The secret behind every pseudonym. It comes from outside the lake (an environment variable or a
 * key file), is never written to the lake, logs or git, and {@link #toString()} never shows it.
 */
public final class PseudonymKey {
  public static final String ENVIRONMENT_VARIABLE = "CARELAKE_PSEUDONYM_KEY";
  private static final int MINIMUM_BYTES = 32;

  private final byte[] secret;

  private PseudonymKey(byte[] secret) {
    if (secret.length < MINIMUM_BYTES) {
      throw CareLakeErrors.weakKey(secret.length);
    }
    this.secret = secret.clone();
  }

  /** A key from hex text (64 or more hex characters); surrounding white space is ignored. */
  public static PseudonymKey fromHex(String hex) {
    String trimmed = hex.strip();
    try {
      return new PseudonymKey(HexFormat.of().parseHex(trimmed));
    } catch (IllegalArgumentException e) {
      throw CareLakeErrors.configuration(
          "pseudonymisation key must be hex text (64 hex characters for 32 bytes)");
    }
  }

  /** Reads a key file holding hex text. */
  public static PseudonymKey fromFile(Path file) {
    try {
      return fromHex(Files.readString(file, StandardCharsets.US_ASCII));
    } catch (IOException e) {
      throw CareLakeErrors.missingInput("pseudonymisation key file", file);
    }
  }

  /**
   * The key file if given, else the environment variable; a run without either stops here with a
   * clear error.
   */
  public static PseudonymKey resolve(Optional<Path> keyFile, Map<String, String> environment) {
    if (keyFile.isPresent()) {
      return fromFile(keyFile.get());
    }
    String value = environment.get(ENVIRONMENT_VARIABLE);
    if (value == null || value.isBlank()) {
      throw CareLakeErrors.missingKey();
    }
    return fromHex(value);
  }

  /** Hex text of the key, for handing to executors through Spark configuration only. */
  public String toHex() {
    return HexFormat.of().formatHex(secret);
  }

  byte[] secret() {
    return secret.clone();
  }

  /** A short, non-secret fingerprint so operators can tell which key a run used. */
  public String fingerprint() {
    return PersonKeys.fingerprint(this);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PseudonymKey key && Arrays.equals(secret, key.secret);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(secret);
  }

  @Override
  public String toString() {
    return "PseudonymKey[redacted]";
  }
}
