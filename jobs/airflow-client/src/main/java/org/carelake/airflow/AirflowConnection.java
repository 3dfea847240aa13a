package org.carelake.airflow;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * HTTP and JSON for one Airflow: logs in with {@code POST /auth/token}, sends the token as a bearer
 * token, and logs in again once when Airflow says the token expired or is no longer valid.
 */
final class AirflowConnection {
  /** An answer from Airflow: its status and its JSON body (missing when the body was empty). */
  record Answer(int status, JsonNode body) {
    boolean isSuccess() {
      return status / 100 == 2;
    }

    /** Airflow's {@code detail}, as text, for error messages. */
    String detail() {
      JsonNode detail = body.path("detail");
      if (detail.isMissingNode() || detail.isNull()) {
        return body.isMissingNode() ? "(no detail)" : body.toString();
      }
      return detail.isTextual() ? detail.asText() : detail.toString();
    }
  }

  private final AirflowConfig config;
  private final HttpClient http;
  private final ObjectMapper json = new ObjectMapper();
  private String token;

  AirflowConnection(AirflowConfig config) {
    this.config = requireNonNull(config, "config is null");
    this.http =
        HttpClient.newBuilder()
            // Plain-HTTP HTTP/2 ("h2c" upgrade) makes Airflow's uvicorn answer 400.
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(config.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  AirflowConfig config() {
    return config;
  }

  ObjectNode newObject() {
    return json.createObjectNode();
  }

  /** Sends a request with the bearer token, logging in first, and again once if it went stale. */
  synchronized Answer send(String method, String pathAndQuery, JsonNode body) {
    boolean freshToken = token == null;
    if (freshToken) {
      token = logIn();
    }
    Answer answer = exchange(method, pathAndQuery, body, token);
    if (!freshToken && isStaleToken(answer)) {
      token = logIn();
      answer = exchange(method, pathAndQuery, body, token);
    }
    return answer;
  }

  private static boolean isStaleToken(Answer answer) {
    // Airflow answers 401 for an expired token and 403 "Invalid JWT token" for one it cannot
    // verify (for example after its JWT secret changed); a plain 403 means "not allowed".
    return answer.status() == 401
        || answer.status() == 403 && answer.detail().toLowerCase(Locale.ROOT).contains("token");
  }

  private String logIn() {
    ObjectNode credentials = newObject();
    credentials.put("username", config.username());
    credentials.put("password", config.password());
    Answer answer = exchange("POST", "/auth/token", credentials, null);
    if (answer.status() == 401 || answer.status() == 403) {
      throw AirflowErrors.badCredentials(config.baseUrl(), config.username(), answer.status());
    }
    if (!answer.isSuccess()) {
      throw AirflowErrors.http("POST", "/auth/token", answer.status(), answer.detail());
    }
    JsonNode accessToken = answer.body().path("access_token");
    if (!accessToken.isTextual() || accessToken.asText().isEmpty()) {
      throw AirflowErrors.unreadable(
          "POST", "/auth/token", new IOException("no access_token in the answer"));
    }
    return accessToken.asText();
  }

  private Answer exchange(String method, String pathAndQuery, JsonNode body, String bearer) {
    URI uri = config.resolve(pathAndQuery);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(config.requestTimeout())
            .header("Accept", "application/json");
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", "application/json");
      request.method(
          method, HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
    }
    HttpResponse<String> response;
    try {
      response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (HttpConnectTimeoutException timeout) {
      throw AirflowErrors.noAnswer(config.baseUrl(), config.connectTimeout(), timeout);
    } catch (HttpTimeoutException timeout) {
      throw AirflowErrors.noAnswer(config.baseUrl(), config.requestTimeout(), timeout);
    } catch (ConnectException refused) {
      throw AirflowErrors.connectionFailed(config.baseUrl(), refused);
    } catch (IOException failed) {
      throw AirflowErrors.connectionFailed(config.baseUrl(), failed);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw AirflowErrors.connectionFailed(config.baseUrl(), interrupted);
    }
    return new Answer(response.statusCode(), parse(method, pathAndQuery, response));
  }

  private JsonNode parse(String method, String pathAndQuery, HttpResponse<String> response) {
    String text = response.body();
    if (text == null || text.isBlank()) {
      return MissingNode.getInstance();
    }
    try {
      return json.readTree(text);
    } catch (JsonProcessingException notJson) {
      if (response.statusCode() / 100 == 2) {
        throw AirflowErrors.unreadable(method, pathAndQuery, notJson);
      }
      // An error page from a proxy: keep its start as the detail.
      ObjectNode wrapped = newObject();
      wrapped.put("detail", text.length() > 200 ? text.substring(0, 200) + "..." : text);
      return wrapped;
    }
  }
}
