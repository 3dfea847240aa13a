package org.carelake.pseudonym;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The one place pseudonyms are derived: HMAC-SHA-256 under the {@link PseudonymKey}, with a domain
 * label so a person key, a record key and a project pseudonym of the same input never coincide.
 * The key is derived from the linked person of the master person index, so the same person gets
 * the same key in every borough and feed; a different pseudonymisation key gives unrelated
 * pseudonyms.
 *
 * <p>One {@code Mac} per thread (creating one per value made hashing slower than the whole copy);
 * hex is built by table lookup, not {@code String.format}.
 */
public final class PersonKeys {
  private static final char[] HEX = "0123456789abcdef".toCharArray();
  private static final String ALGORITHM = "HmacSHA256";

  private final byte[] secret;
  private final ThreadLocal<Mac> mac;

  public PersonKeys(PseudonymKey key) {
    this.secret = requireNonNull(key, "key is null").secret();
    this.mac = ThreadLocal.withInitial(this::newMac);
  }

  /** Pseudonymous person key of a linked person (the master person index's person id); null in, null out. */
  public String personKey(String personId) {
    return derive("person", personId);
  }

  /** Pseudonymous key of a source record (feed, borough and the source's own id). */
  public String recordKey(String feed, String borough, String sourceId) {
    if (sourceId == null) {
      return null;
    }
    return derive("record", feed + '\u001f' + borough + '\u001f' + sourceId);
  }

  /**
   * A project-specific pseudonym: research outputs of two projects carry different ids for the
   * same person, so their tables cannot be joined.
   */
  public String projectPseudonym(String projectId, String personKey) {
    if (personKey == null) {
      return null;
    }
    return derive("project:" + projectId, personKey);
  }

  /**
   * The new-key pseudonym of an old pseudonym whose input the lake no longer holds (a key rotation
   * meeting a row whose source rows were purged): keyed by the new key, so the old key no longer
   * reproduces it; null in, null out.
   */
  public String rekeyedPseudonym(String oldPseudonym) {
    return derive("rekeyed", oldPseudonym);
  }

  private String derive(String domain, String value) {
    if (value == null) {
      return null;
    }
    Mac instance = mac.get();
    instance.update(domain.getBytes(StandardCharsets.UTF_8));
    instance.update((byte) 0);
    byte[] digest = instance.doFinal(value.getBytes(StandardCharsets.UTF_8));
    char[] out = new char[digest.length * 2];
    for (int i = 0; i < digest.length; i++) {
      out[i * 2] = HEX[(digest[i] >> 4) & 0xf];
      out[i * 2 + 1] = HEX[digest[i] & 0xf];
    }
    return new String(out);
  }

  static String fingerprint(PseudonymKey key) {
    return new PersonKeys(key).derive("fingerprint", "carelake").substring(0, 12);
  }

  private Mac newMac() {
    try {
      Mac instance = Mac.getInstance(ALGORITHM);
      instance.init(new SecretKeySpec(secret, ALGORITHM));
      return instance;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HMAC-SHA-256 is not available in this JVM", e);
    }
  }
}
