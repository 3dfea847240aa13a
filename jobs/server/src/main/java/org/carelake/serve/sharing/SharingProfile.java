package org.carelake.serve.sharing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.carelake.access.ProjectTokens;

/**
 * The standard Delta Sharing profile file a researcher's client reads: {@code shareCredentialsVersion},
 * {@code endpoint}, {@code bearerToken} and {@code expirationTime}. It holds the token, so it is
 * written owner-only and handed to the researcher, never committed or logged.
 */
public final class SharingProfile {
  private SharingProfile() {}

  public static String json(String endpoint, ProjectTokens.Issued issued) {
    ObjectNode profile = new ObjectMapper().createObjectNode();
    profile.put("shareCredentialsVersion", 1);
    profile.put("endpoint", endpoint.endsWith("/") ? endpoint.substring(0, endpoint.length() - 1) : endpoint);
    profile.put("bearerToken", issued.token());
    profile.put("expirationTime", issued.entry().expires().toString());
    return profile.toPrettyString() + "\n";
  }

  public static void write(Path file, String endpoint, ProjectTokens.Issued issued) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Files.deleteIfExists(file);
      try {
        Files.createFile(file, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
            java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
      } catch (UnsupportedOperationException e) {
        Files.createFile(file);
      }
      Files.writeString(file, json(endpoint, issued), StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
