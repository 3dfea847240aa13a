package org.carelake.ingest;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

/**
 * What ingest will do with one file. A file to load is parsed and validated row by row; a file to
 * reject is still read, so each of its rows reaches quarantine under the file's rule and nothing
 * landed goes unaccounted.
 */
public record FilePlan(
    LandedFile file, String sha256, Action action, Optional<String> fileRule, Optional<String> reason){

  public FilePlan {
    requireNonNull(file, "file is null");
    requireNonNull(sha256, "sha256 is null");
    requireNonNull(action, "action is null");
    requireNonNull(fileRule, "fileRule is null");
    requireNonNull(reason, "reason is null");
  }

  public enum Action {
    /** Parse, validate, load good rows and quarantine bad ones. */
    LOAD,
    /** The file as a whole broke its contract: every row goes to quarantine under the file rule. */
    REJECT,
    /** Not read: no contract, empty, or an exact copy of a file already loaded. */
    RECORD_ONLY,
    /** This very file was loaded or skipped by an earlier run of the night; nothing to do. */
    ALREADY_RECORDED,
    /** This very file was rejected by an earlier run of the night; nothing to do. */
    ALREADY_REJECTED
  }
}
