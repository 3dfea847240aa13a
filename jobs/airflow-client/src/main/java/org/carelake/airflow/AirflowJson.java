package org.carelake.airflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads Airflow's JSON answers into this package's records. */
final class AirflowJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private AirflowJson() {}

  static Dag dag(JsonNode node) {
    return new Dag(
        requiredText(node, "dag_id"),
        node.path("is_paused").asBoolean(false),
        node.path("has_import_errors").asBoolean(false),
        node.path("relative_fileloc").asText(""));
  }

  static DagRun dagRun(JsonNode node) {
    return new DagRun(
        requiredText(node, "dag_id"),
        requiredText(node, "dag_run_id"),
        DagRunState.fromApi(textOrNull(node, "state")),
        node.path("run_type").asText("unknown"),
        instant(node, "logical_date"),
        instant(node, "start_date"),
        instant(node, "end_date"),
        conf(node.path("conf")));
  }

  static TaskInstance taskInstance(JsonNode node) {
    return new TaskInstance(
        requiredText(node, "task_id"),
        node.path("map_index").asInt(TaskInstance.NOT_MAPPED),
        TaskInstanceState.fromApi(textOrNull(node, "state")),
        node.path("try_number").asInt(0),
        node.path("max_tries").asInt(0),
        instant(node, "start_date"),
        instant(node, "end_date"));
  }

  static ImportError importError(JsonNode node) {
    return new ImportError(
        node.path("import_error_id").asLong(),
        requiredText(node, "filename"),
        node.path("bundle_name").asText(""),
        instant(node, "timestamp").orElse(Instant.EPOCH),
        node.path("stack_trace").asText(""));
  }

  static <T> List<T> list(
      JsonNode node, String field, java.util.function.Function<JsonNode, T> read) {
    JsonNode items = node.path(field);
    if (!items.isArray()) {
      throw new IllegalArgumentException("no '" + field + "' list");
    }
    List<T> result = new ArrayList<>(items.size());
    items.forEach(item -> result.add(read.apply(item)));
    return result;
  }

  private static String requiredText(JsonNode node, String field) {
    JsonNode value = node.path(field);
    if (!value.isTextual()) {
      throw new IllegalArgumentException("no '" + field + "'");
    }
    return value.asText();
  }

  private static String textOrNull(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isTextual() ? value.asText() : null;
  }

  private static Optional<Instant> instant(JsonNode node, String field) {
    String text = textOrNull(node, field);
    if (text == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse(text).toInstant());
    } catch (DateTimeParseException unparseable) {
      throw new IllegalArgumentException(
          "'" + field + "' is not a timestamp: " + text, unparseable);
    }
  }

  private static Map<String, Object> conf(JsonNode node) {
    if (!node.isObject()) {
      return Map.of();
    }
    Map<String, Object> conf = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> entry : node.properties()) {
      if (!entry.getValue().isNull()) {
        conf.put(entry.getKey(), MAPPER.convertValue(entry.getValue(), Object.class));
      }
    }
    return conf;
  }
}
