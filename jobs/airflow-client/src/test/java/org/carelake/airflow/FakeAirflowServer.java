package org.carelake.airflow;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A hand-written fake of Airflow's API server on loopback, for the client's error mapping: each
 * route answers with queued canned answers (the last one repeats), and every request is recorded.
 */
final class FakeAirflowServer implements AutoCloseable {
  record Request(String method, String rawPath, String authorization, String body) {}

  record Reply(int status, String body, long delayMillis) {}

  private final HttpServer server;
  private final Map<String, Deque<Reply>> routes = new HashMap<>();
  private final List<Request> requests = new ArrayList<>();

  FakeAirflowServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
    answer("POST", "/auth/token", 201, "{\"access_token\": \"token-1\"}");
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** Replaces the answers of a route (raw path with query, or without: then any query matches). */
  FakeAirflowServer answer(String method, String path, int status, String body) {
    routes.put(method + " " + path, new ArrayDeque<>(List.of(new Reply(status, body, 0))));
    return this;
  }

  /** Adds an answer after the ones a route already has. */
  FakeAirflowServer thenAnswer(String method, String path, int status, String body) {
    routes
        .computeIfAbsent(method + " " + path, key -> new ArrayDeque<>())
        .add(new Reply(status, body, 0));
    return this;
  }

  FakeAirflowServer answerSlowly(String method, String path, long delayMillis) {
    routes.put(method + " " + path, new ArrayDeque<>(List.of(new Reply(200, "{}", delayMillis))));
    return this;
  }

  synchronized List<Request> requests() {
    return List.copyOf(requests);
  }

  synchronized List<Request> requests(String method, String pathPrefix) {
    return requests.stream()
        .filter(
            request -> request.method().equals(method) && request.rawPath().startsWith(pathPrefix))
        .toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String method = exchange.getRequestMethod();
    String rawPath = exchange.getRequestURI().getRawPath();
    String rawQuery = exchange.getRequestURI().getRawQuery();
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    Reply reply;
    synchronized (this) {
      requests.add(
          new Request(
              method,
              rawQuery == null ? rawPath : rawPath + "?" + rawQuery,
              exchange.getRequestHeaders().getFirst("Authorization"),
              body));
      Deque<Reply> replies =
          routes.get(method + " " + rawPath + (rawQuery == null ? "" : "?" + rawQuery));
      if (replies == null) {
        replies = routes.get(method + " " + rawPath);
      }
      if (replies == null) {
        reply = new Reply(404, "{\"detail\": \"Not Found\"}", 0);
      } else {
        reply = replies.size() > 1 ? replies.poll() : replies.peek();
      }
    }
    if (reply.delayMillis() > 0) {
      try {
        Thread.sleep(reply.delayMillis());
      } catch (InterruptedException interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    byte[] bytes = reply.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(reply.status(), bytes.length == 0 ? -1 : bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
