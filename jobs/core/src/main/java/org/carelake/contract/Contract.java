package org.carelake.contract;

import static java.util.Objects.requireNonNull;

import java.nio.charset.Charset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.carelake.optout.OptOutList;

/**
 * A feed's data contract, read from its ODCS v3 YAML file. It drives validation, the lake schema
 * (never inferred), the silver mapping and documentation. {@code text} is the file as written, so
 * Spark executors can rebuild the contract without Java serialisation.
 */
public record Contract(
    String id,
    String version,
    String name,
    String source,
    String silverTarget,
    char delimiter,
    String encoding,
    List<Column> columns,
    Optional<PatientId> patientId,
    Optional<OptOutList> optOut,
    List<String> filePatterns,
    DuplicateKeyRule duplicateKeys,
    BeforeBirthRule beforeBirth,
    String origin,
    String text) {

  /** The name of the deletion flag property ({@link #deletionFlag()}). */
  public static final String DELETED = "deleted";

  public Contract {
    requireNonNull(id, "id is null");
    requireNonNull(version, "version is null");
    requireNonNull(name, "name is null");
    requireNonNull(source, "source is null");
    requireNonNull(silverTarget, "silverTarget is null");
    requireNonNull(encoding, "encoding is null");
    requireNonNull(origin, "origin is null");
    requireNonNull(text, "text is null");
    Charset.forName(encoding);
    columns = List.copyOf(columns);
    requireNonNull(patientId, "patientId is null");
    requireNonNull(optOut, "optOut is null");
    filePatterns = List.copyOf(filePatterns);
    requireNonNull(duplicateKeys, "duplicateKeys is null");
    requireNonNull(beforeBirth, "beforeBirth is null");
    for (String pattern : filePatterns) {
      if (pattern.isBlank() || pattern.contains("/")) {
        throw new IllegalArgumentException("carelake.file-patterns: '" + pattern + "' is not a file name pattern (use * and ?, no folders)");
      }
    }
    if (optOut.isPresent() != silverTarget.isEmpty()) {
      throw new IllegalArgumentException(optOut.isPresent()
          ? "an opt-out list (carelake.opt-out) never reaches silver: remove carelake.silver-target"
          : "customProperties needs carelake.silver-target");
    }
    columns.stream().filter(c -> c.name().equals(DELETED)).findFirst().ifPresent(c -> {
      if (c.type() != LogicalType.BOOLEAN || c.required() || c.primaryKey()) {
        throw new IllegalArgumentException("property deleted marks deleted records: it must be an optional boolean, not a key");
      }
    });
    if (patientId.isPresent()) {
      String declared = patientId.get().column();
      if (columns.stream().noneMatch(c -> c.name().equals(declared))) {
        throw new IllegalArgumentException("carelake.patient-id names " + declared + ", which is not a property of " + id);
      }
    }
  }

  /**
   * The source's own patient id, when the contract declares one: records of feeds sharing a
   * namespace (a supplier's patients and events files) link to the same person through it.
   *
   * @param column the property holding the local patient id
   * @param namespace the id space, shared by the feeds of one source system
   */
  public record PatientId(String column, String namespace) {
    public PatientId {
      requireNonNull(column, "column is null");
      requireNonNull(namespace, "namespace is null");
      if (!namespace.matches("[a-z][a-z0-9-]*")) {
        throw new IllegalArgumentException("carelake.patient-id-namespace must be lower-case kebab-case, got " + namespace);
      }
    }
  }

  /**
   * Whether the feed's rows are mapped into silver. An opt-out list is not: it only says who is
   * excluded from research and planning outputs, and its silver target is empty.
   */
  public boolean reachesSilver() {
    return optOut.isEmpty();
  }

  public Charset charset() {
    return Charset.forName(encoding);
  }

  public List<String> physicalHeader() {
    return columns.stream().map(Column::physicalName).toList();
  }

  /**
   * Whether a file with this header can be read under the contract: see {@link #headerLayout}.
   */
  public boolean acceptsHeader(List<String> header) {
    return headerLayout(header).isPresent();
  }

  /**
   * Where each of the contract's columns is in a file with this header, matched by physical name:
   * element {@code i} is the file's column holding contract column {@code i}, or -1 when the file
   * lacks it. Names match in any case and without surrounding spaces. Columns may come in any order (a source's export tool reordering them changes
   * nothing), and optional columns may be missing (a source still sending an earlier minor
   * version's layout; they load blank). Empty when the header names a column the contract does
   * not have, names one twice, or lacks a required one.
   */
  public Optional<int[]> headerLayout(List<String> header) {
    if (header.isEmpty() || header.size() > columns.size()) {
      return Optional.empty();
    }
    Map<String, Integer> positions = new HashMap<>();
    for (int i = 0; i < header.size(); i++) {
      if (positions.put(headerName(header.get(i)), i) != null) {
        return Optional.empty();
      }
    }
    int[] layout = new int[columns.size()];
    int found = 0;
    for (int i = 0; i < columns.size(); i++) {
      Integer at = positions.get(headerName(columns.get(i).physicalName()));
      if (at == null && columns.get(i).required()) {
        return Optional.empty();
      }
      layout[i] = at == null ? -1 : at;
      found += at == null ? 0 : 1;
    }
    return found == header.size() ? Optional.of(layout) : Optional.empty();
  }

  /**
   * A header name as matched: without a byte order mark or surrounding spaces, in any case
   * ({@code NHS_Number} is {@code NHS_NUMBER}; a source's export tool changing case changes nothing).
   */
  private static String headerName(String name) {
    String stripped = name.startsWith("\uFEFF") ? name.substring(1) : name;
    return stripped.strip().toLowerCase(java.util.Locale.ROOT);
  }

  /**
   * Whether a landed file is this feed's by the names its source sends it under
   * ({@code carelake.file-patterns}: globs with {@code *} and {@code ?}, matched in any case), for
   * sources that cannot name their files {@code <feed>.csv}.
   */
  public boolean matchesFileName(String fileName) {
    for (String pattern : filePatterns) {
      StringBuilder regex = new StringBuilder();
      for (char ch : pattern.strip().toCharArray()) {
        regex.append(ch == '*' ? ".*" : ch == '?' ? "." : java.util.regex.Pattern.quote(String.valueOf(ch)));
      }
      if (java.util.regex.Pattern.compile(regex.toString(), java.util.regex.Pattern.CASE_INSENSITIVE).matcher(fileName).matches()) {
        return true;
      }
    }
    return false;
  }

  /** Whether a layout from {@link #headerLayout} is the contract's own header, in order and complete. */
  public static boolean isContractOrder(int[] layout) {
    for (int i = 0; i < layout.length; i++) {
      if (layout[i] != i) {
        return false;
      }
    }
    return true;
  }

  public List<Column> primaryKey() {
    return columns.stream().filter(Column::primaryKey).toList();
  }

  /**
   * The property saying a row re-sends a record the source has deleted, for a feed that sends
   * deletions: a boolean property named {@code deleted}. Silver removes such a record instead of
   * loading it.
   */
  public Optional<Column> deletionFlag() {
    return column(DELETED).filter(c -> c.type() == LogicalType.BOOLEAN);
  }

  public Optional<Column> column(String name) {
    return columns.stream().filter(column -> column.name().equals(name)).findFirst();
  }

  public int indexOf(String name) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /** The major version, used in table names so a breaking change gets a new table. */
  public int majorVersion() {
    return Integer.parseInt(version.split("\\.", 2)[0]);
  }
}
