package org.carelake.transform;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.carelake.error.CareLakeErrors;

/**
 * A SQL file of the project: a header of {@code -- key: value} lines (purpose, inputs, grain,
 * keys, target …) and one statement. The header is read as data, so the stages know a file's
 * target and keys without Java naming any table. The statement text is never assembled from user
 * input; values such as the night reach it as validated session variables.
 */
public record SqlScript(String origin, Map<String, String> header, String statement) {
  public SqlScript {
    requireNonNull(origin, "origin is null");
    header = Map.copyOf(header);
    requireNonNull(statement, "statement is null");
  }

  public static SqlScript load(Path file) {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    } catch (IOException e) {
      throw CareLakeErrors.missingInput("SQL file", file);
    }
  }

  public static SqlScript parse(String text, String origin) {
    Map<String, String> header = new LinkedHashMap<>();
    StringBuilder statement = new StringBuilder();
    boolean inHeader = true;
    String lastKey = null;
    for (String line : text.split("\n", -1)) {
      String trimmed = line.strip();
      if (inHeader && trimmed.startsWith("--")) {
        String content = trimmed.substring(2).strip();
        int colon = content.indexOf(':');
        if (colon > 0 && content.substring(0, colon).matches("[a-z][a-z-]*")) {
          lastKey = content.substring(0, colon);
          header.put(lastKey, content.substring(colon + 1).strip());
        } else if (lastKey != null && !content.isEmpty()) {
          header.put(lastKey, header.get(lastKey) + " " + content);
        }
        continue;
      }
      if (inHeader && trimmed.isEmpty()) {
        continue;
      }
      inHeader = false;
      statement.append(line).append('\n');
    }
    String body = statement.toString().strip();
    while (body.endsWith(";")) {
      body = body.substring(0, body.length() - 1).strip();
    }
    if (body.isEmpty()) {
      throw CareLakeErrors.configuration("SQL file " + origin + " holds no statement");
    }
    return new SqlScript(origin, header, body);
  }

  public Optional<String> get(String key) {
    return Optional.ofNullable(header.get(key));
  }

  public String require(String key) {
    return get(key)
        .filter(value -> !value.isBlank())
        .orElseThrow(() -> CareLakeErrors.configuration("SQL file " + origin + " needs a '-- " + key + ":' header line"));
  }

  /** A comma-separated header value as a list, e.g. {@code keys: a, b}. */
  public List<String> list(String key) {
    return get(key).map(v -> Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList()).orElse(List.of());
  }
}
