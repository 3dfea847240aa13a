package org.carelake.gold;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What a gold build records in the metadata of the commit it writes: the run, the night, the code
 * version (release and definition version), the Delta version of every input, and the versions of
 * the opt-out lists and identity tables the exclusion was resolved from. The published table's
 * commit carries it ({@link GoldStage}), so does an incremental table's raw state ({@link
 * IncrementalBuild}); {@link GoldRebuild} and the next night's incremental build read it back.
 */
record BuildNote(String runId, LocalDate night, String codeVersion, Map<String, Long> inputs, Map<String, Long> optOuts) {
  private static final ObjectMapper JSON = new ObjectMapper();

  BuildNote {
    inputs = Map.copyOf(inputs);
    optOuts = Map.copyOf(optOuts);
  }

  /** The note as the commit's {@code userMetadata}: one JSON object, keys in a stable order. */
  String json() {
    ObjectNode note = JSON.createObjectNode();
    note.put("run_id", runId);
    note.put("night", night.toString());
    note.put("code_version", codeVersion);
    ObjectNode in = note.putObject("inputs");
    new TreeMap<>(inputs).forEach(in::put);
    ObjectNode lists = note.putObject("opt_outs");
    new TreeMap<>(optOuts).forEach(lists::put);
    return note.toString();
  }

  /** The note a commit carries, when it is a build's; empty for any other commit metadata. */
  static Optional<BuildNote> parse(String text) {
    try {
      JsonNode note = JSON.readTree(text);
      if (note == null || !note.has("night") || !note.has("code_version") || !note.has("inputs")) {
        return Optional.empty();
      }
      return Optional.of(new BuildNote(note.path("run_id").asText(), LocalDate.parse(note.path("night").asText()),
          note.path("code_version").asText(), versions(note.path("inputs")), versions(note.path("opt_outs"))));
    } catch (JsonProcessingException | java.time.format.DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static Map<String, Long> versions(JsonNode node) {
    Map<String, Long> versions = new TreeMap<>();
    node.fields().forEachRemaining(field -> versions.put(field.getKey(), field.getValue().asLong()));
    return versions;
  }
}
