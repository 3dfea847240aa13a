package org.carelake.ingest;

import java.io.Serializable;
import java.util.List;

/**
 * What a first, cheap pass over a file's bytes found: its checksum, whether it decodes in the
 * contract's encoding (and where it first does not), its header and whether it ends with a line
 * break, and how many line breaks it holds. No row content leaves the executor.
 */
public record FileInspection(
    String path,
    String sha256,
    long bytes,
    boolean decodes,
    long firstBadByte,
    List<String> header,
    boolean endsWithLineBreak,
    long lineBreaks)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  public FileInspection {
    header = List.copyOf(header);
  }
}
