package org.carelake.serve.sql;

import org.sparkproject.connect.grpc.Metadata;
import org.sparkproject.connect.grpc.ServerCall;
import org.sparkproject.connect.grpc.ServerCallHandler;
import org.sparkproject.connect.grpc.ServerInterceptor;
import org.sparkproject.connect.grpc.Status;

/**
 * The gRPC interceptor Spark Connect creates from {@code spark.connect.grpc.interceptor.classes}
 * (by class name, so it finds the running endpoint's {@link TokenGate} through {@link SqlEndpoint#running}).
 * With no endpoint running it refuses every call.
 */
public final class ProjectTokenInterceptor implements ServerInterceptor {
  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    SqlEndpoint endpoint = SqlEndpoint.running();
    if (endpoint == null) {
      call.close(Status.UNAVAILABLE.withDescription("the SQL endpoint is not serving"), new Metadata());
      return new ServerCall.Listener<>() {};
    }
    return endpoint.gate().intercept(call, headers, next);
  }
}
