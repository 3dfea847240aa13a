package org.carelake.pseudonym;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.carelake.error.CareLakeErrors;

/**
 * The secret behind every pseudonym, with its id and version. It comes from outside the lake (an
 * environment variable or a key file), is never written to the lake, logs or git, and {@link
 * #toString()} never shows it; runs record only {@link #label()} and {@link #fingerprint()}.
 *
 * <p>Text form, in a key file (lines starting with {@code #} are comments) or in {@code
 * CARELAKE_PSEUDONYM_KEY}: {@code <id>:<version>:<64 hex characters>}, e.g. {@code gm-pseudonym:2:…}.
 * Plain hex text (a key made before keys had ids) is still read, as id {@value #UNNAMED} version 1.
 */
public final class PseudonymKey {
  public static final String ENVIRONMENT_VARIABLE = "CARELAKE_PSEUDONYM_KEY";
  /** The id given to a key written as bare hex. */
  public static final String UNNAMED = "unnamed";
  private static final int MINIMUM_BYTES = 32;
  private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
  private static final Pattern WITH_ID = Pattern.compile("([^:\\s]+):([^:\\s]+):(\\S+)");

  private final String id;
  private final int version;
  private final byte[] secret;

  private PseudonymKey(String id, int version, byte[] secret) {
    if (!ID.matcher(id).matches()) {
      throw CareLakeErrors.configuration(
          "pseudonymisation key id '" + id + "' must be lower-case letters, digits, '.', '_' or '-' (at most 64)");
    }
    if (version < 1) {
      throw CareLakeErrors.configuration("pseudonymisation key version must be a whole number from 1, got " + version);
    }
    if (secret.length < MINIMUM_BYTES) {
      throw CareLakeErrors.weakKey(secret.length);
    }
    this.id = id;
    this.version = version;
    this.secret = secret.clone();
  }

  /** A key from hex text (64 or more hex characters), id {@value #UNNAMED} version 1; white space is ignored. */
  public static PseudonymKey fromHex(String hex) {
    return new PseudonymKey(UNNAMED, 1, parseHex(hex));
  }

  /** A key with an id and version. */
  public static PseudonymKey of(String id, int version, String hex) {
    return new PseudonymKey(id, version, parseHex(hex));
  }

  /** Parses the text form: {@code id:version:hex}, or bare hex; {@code #} lines and blank lines are skipped. */
  public static PseudonymKey parse(String text) {
    StringBuilder content = new StringBuilder();
    for (String line : text.split("\\R")) {
      String stripped = line.strip();
      if (!stripped.isEmpty() && !stripped.startsWith("#")) {
        content.append(stripped);
      }
    }
    String value = content.toString();
    Matcher withId = WITH_ID.matcher(value);
    if (withId.matches()) {
      int version;
      try {
        version = Integer.parseInt(withId.group(2));
      } catch (NumberFormatException e) {
        throw CareLakeErrors.configuration("pseudonymisation key version must be a whole number, as in id:version:hex");
      }
      return of(withId.group(1), version, withId.group(3));
    }
    if (value.contains(":")) {
      throw CareLakeErrors.configuration("pseudonymisation key must be written id:version:hex (or bare hex)");
    }
    return fromHex(value);
  }

  private static byte[] parseHex(String hex) {
    try {
      return HexFormat.of().parseHex(hex.strip());
    } catch (IllegalArgumentException e) {
      throw CareLakeErrors.configuration(
          "pseudonymisation key must be hex text (64 hex characters for 32 bytes), written id:version:hex");
    }
  }

  /** Reads a key file. */
  public static PseudonymKey fromFile(Path file) {
    try {
      return parse(Files.readString(file, StandardCharsets.US_ASCII));
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
    return parse(value);
  }

  public String id() {
    return id;
  }

  public int version() {
    return version;
  }

  /** {@code id v<version>}: what runs, summaries and errors show of a key. */
  public String label() {
    return id + " v" + version;
  }

  /** The text form {@code id:version:hex}, for writing a new key file only. */
  public String toText() {
    return id + ":" + version + ":" + toHex();
  }

  /** Hex text of the key, for handing to executors through Spark configuration only. */
  public String toHex() {
    return HexFormat.of().formatHex(secret);
  }

  byte[] secret() {
    return secret.clone();
  }

  /**
   * A short, non-secret check value (a keyed hash of a fixed label): the lake stores it to tell
   * whether a run's key is the one it was built with; operators use it to tell keys apart.
   */
  public String fingerprint() {
    return PersonKeys.fingerprint(this);
  }

  /** Same secret; id and version are labels and do not make two secrets differ. */
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
    return "PseudonymKey[" + label() + ", redacted]";
  }
}
