package org.carelake.access;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.carelake.error.CareLakeErrors;

/**
 * Research projects' bearer tokens (the sharing server's and the SQL endpoint's): one per project and issue, each with an expiry, kept
 * in a local token file as the SHA-256 of the token (a random 256-bit secret needs no salt or
 * stretching), never the token itself. A line is {@code id|project|issued|expires|revoked|sha256}
 * (instants in ISO-8601, {@code revoked} "-" while the token is live). The token names its id
 * ({@code cls1.<id>.<secret>}), so a check is one hash and one constant-time comparison.
 *
 * <p>The token id is what the audit trail and {@code carelake share-token list} show; the token is
 * shown once, in the profile file written when it is issued. The server re-reads the file when it
 * changes, so a revocation takes effect at the next request without a restart.
 */
public final class ProjectTokens {
  public static final String PREFIX = "cls1";
  private static final Pattern ID = Pattern.compile("tok-[0-9a-f]{12}");
  private static final Pattern PROJECT = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
  private static final Pattern TOKEN = Pattern.compile(PREFIX + "\\.(tok-[0-9a-f]{12})\\.[A-Za-z0-9_-]{43}");
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String HEADER =
      "# CareLake project tokens: id|project|issued|expires|revoked|sha256 of the token. Keep out of git; tokens are never stored.";

  /** A token's record, without the token: what may be listed and audited. */
  public record Entry(String id, String project, Instant issued, Instant expires, Optional<Instant> revoked, String sha256) {
    public Entry {
      requireNonNull(id, "id is null");
      requireNonNull(project, "project is null");
      requireNonNull(issued, "issued is null");
      requireNonNull(expires, "expires is null");
      requireNonNull(revoked, "revoked is null");
      requireNonNull(sha256, "sha256 is null");
    }

    public String status(Instant now) {
      return revoked.isPresent() ? "revoked" : now.isBefore(expires) ? "active" : "expired";
    }

    String line() {
      return String.join("|", id, project, issued.toString(), expires.toString(), revoked.map(Instant::toString).orElse("-"), sha256);
    }
  }

  /** A newly issued token: shown once, to be written into the researcher's profile file. */
  public record Issued(Entry entry, String token) {
    @Override
    public String toString() {
      return "Issued[" + entry.id() + "]";
    }
  }

  /** The outcome of checking a presented token. */
  public enum Check { VALID, UNKNOWN, EXPIRED, REVOKED }

  /** A check's outcome, with the token's entry when the token is one of the file's (valid or not). */
  public record Result(Check check, Optional<Entry> entry) {}

  private final Path file;
  private volatile Loaded loaded;

  private record Loaded(Map<String, Entry> entries, Object version) {}

  public ProjectTokens(Path file) {
    this.file = requireNonNull(file, "file is null");
    this.loaded = load(file);
  }

  /** Checks a presented bearer token at {@code now}, re-reading the file first when it has changed. */
  public Result check(String token, Instant now) {
    if (token == null || !TOKEN.matcher(token).matches()) {
      return new Result(Check.UNKNOWN, Optional.empty());
    }
    Loaded current = current();
    var matcher = TOKEN.matcher(token);
    matcher.matches();
    Entry entry = current.entries().get(matcher.group(1));
    byte[] presented = sha256(token);
    byte[] expected = entry == null ? new byte[presented.length] : HexFormat.of().parseHex(entry.sha256());
    if (entry == null || !MessageDigest.isEqual(presented, expected)) {
      return new Result(Check.UNKNOWN, Optional.empty());
    }
    if (entry.revoked().isPresent()) {
      return new Result(Check.REVOKED, Optional.of(entry));
    }
    if (!now.isBefore(entry.expires())) {
      return new Result(Check.EXPIRED, Optional.of(entry));
    }
    return new Result(Check.VALID, Optional.of(entry));
  }

  /** The entry of this id as the file now has it (for a signed file URL issued under that token). */
  public Optional<Entry> entry(String id) {
    return Optional.ofNullable(current().entries().get(id));
  }

  private Loaded current() {
    Loaded known = loaded;
    Object version = version(file);
    if (!version.equals(known.version())) {
      synchronized (this) {
        known = loaded;
        if (!version.equals(known.version())) {
          known = load(file);
          loaded = known;
        }
      }
    }
    return known;
  }

