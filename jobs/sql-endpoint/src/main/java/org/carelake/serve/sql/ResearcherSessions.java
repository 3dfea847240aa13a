package org.carelake.serve.sql;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.connect.service.SessionHolder;
import org.apache.spark.sql.connect.service.SessionKey;
import org.apache.spark.sql.connect.service.SparkConnectService$;
import org.carelake.audit.GovernedAccess.Caller;
import scala.Option;

/**
 * Which researcher each Spark Connect session acts for. {@link TokenGate} binds a client session
 * ({@code user_id}, {@code session_id}) to the caller its bearer token names, on every request, after
 * checking that the {@code user_id} is the token's project; {@link QueryGuard} finds the caller of
 * the Spark session it is checking here. A session never bound (opened other than through the gate)
 * has no caller, and the guard refuses everything in it.
 *
 * <p>Each session also has its current query: the tables the guard let it read and whether the guard
 * refused it, for the audit record the gate writes when the query is answered. Concurrent queries of
 * one session share it (a client sends one at a time).
 */
final class ResearcherSessions {
  record Key(String userId, String sessionId) {
    Key {
      requireNonNull(userId, "userId is null");
      requireNonNull(sessionId, "sessionId is null");
    }
  }

  /** What one query of a session read, and whether it was refused (the refusal is audited when it happens). */
  static final class Query {
    private final Set<String> tables = Collections.synchronizedSet(new TreeSet<>());
    private volatile boolean refused;

    void read(String table) {
      tables.add(table);
    }

    void refuse() {
      refused = true;
    }

    boolean refused() {
      return refused;
    }

    String tables() {
      synchronized (tables) {
        return tables.isEmpty() ? "no table" : String.join(", ", tables);
      }
    }
  }

  /** A bound session: who, and the query now running. */
  static final class Bound {
    private final Caller caller;
    private volatile Query query = new Query();

    Bound(Caller caller) {
      this.caller = requireNonNull(caller, "caller is null");
    }

    Caller caller() {
      return caller;
    }

    Query query() {
      return query;
    }
  }

  private final Map<Key, Bound> bound = new ConcurrentHashMap<>();
  private final Map<SparkSession, Key> keys = Collections.synchronizedMap(new WeakHashMap<>());

  /** Binds a client session to its caller (the same caller again: unchanged) and returns it. */
  Bound bind(Key key, Caller caller) {
    Bound existing = bound.get(key);
    if (existing != null && existing.caller().equals(caller)) {
      return existing;
    }
    if (bound.size() >= FORGET_AT) {
      forgetClosedSessions();
    }
    Bound fresh = new Bound(caller);
    bound.put(key, fresh);
    return fresh;
  }

  /** Bound sessions kept before those Spark Connect has closed (released or timed out) are forgotten. */
  private static final int FORGET_AT = 256;

  private void forgetClosedSessions() {
    bound.keySet().removeIf(key -> SparkConnectService$.MODULE$.sessionManager()
        .getIsolatedSessionIfPresent(new SessionKey(key.userId(), key.sessionId())).isEmpty());
  }

  /** Starts a new query in a bound session: what it reads is recorded from here on. */
  Query begin(Key key) {
    Bound session = requireNonNull(bound.get(key), "session not bound");
    Query query = new Query();
    session.query = query;
    return query;
  }

  /** The caller of the Spark session Spark Connect created for a bound client session, if it is one. */
  Optional<Bound> of(SparkSession spark) {
    Key key = keys.get(spark);
    if (key == null) {
      for (Key candidate : bound.keySet()) {
        Option<SessionHolder> holder = SparkConnectService$.MODULE$.sessionManager()
            .getIsolatedSessionIfPresent(new SessionKey(candidate.userId(), candidate.sessionId()));
        if (holder.isDefined() && holder.get().session() == spark) {
          keys.put(spark, candidate);
          key = candidate;
          break;
        }
      }
    }
    return key == null ? Optional.empty() : Optional.ofNullable(bound.get(key));
  }
}
