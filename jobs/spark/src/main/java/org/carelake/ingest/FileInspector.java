package org.carelake.ingest;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.carelake.csv.CsvRecordReader;

/** Runs on executors: one streaming pass over a file's bytes. */
final class FileInspector {
  private FileInspector() {}

  static FileInspection inspect(String path, InputStream in, Charset charset, char delimiter) throws IOException {
    MessageDigest sha256;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    CharsetDecoder decoder =
        charset.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    byte[] buffer = new byte[256 * 1024];
    ByteBuffer pending = ByteBuffer.allocate(buffer.length + 16);
    CharBuffer chars = CharBuffer.allocate(buffer.length + 16);
    StringBuilder headerLine = new StringBuilder();
    boolean headerDone = false;
    boolean decodes = true;
    long firstBadByte = -1;
    long bytes = 0;
    long decodedUpTo = 0;
    byte last = 0;
    long lineBreaks = 0;
    byte previous = 0;
    try (DataInputStream data = new DataInputStream(in)) {
      int read;
      while ((read = data.read(buffer)) > 0) {
        sha256.update(buffer, 0, read);
        for (int i = 0; i < read; i++) {
          // LF, or a CR not followed by LF (the old Mac line end); CR LF counts once, at its LF.
          if (buffer[i] == '\n') {
            lineBreaks++;
          } else if (previous == '\r') {
            lineBreaks++;
          }
          previous = buffer[i];
        }
        last = buffer[read - 1];
        bytes += read;
        if (!decodes) {
          continue;
        }
        pending.put(buffer, 0, read);
        pending.flip();
        int before = pending.position();
        CoderResult result = decoder.decode(pending, chars, false);
        if (result.isError()) {
          decodes = false;
          firstBadByte = decodedUpTo + pending.position() - before;
        }
        decodedUpTo += pending.position() - before;
        pending.compact();
        chars.flip();
        if (!headerDone) {
          while (chars.hasRemaining()) {
            char c = chars.get();
            if (c == '\n' || c == '\r') {
              headerDone = true;
              break;
            }
            headerLine.append(c);
          }
        }
        chars.clear();
      }
    }
    if (previous == '\r') {
      lineBreaks++;
    }
    if (decodes && pending.position() > 0) {
      decodes = false;
      firstBadByte = decodedUpTo;
    }
    List<String> header = List.of();
    if (headerLine.length() > 0) {
      String line = headerLine.toString();
      try (CsvRecordReader reader = new CsvRecordReader(new java.io.StringReader(line + "\n"), delimiter)) {
        String[] fields = reader.next();
        header = fields == null ? List.of() : List.of(fields);
      }
    }
    return new FileInspection(
        path,
        HexFormat.of().formatHex(sha256.digest()),
        bytes,
        decodes,
        firstBadByte,
        header.stream().map(String::strip).map(FileInspector::stripByteOrderMark).toList(),
        bytes > 0 && (last == '\n' || last == '\r'),
        lineBreaks);
  }

  private static String stripByteOrderMark(String value) {
    return value.startsWith("\uFEFF") ? value.substring(1) : value;
  }
}
