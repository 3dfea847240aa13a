package org.carelake.serve.signin;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.carelake.error.CareLakeErrors;

/**
 * The dashboard's local users: one line each, {@code name:role:purpose:iterations:salt:hash}, the
 * hash PBKDF2-HMAC-SHA256 of the password with a random 16-byte salt (JDK only). No password is
 * ever stored or logged. A stand-in for an organisation's single sign-on (docs/commissioner.md).
 */
public final class UserFile {
  public static final int ITERATIONS = 210_000;
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private record Entry(User user, int iterations, byte[] salt, byte[] hash) {}

  private final Map<String, Entry> entries;
  // A hash to check against when the name is unknown, so a wrong name costs as long as a wrong password.
  private final Entry decoy;

  private UserFile(Map<String, Entry> entries) {
    this.entries = Map.copyOf(entries);
    byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    this.decoy = new Entry(new User("-", "-", "-"), ITERATIONS, salt, hash(new char[] {'x'}, salt, ITERATIONS));
  }

  public static UserFile load(Path file) {
    Map<String, Entry> entries = new LinkedHashMap<>();
    if (!Files.exists(file)) {
      throw CareLakeErrors.configuration("no user file at " + file + "; add a user with `carelake serve-user add --users "
          + file + " --name NAME --role commissioner`");
    }
    try {
      int number = 0;
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        number++;
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] parts = line.split(":", -1);
        if (parts.length != 6 || !NAME.matcher(parts[0]).matches()) {
          throw CareLakeErrors.configuration(file + " line " + number + " is not name:role:purpose:iterations:salt:hash");
        }
        Base64.Decoder b64 = Base64.getDecoder();
        entries.put(parts[0], new Entry(new User(parts[0], parts[1], parts[2]), Integer.parseInt(parts[3]), b64.decode(parts[4]),
            b64.decode(parts[5])));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new UserFile(entries);
  }

  /** The user, when the name is known and the password is theirs. */
  public Optional<User> check(String name, char[] password) {
    requireNonNull(name, "name is null");
    requireNonNull(password, "password is null");
    Entry entry = entries.getOrDefault(name, decoy);
    boolean matches = MessageDigest.isEqual(entry.hash(), hash(password, entry.salt(), entry.iterations()));
    return matches && entry != decoy ? Optional.of(entry.user()) : Optional.empty();
  }

  /** Adds (or replaces) a user in the file, which is created with owner-only permissions where the file system allows. */
  public static void add(Path file, String name, String role, String purpose, char[] password) {
    if (!NAME.matcher(name).matches()) {
      throw CareLakeErrors.configuration("user name '" + name + "' must be lower-case letters, digits, '.', '_' or '-'");
    }
    if (role.contains(":") || purpose.contains(":") || purpose.contains("\n")) {
      throw CareLakeErrors.configuration("role and purpose may not contain ':'");
    }
    if (password.length < 12) {
      throw CareLakeErrors.configuration("the password must be at least 12 characters");
    }
    byte[] salt = new byte[16];
    RANDOM.nextBytes(salt);
    Base64.Encoder b64 = Base64.getEncoder();
    String line = String.join(":", name, role, purpose, Integer.toString(ITERATIONS), b64.encodeToString(salt),
        b64.encodeToString(hash(password, salt, ITERATIONS)));
    try {
      List<String> lines = new ArrayList<>();
      if (Files.exists(file)) {
        for (String existing : Files.readAllLines(file, StandardCharsets.UTF_8)) {
          if (!existing.startsWith(name + ":")) {
            lines.add(existing);
          }
        }
      } else {
        lines.add("# CareLake dashboard users: name:role:purpose:iterations:salt:hash (PBKDF2-HMAC-SHA256). Keep out of git.");
      }
      lines.add(line);
      org.carelake.access.PrivateFiles.replace(file, lines);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] hash(char[] password, byte[] salt, int iterations) {
    try {
      PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, 256);
      try {
        return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
      } finally {
        spec.clearPassword();
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("PBKDF2WithHmacSHA256 is not available", e);
    }
  }
}
