package org.carelake.codelist;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.carelake.csv.CsvRecordReader;
import org.carelake.digest.Sha256;
import org.carelake.error.CareLakeErrors;
import org.carelake.error.CareLakeException;

/**
 * The codelists folder: the manifest and one file per list and version
 * ({@code <id>/v<version>.csv}, header {@code code,term}, UTF-8). {@link #load} refuses a list
 * whose bytes do not match the manifest's checksum, whose header is not {@code code,term}, or that
 * holds a blank, duplicate or malformed code; the error names the file, the id and the version.
 */
public final class CodelistLibrary {
  private final Path dir;
  private final CodelistManifest manifest;

  private CodelistLibrary(Path dir, CodelistManifest manifest) {
    this.dir = dir;
    this.manifest = manifest;
  }

  public static CodelistLibrary open(Path codelistsDir) {
    requireNonNull(codelistsDir, "codelistsDir is null");
    return new CodelistLibrary(codelistsDir, CodelistManifest.load(codelistsDir));
  }

  public CodelistManifest manifest() {
    return manifest;
  }

  public Path file(CodelistEntry entry) {
    return dir.resolve(entry.id()).resolve("v" + entry.version() + ".csv");
  }

  /** The list with this id and version, checked; a configuration error if it is absent or wrong. */
  public Codelist load(String id, int version) {
    CodelistEntry entry = manifest.find(id, version).orElseThrow(() -> CareLakeErrors.configuration(
        "codelist " + id + "@" + version + " is not in " + manifest.file() + "; add it there (see codelists/README.md)"));
    return load(entry);
  }

  /** The list an entry describes, checked against the entry. */
  public Codelist load(CodelistEntry entry) {
    Path file = file(entry);
    byte[] bytes = read(entry, file);
    String actual = sha256(bytes);
    if (!actual.equals(entry.sha256())) {
      throw refuse(entry, file, "its SHA-256 is " + actual + " but the manifest says " + entry.sha256()
          + ". A published list is never edited: restore the file, or save the change as a new version with its own"
          + " checksum (carelake codelists checksum)");
    }
    return parse(entry, file, bytes);
  }

  /**
   * Checks every list in the manifest, and that every list file in the folder is in the manifest;
   * returns one message per problem (empty when all is well).
   */
  public List<String> verify() {
    List<String> problems = new ArrayList<>();
    for (CodelistEntry entry : manifest.entries()) {
      try {
        load(entry);
      } catch (CareLakeException e) {
        problems.add(e.getMessage());
      }
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.filter(path -> path.toString().endsWith(".csv")).sorted().forEach(path -> {
        String relative = dir.relativize(path).toString().replace('\\', '/');
        if (manifest.entries().stream().noneMatch(entry -> entry.file().equals(relative))) {
          problems.add("codelist file " + path + " is not in " + manifest.file()
              + "; files are named <id>/v<version>.csv and each needs a manifest entry");
        }
      });
    } catch (IOException e) {
      problems.add("cannot list " + dir + ": " + e.getMessage());
    }
    return problems;
  }

  /** The SHA-256 of every list file's bytes as it is now, by reference ({@code id@version}). */
  public Map<String, String> currentChecksums() {
    Map<String, String> sums = new LinkedHashMap<>();
    for (CodelistEntry entry : manifest.entries()) {
      sums.put(entry.reference(), sha256(read(entry, file(entry))));
    }
    return sums;
  }

  /** SHA-256 of bytes, lower-case hex: the manifest's checksum rule. */
  public static String sha256(byte[] bytes) {
    return Sha256.hex(bytes);
  }

  private static byte[] read(CodelistEntry entry, Path file) {
    if (!Files.isRegularFile(file)) {
      throw CareLakeErrors.configuration("codelist " + entry.reference() + ": file " + file + " not found; the manifest's"
          + " id and version name the file <id>/v<version>.csv");
    }
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw CareLakeErrors.configuration("codelist " + entry.reference() + ": cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static Codelist parse(CodelistEntry entry, Path file, byte[] bytes) {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(java.nio.ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw refuse(entry, file, "it is not UTF-8 text");
    }
    Map<String, Codelist.Code> codes = new LinkedHashMap<>();
    try (CsvRecordReader reader = new CsvRecordReader(new StringReader(text), ',')) {
      String[] header = reader.next();
      if (header == null || header.length != 2 || !header[0].equals("code") || !header[1].equals("term")) {
        String shown = header == null ? "(empty file)" : String.join(",", header);
        throw refuse(entry, file, "its header is '" + shown.replace("\uFEFF", "<byte order mark>")
            + "'; the first line must be exactly code,term (UTF-8 without a byte order mark)");
      }
      String[] row;
      int line = 1;
      while ((row = reader.next()) != null) {
        line++;
        if (row.length != 2) {
          throw refuse(entry, file, "line " + line + " has " + row.length + " fields; each row is code,term"
              + " (quote a term that holds a comma)");
        }
        String written = row[0];
        if (written.isBlank()) {
          throw refuse(entry, file, "line " + line + " has a blank code");
        }
        String code = entry.system().canonical(written).orElseThrow(() -> refuse(entry, file,
            "code '" + written + "' is not a well-formed " + entry.system().displayName() + " code" + hint(entry.system())));
        if (row[1].isBlank()) {
          throw refuse(entry, file, "code " + written + " has no term; give the concept's preferred term");
        }
        Codelist.Code previous = codes.putIfAbsent(code, new Codelist.Code(code, row[1].strip()));
        if (previous != null) {
          throw refuse(entry, file, "code " + written + " appears twice (line " + line + " repeats " + code + ")");
        }
      }
    } catch (IOException e) {
      throw refuse(entry, file, "it cannot be read as CSV: " + e.getMessage());
    }
    if (codes.isEmpty()) {
      throw refuse(entry, file, "it holds no codes");
    }
    return new Codelist(entry, List.copyOf(codes.values()));
  }

  private static String hint(CodeSystem system) {
    return switch (system) {
      case SNOMED_CT, DMD -> " (6-18 digits, no leading zero, partition 00 or 10, valid Verhoeff check digit:"
          + " check for a mistyped digit)";
      case ICD_10 -> " (a letter and two digits, optionally a dot and one or two digits: I10, E11.9, or E119 as in HES)";
      case OPCS_4 -> " (a letter other than I and three digits: W37.1 or W371)";
    };
  }

  private static CareLakeException refuse(CodelistEntry entry, Path file, String problem) {
    return CareLakeErrors.configuration("codelist " + entry.id() + " version " + entry.version() + " (" + file + ") refused: "
        + problem);
  }
}
