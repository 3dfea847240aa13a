package org.carelake.digest;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * SHA-256 as CareLake uses it, in lower-case hex: codelist checksums, definition and model
 * versions, fingerprints of a night's inputs, and ids derived from other ids. Never for
 * pseudonyms: those are keyed and made only by {@code PersonKeys}.
 */
public final class Sha256 {
  private Sha256() {}

  /** The digest of bytes. */
  public static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(digest().digest(bytes));
  }

  /** The digest of a text's UTF-8 bytes. */
  public static String hex(String text) {
    return hex(text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The digest of parts joined by a NUL byte, which no part holds: ("ab", "c") and ("a", "bc")
   * differ.
   */
  public static String hexOfParts(List<String> parts) {
    return hex(String.join("\u0000", parts));
  }

  private static MessageDigest digest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }
}
