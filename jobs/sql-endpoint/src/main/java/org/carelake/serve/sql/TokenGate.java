package org.carelake.serve.sql;

import static java.util.Objects.requireNonNull;

import java.lang.reflect.Method;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.connect.proto.Command;
import org.apache.spark.connect.proto.ConfigRequest;
import org.apache.spark.connect.proto.ExecutePlanRequest;
import org.apache.spark.connect.proto.ExecutePlanResponse;
import org.apache.spark.connect.proto.KeyValue;
import org.carelake.access.AccessPolicy;
import org.carelake.access.ProjectTokens;
import org.carelake.access.ResearchProject;
import org.carelake.audit.AuditEntry;
import org.carelake.audit.GovernedAccess.Caller;
import org.sparkproject.connect.grpc.ForwardingServerCall;
import org.sparkproject.connect.grpc.Metadata;
import org.sparkproject.connect.grpc.ServerCall;
import org.sparkproject.connect.grpc.ServerCallHandler;
import org.sparkproject.connect.grpc.Status;

/**
 * Every Spark Connect call passes here first ({@link ProjectTokenInterceptor}). A call needs a live
 * bearer token of {@link ProjectTokens} (else UNAUTHENTICATED) for a project the access policy still
 * approves, and its request's {@code user_context.user_id} must be that project (else
 * PERMISSION_DENIED), so a token can only ever act in its own project's sessions. Only the calls a
 * reading client needs are let through: no uploaded code or files (artifacts), no commands but SQL
 * and temporary views, no settings but {@link ClientSettings}. Refusals here are audited; a query
 * let through is audited when it is answered, with the tables it read and the rows it returned.
 */
final class TokenGate {
  static final String ROLE = "researcher";
  private static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
  /** The calls of a client that reads: running and analysing plans, settings, and managing its own session and results. */
  private static final Set<String> CALLS = Set.of("ExecutePlan", "AnalyzePlan", "Config", "ReattachExecute", "ReleaseExecute",
      "ReleaseSession", "Interrupt", "FetchErrorDetails", "GetStatus", "ArtifactStatus");
  private static final Set<Command.CommandTypeCase> COMMANDS = Set.of(Command.CommandTypeCase.SQL_COMMAND,
      Command.CommandTypeCase.CREATE_DATAFRAME_VIEW, Command.CommandTypeCase.GET_RESOURCES_COMMAND);

  private final ProjectTokens tokens;
  private final AccessPolicy policy;
  private final ResearcherSessions sessions;
  private final SqlEndpoint endpoint;
  private final Clock clock;

  TokenGate(ProjectTokens tokens, AccessPolicy policy, ResearcherSessions sessions, SqlEndpoint endpoint, Clock clock) {
    this.tokens = requireNonNull(tokens, "tokens is null");
    this.policy = requireNonNull(policy, "policy is null");
    this.sessions = requireNonNull(sessions, "sessions is null");
    this.endpoint = requireNonNull(endpoint, "endpoint is null");
    this.clock = requireNonNull(clock, "clock is null");
  }

