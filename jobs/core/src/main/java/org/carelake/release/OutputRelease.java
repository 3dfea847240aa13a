package org.carelake.release;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.carelake.access.AccessPolicy;
import org.carelake.access.ResearchProject;
import org.carelake.digest.Sha256;
import org.carelake.error.CareLakeErrors;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The outbox: a checked file's release record, and for a file that passed a copy of it, in
 * {@code <outbox>/<project>/<id>/}; the information governance lead then approves the record.
 *
 * <p>A file that passes is {@link Status#PENDING_REVIEW}: the check is necessary, not sufficient —
 * a person still reads the output and its context. A file that fails is {@link Status#REFUSED},
 * with its reasons and no copy. Approval checks that the copy still has the checksum the check
 * recorded and that the reviewer is not the requester.
 */
public final class OutputRelease {
  /** The record's file name in its folder. */
  public static final String RECORD = "release-record.json";
  public static final int RECORD_VERSION = 1;

  public enum Status { PENDING_REVIEW, REFUSED, APPROVED }

  private static final Pattern PROJECT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");
  private static final DateTimeFormatter ID_TIME = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private OutputRelease() {}

  /** Who asks to release what, and why. */
  public record Submission(String project, String purpose, String requester, Optional<Path> requestFile) {
    public Submission {
      requireNonNull(project, "project is null");
      requireNonNull(purpose, "purpose is null");
      requireNonNull(requester, "requester is null");
      requireNonNull(requestFile, "requestFile is null");
    }
  }

  /** What a submission produced: the check, the record written and its status. */
  public record Outcome(OutputChecker.Result result, Status status, Path record, Optional<Path> copy) {}

  /**
   * Refuses an output for a project the access policy does not list, or whose approval has expired
   * by {@code today}: outputs leave only for an approved project.
   */
  public static void checkProject(AccessPolicy policy, String project, LocalDate today) {
    ResearchProject approved = policy.projects().get(project);
    if (approved == null) {
      throw CareLakeErrors.accessRefused("project " + project + " is not an approved project in the access policy");
    }
    if (!approved.activeOn(today)) {
      throw CareLakeErrors.accessRefused("project " + project + "'s approval has expired; outputs leave only for an active project");
    }
  }

  /** Checks the file and writes its record (and, when it passed, its copy) to the outbox. */
  public static Outcome submit(Path file, Submission submission, OutputChecker checker, Path outbox, Clock clock) {
    if (!PROJECT.matcher(submission.project()).matches()) {
      throw CareLakeErrors.configuration("project id must be letters, digits, '.', '_' or '-' (up to 64), not '" + submission.project() + "'");
    }
    if (submission.purpose().isBlank()) {
      throw CareLakeErrors.configuration("say what the output is for (--purpose): the IG lead reviews it against the project's approval");
    }
    if (!Files.isRegularFile(file)) {
      throw CareLakeErrors.missingInput("output file", file);
    }
    byte[] bytes = read(file);
    OutputRequest request = OutputRequest.none();
    String requestSha = null;
    if (submission.requestFile().isPresent()) {
      Path requestFile = submission.requestFile().get();
      if (!Files.isRegularFile(requestFile)) {
        throw CareLakeErrors.missingInput("output request", requestFile);
      }
      byte[] requestBytes = read(requestFile);
      requestSha = Sha256.hex(requestBytes);
      request = OutputRequest.parse(new String(requestBytes, StandardCharsets.UTF_8), requestFile.getFileName().toString());
      if (request.project().isPresent() && !request.project().get().equals(submission.project())) {
        throw CareLakeErrors.configuration("output request " + requestFile.getFileName() + " is for project " + request.project().get()
            + ", not " + submission.project());
      }
    }
    String name = file.getFileName().toString();
    OutputChecker.Result result = checker.check(name, bytes, request);
    Status status = result.passed() ? Status.PENDING_REVIEW : Status.REFUSED;
    Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
    String id = ID_TIME.format(now) + "-" + result.sha256().substring(0, 12);
    Path folder = outbox.resolve(submission.project()).resolve(id);
    for (int n = 2; Files.exists(folder); n++) {
      folder = outbox.resolve(submission.project()).resolve(id + "-" + n);
    }
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("record_version", RECORD_VERSION);
    record.put("id", folder.getFileName().toString());
    record.put("status", status.name());
    record.put("project", submission.project());
    record.put("purpose", submission.purpose().strip());
    record.put("description", request.description().orElse(null));
    record.put("requester", submission.requester());
    record.put("requested_at", now.toString());
    Map<String, Object> fileEntry = new LinkedHashMap<>();
    fileEntry.put("name", name);
    fileEntry.put("source", file.toAbsolutePath().normalize().toString());
    fileEntry.put("sha256", result.sha256());
    fileEntry.put("bytes", result.bytes());
    fileEntry.put("rows", result.rows());
    fileEntry.put("columns", result.columns());
    record.put("file", fileEntry);
    Map<String, Object> requestEntry = new LinkedHashMap<>();
    requestEntry.put("name", submission.requestFile().map(p -> p.getFileName().toString()).orElse(null));
    requestEntry.put("sha256", requestSha);
    record.put("request", submission.requestFile().isPresent() ? requestEntry : null);
    Map<String, Object> rule = new LinkedHashMap<>();
    rule.put("suppress_below", checker.settings().rule().suppressBelow());
    rule.put("round_to", checker.settings().rule().roundTo());
    rule.put("max_rows", checker.settings().maxRows());
    record.put("rules", rule);
    List<Object> checks = new ArrayList<>();
    for (OutputChecker.CheckResult check : result.checks()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("check", check.check());
      entry.put("result", check.passed() ? "passed" : "failed");
      entry.put("problems", check.problems());
      checks.add(entry);
    }
    record.put("checks", checks);
    record.put("reasons", result.findings().stream().map(Finding::toString).toList());
    record.put("reviewer", null);
    record.put("reviewed_at", null);
    try {
      Files.createDirectories(folder);
      Optional<Path> copy = Optional.empty();
      if (status == Status.PENDING_REVIEW) {
        copy = Optional.of(folder.resolve(name));
        Files.write(copy.get(), bytes);
      }
      Path recordFile = folder.resolve(RECORD);
      writeAtomically(recordFile, Json.write(record));
      return new Outcome(result, status, recordFile, copy);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write to the outbox " + outbox, e);
    }
  }

  /**
   * The IG lead's approval: a record pending review becomes APPROVED, with the reviewer and the
   * time. Refused when the record is not pending, the copy's checksum no longer matches, or the
   * reviewer is the requester.
   */
  public static Map<String, Object> approve(Path recordFile, String reviewer, Clock clock) {
    if (reviewer == null || reviewer.isBlank()) {
      throw CareLakeErrors.configuration("name the reviewer (--reviewer)");
    }
    Map<String, Object> record = readRecord(recordFile);
    Object status = record.get("status");
    if (!Status.PENDING_REVIEW.name().equals(status)) {
      throw CareLakeErrors.configuration("release record " + recordFile + " is " + status + ", not PENDING_REVIEW: only a pending"
          + " output can be approved");
    }
    if (reviewer.strip().equals(String.valueOf(record.get("requester")))) {
      throw CareLakeErrors.accessRefused("the requester cannot approve their own output; another reviewer must");
    }
    if (!(record.get("file") instanceof Map<?, ?> file) || file.get("name") == null || file.get("sha256") == null) {
      throw CareLakeErrors.configuration("release record " + recordFile + " has no file name and checksum");
    }
    Path copy = recordFile.toAbsolutePath().getParent().resolve(String.valueOf(file.get("name")));
    if (!Files.isRegularFile(copy)) {
      throw CareLakeErrors.missingInput("the output the record describes", copy);
    }
    if (!Sha256.hex(read(copy)).equals(file.get("sha256"))) {
      throw CareLakeErrors.invariant("the output " + copy + " no longer has the SHA-256 its record holds: it changed after the"
          + " check; run output-check again");
    }
    record.put("status", Status.APPROVED.name());
    record.put("reviewer", reviewer.strip());
    record.put("reviewed_at", clock.instant().truncatedTo(ChronoUnit.SECONDS).toString());
    writeAtomically(recordFile, Json.write(record));
    return record;
  }

  /** A release record as written (JSON, read as YAML). */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> readRecord(Path recordFile) {
    if (!Files.isRegularFile(recordFile)) {
      throw CareLakeErrors.missingInput("release record", recordFile);
    }
    Object document;
    try {
      document = new Yaml(new SafeConstructor(new LoaderOptions())).load(new String(read(recordFile), StandardCharsets.UTF_8));
    } catch (YAMLException e) {
      throw CareLakeErrors.configuration("release record " + recordFile + " is not valid JSON");
    }
    if (!(document instanceof Map<?, ?> map) || !Integer.valueOf(RECORD_VERSION).equals(map.get("record_version"))) {
      throw CareLakeErrors.configuration("release record " + recordFile + " is not a version " + RECORD_VERSION + " release record");
    }
    return new LinkedHashMap<>((Map<String, Object>) map);
  }

  private static byte[] read(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static void writeAtomically(Path target, String text) {
    try {
      Path temporary = target.resolveSibling(target.getFileName() + ".tmp");
      Files.writeString(temporary, text, StandardCharsets.UTF_8);
      try {
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + target, e);
    }
  }
}