  /** Every token of the file, in issue order (for {@code share-token list}). */
  public static List<Entry> list(Path file) {
    return List.copyOf(load(file).entries().values());
  }

  /**
   * Issues a token for {@code project} that expires at {@code expires}, records its hash in the file
   * (created owner-only where the file system allows) and returns it: the only time it exists outside
   * the researcher's profile.
   */
  public static Issued issue(Path file, String project, Instant now, Instant expires) {
    if (!PROJECT.matcher(project).matches()) {
      throw CareLakeErrors.configuration("a project id is lower-case letters, digits and hyphens");
    }
    if (!expires.isAfter(now)) {
      throw CareLakeErrors.configuration("a token must expire after it is issued");
    }
    byte[] id = new byte[6];
    byte[] secret = new byte[32];
    RANDOM.nextBytes(id);
    RANDOM.nextBytes(secret);
    String tokenId = "tok-" + HexFormat.of().formatHex(id);
    String token = PREFIX + "." + tokenId + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    Entry entry = new Entry(tokenId, project, now.truncatedTo(ChronoUnit.SECONDS), expires.truncatedTo(ChronoUnit.SECONDS),
        Optional.empty(), HexFormat.of().formatHex(sha256(token)));
    synchronized (ProjectTokens.class) {
      List<Entry> entries = new ArrayList<>(Files.exists(file) ? list(file) : List.of());
      entries.add(entry);
      write(file, entries);
    }
    return new Issued(entry, token);
  }

  /** Revokes the token of this id (already revoked: unchanged); returns the entries revoked now. */
  public static List<Entry> revokeId(Path file, String id, Instant now) {
    return revoke(file, e -> e.id().equals(id), now);
  }

  /** Revokes every live token of this project; returns the entries revoked now. */
  public static List<Entry> revokeProject(Path file, String project, Instant now) {
    return revoke(file, e -> e.project().equals(project), now);
  }

  private static List<Entry> revoke(Path file, java.util.function.Predicate<Entry> which, Instant now) {
    synchronized (ProjectTokens.class) {
      List<Entry> revoked = new ArrayList<>();
      List<Entry> entries = new ArrayList<>();
      for (Entry e : list(file)) {
        if (which.test(e) && e.revoked().isEmpty()) {
          e = new Entry(e.id(), e.project(), e.issued(), e.expires(), Optional.of(now.truncatedTo(ChronoUnit.SECONDS)), e.sha256());
          revoked.add(e);
        }
        entries.add(e);
      }
      if (!revoked.isEmpty()) {
        write(file, entries);
      }
      return revoked;
    }
  }

  private static Loaded load(Path file) {
    Map<String, Entry> entries = new LinkedHashMap<>();
    Object version = version(file);
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw CareLakeErrors.configuration("no token file at " + file + "; issue a token with `carelake share-token add --tokens " + file
          + " --project P --days N --endpoint URL --out profile.share`");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int number = 0;
    for (String line : lines) {
      number++;
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      String[] parts = line.split("\\|", -1);
      try {
        if (parts.length != 6 || !ID.matcher(parts[0]).matches() || !PROJECT.matcher(parts[1]).matches()
            || !parts[5].matches("[0-9a-f]{64}")) {
          throw new IllegalArgumentException();
        }
        entries.put(parts[0], new Entry(parts[0], parts[1], Instant.parse(parts[2]), Instant.parse(parts[3]),
            parts[4].equals("-") ? Optional.empty() : Optional.of(Instant.parse(parts[4])), parts[5]));
      } catch (IllegalArgumentException | DateTimeParseException e) {
        throw CareLakeErrors.configuration(file + " line " + number + " is not id|project|issued|expires|revoked|sha256");
      }
    }
    return new Loaded(entries, version);
  }

  /** What identifies the file's current content: its key (inode), modification time and size; "absent" when missing. */
  private static Object version(Path file) {
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      return List.of(String.valueOf(attributes.fileKey()), attributes.lastModifiedTime().toString(), attributes.size());
    } catch (IOException e) {
      return "absent";
    }
  }

  private static void write(Path file, List<Entry> entries) {
    List<String> lines = new ArrayList<>();
    lines.add(HEADER);
    entries.forEach(e -> lines.add(e.line()));
    PrivateFiles.replace(file, lines);
  }

  static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is not available", e);
    }
  }
}
