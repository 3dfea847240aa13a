package org.carelake.serve.sharing;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs the sharing server's short-lived file URLs: HMAC-SHA-256, under a secret made at server
 * start (never stored or logged, so a restart voids every URL), over the token id, the table, the
 * file's path in the table and the expiry. A URL whose signature does not match, or whose expiry
 * has passed, is refused.
 */
final class FileSigner {
  private final byte[] secret = new byte[32];

  FileSigner() {
    new SecureRandom().nextBytes(secret);
  }

  String sign(String tokenId, String table, String path, long expiresEpochSecond) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      String message = tokenId + "\n" + table + "\n" + path + "\n" + expiresEpochSecond;
      return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  /** Whether {@code signature} is this server's for these values and {@code now} is before the expiry. */
  boolean verify(String tokenId, String table, String path, long expiresEpochSecond, String signature, Instant now) {
    if (signature == null || now.getEpochSecond() >= expiresEpochSecond) {
      return false;
    }
    return MessageDigest.isEqual(sign(tokenId, table, path, expiresEpochSecond).getBytes(StandardCharsets.US_ASCII),
        signature.getBytes(StandardCharsets.US_ASCII));
  }
}