  <Q, R> ServerCall.Listener<Q> intercept(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    String method = call.getMethodDescriptor().getBareMethodName();
    String header = headers.get(AUTHORIZATION);
    String presented = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).strip() : null;
    ProjectTokens.Result result = tokens.check(presented, clock.instant());
    if (result.check() != ProjectTokens.Check.VALID) {
      Caller caller = result.entry()
          .map(e -> new Caller(e.id(), ROLE, Optional.of(e.project()), purpose(e.project())))
          .orElse(new Caller("unknown token", ROLE, Optional.empty(), "sql endpoint"));
      String why = switch (result.check()) {
        case EXPIRED -> "the bearer token has expired";
        case REVOKED -> "the bearer token has been revoked";
        default -> "a valid bearer token is required (sc://host:port/;token=...;user_id=<project>)";
      };
      return refuse(call, Status.UNAUTHENTICATED, why, caller, method + " refused: token " + result.check().name().toLowerCase(Locale.ROOT));
    }
    ProjectTokens.Entry entry = result.entry().orElseThrow();
    ResearchProject project = policy.projects().get(entry.project());
    Caller caller = new Caller(entry.id(), ROLE, Optional.of(entry.project()), project == null ? "sql endpoint" : project.purpose());
    if (project == null || !project.activeOn(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC))) {
      return refuse(call, Status.PERMISSION_DENIED, "the token's project is not an approved project, or its approval has expired",
          caller, method + " refused: project not approved");
    }
    if (!CALLS.contains(method)) {
      return refuse(call, Status.PERMISSION_DENIED, method + " is not available on the SQL endpoint (it reads; it takes no uploaded code or files)",
          caller, method + " refused: call not available");
    }
    call.request(1);
    return new Gated<>(call, headers, next, method, caller, project.id());
  }

  /** Holds the call until its request has been checked, then hands it to Spark Connect (or refuses it). */
  private final class Gated<Q, R> extends ServerCall.Listener<Q> {
    private final ServerCall<Q, R> call;
    private final Metadata headers;
    private final ServerCallHandler<Q, R> next;
    private final String method;
    private final Caller caller;
    private final String project;
    private ServerCall.Listener<Q> delegate;
    private boolean closed;

    Gated(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next, String method, Caller caller, String project) {
      this.call = call;
      this.headers = headers;
      this.next = next;
      this.method = method;
      this.caller = caller;
      this.project = project;
    }

    @Override
    public void onMessage(Q message) {
      if (closed) {
        return;
      }
      if (delegate == null) {
        Optional<ResearcherSessions.Key> key = sessionOf(message);
        Optional<String> refusal = key.isEmpty() ? Optional.of("the request names no user and session")
            : !key.get().userId().equals(project) ? Optional.of("user_id must be the token's project (" + project + ")")
            : requestRefusal(message);
        if (refusal.isPresent()) {
          closed = true;
          endpoint.audit(caller, "sql " + method, method + " refused: " + refusal.get(), AuditEntry.REFUSED, 0);
          call.close(Status.PERMISSION_DENIED.withDescription(refusal.get()), new Metadata());
          return;
        }
        sessions.bind(key.get(), caller);
        ServerCall<Q, R> handed = call;
        if (message instanceof ExecutePlanRequest) {
          handed = new Audited<>(call, caller, sessions.begin(key.get()));
        }
        delegate = next.startCall(handed, headers);
      }
      delegate.onMessage(message);
    }

    @Override
    public void onHalfClose() {
      if (delegate != null && !closed) {
        delegate.onHalfClose();
      }
    }

    @Override
    public void onCancel() {
      if (delegate != null) {
        delegate.onCancel();
      }
    }

    @Override
    public void onComplete() {
      if (delegate != null) {
        delegate.onComplete();
      }
    }

    @Override
    public void onReady() {
      if (delegate != null) {
        delegate.onReady();
      }
    }
  }

  /** An ExecutePlan call: counts the rows it returns and audits it when it ends (a refused one was audited by the guard). */
  private final class Audited<Q, R> extends ForwardingServerCall.SimpleForwardingServerCall<Q, R> {
    private final Caller caller;
    private final ResearcherSessions.Query query;
    private long rows;

    Audited(ServerCall<Q, R> call, Caller caller, ResearcherSessions.Query query) {
      super(call);
      this.caller = caller;
      this.query = query;
    }

    @Override
    public void sendMessage(R message) {
      if (message instanceof ExecutePlanResponse response && response.hasArrowBatch()) {
        rows += response.getArrowBatch().getRowCount();
      }
      super.sendMessage(message);
    }

    @Override
    public void close(Status status, Metadata trailers) {
      if (status.isOk()) {
        endpoint.audit(caller, "sql query", query.tables(), AuditEntry.ALLOWED, rows);
      } else if (!query.refused()) {
        // The status code only: Spark's error text can quote a value.
        endpoint.audit(caller, "sql query", query.tables() + " failed: " + status.getCode(), AuditEntry.FAILED, 0);
      }
      super.close(status, trailers);
    }
  }

  private <Q, R> ServerCall.Listener<Q> refuse(ServerCall<Q, R> call, Status status, String why, Caller caller, String target) {
    endpoint.audit(caller, "sql endpoint", target, AuditEntry.REFUSED, 0);
    call.close(status.withDescription(why), new Metadata());
    return new ServerCall.Listener<>() {};
  }

  private String purpose(String project) {
    ResearchProject declared = policy.projects().get(project);
    return declared == null ? "sql endpoint" : declared.purpose();
  }

  /** A request's {@code user_context.user_id} and {@code session_id}: every Spark Connect request carries both. */
  private static Optional<ResearcherSessions.Key> sessionOf(Object message) {
    try {
      Method userContext = message.getClass().getMethod("getUserContext");
      Method sessionId = message.getClass().getMethod("getSessionId");
      Object context = userContext.invoke(message);
      String user = (String) context.getClass().getMethod("getUserId").invoke(context);
      String session = (String) sessionId.invoke(message);
      return user.isEmpty() || session.isEmpty() ? Optional.empty() : Optional.of(new ResearcherSessions.Key(user, session));
    } catch (ReflectiveOperationException e) {
      return Optional.empty();
    }
  }

  /**
   * What a reading client may not ask: code for the server to run, a command other than SQL or a
   * temporary view, or a setting it may not change.
   */
  private static Optional<String> requestRefusal(Object message) {
    if (message instanceof org.sparkproject.connect.protobuf.Message request) {
      Optional<String> code = ServerCode.in(request);
      if (code.isPresent()) {
        return Optional.of("functions and models that run on the server (" + code.get() + ") are not allowed;"
            + " use Spark's functions, or Python on the results in your own process");
      }
    }
    if (message instanceof ExecutePlanRequest execute) {
      switch (execute.getPlan().getOpTypeCase()) {
        case ROOT:
          return Optional.empty();
        case COMMAND:
          Command.CommandTypeCase type = execute.getPlan().getCommand().getCommandTypeCase();
          return COMMANDS.contains(type) ? Optional.empty()
              : Optional.of(type.name().toLowerCase(Locale.ROOT) + " is not allowed: the SQL endpoint reads the published tables and changes nothing");
        default:
          return Optional.of("this kind of plan is not accepted");
      }
    }
    if (message instanceof ConfigRequest config) {
      ConfigRequest.Operation operation = config.getOperation();
      List<String> keys = switch (operation.getOpTypeCase()) {
        case SET -> operation.getSet().getPairsList().stream().map(KeyValue::getKey).toList();
        case UNSET -> operation.getUnset().getKeysList();
        default -> List.of();
      };
      for (String key : keys) {
        if (!ClientSettings.settable(key)) {
          return Optional.of("changing " + key + " is not allowed: " + ClientSettings.WHICH);
        }
      }
    }
    return Optional.empty();
  }
}
