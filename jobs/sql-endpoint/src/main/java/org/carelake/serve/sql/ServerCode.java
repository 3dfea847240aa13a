package org.carelake.serve.sql;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.sparkproject.connect.protobuf.Message;

/**
 * Finds code a request would have the server run: a Scala or Java function (a serialised closure
 * the server would deserialise), a Python function, table function, data source or foreach sink, or
 * an ML model. Spark Connect plans such requests before any analyser rule sees them, so the gate
 * looks for them in the request itself, anywhere in its tree of messages.
 */
final class ServerCode {
  private static final Set<String> KINDS = Set.of("ScalarScalaUDF", "JavaUDF", "PythonUDF", "PythonUDTF", "PythonDataSource",
      "StreamingForeachFunction", "MlRelation");

  private ServerCode() {}

  /** The first kind of server-side code the message holds, if any. */
  static Optional<String> in(Message message) {
    String kind = message.getDescriptorForType().getName();
    if (KINDS.contains(kind)) {
      return Optional.of(kind);
    }
    for (Object value : message.getAllFields().values()) {
      for (Object item : value instanceof List<?> list ? list : List.of(value)) {
        if (item instanceof Message inner) {
          Optional<String> found = in(inner);
          if (found.isPresent()) {
            return found;
          }
        }
      }
    }
    return Optional.empty();
  }
}
