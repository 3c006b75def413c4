package org.ssechat.client.http;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.json.JsonFactory;

/**
 * Flattens a small JSON document (an error body, a model list, a non-streamed completion) into
 * {@code dotted.path → scalar text}, e.g. {@code error.message}, {@code data.3.id}. Streaming,
 * no object trees; not for the hot path.
 */
final class JsonScan {
  static final JsonFactory JSON = new JsonFactory();
  private static final int[] IN_OBJECT = new int[0];

  private JsonScan() {}

  /** The scalars of {@code json}, or null if it is not a JSON object or array. */
  static Map<String, String> scalars(byte[] json, int off, int len) {
    Map<String, String> out = new LinkedHashMap<>();
    Deque<String> path = new ArrayDeque<>();
    Deque<int[]> arrayIndex = new ArrayDeque<>();
    try (JsonParser p = JSON.createParser(json, off, len)) {
      JsonToken t = p.nextToken();
      if (t != JsonToken.START_OBJECT && t != JsonToken.START_ARRAY) {
        return null;
      }
      arrayIndex.push(t == JsonToken.START_ARRAY ? new int[] {0} : IN_OBJECT);
      while ((t = p.nextToken()) != null) {
        int[] idx = arrayIndex.peek();
        boolean inArray = idx.length == 1;
        switch (t) {
          case PROPERTY_NAME -> path.push(p.currentName());
          case START_OBJECT, START_ARRAY -> {
            if (inArray) {
              path.push(Integer.toString(idx[0]++));
            }
            arrayIndex.push(t == JsonToken.START_ARRAY ? new int[] {0} : IN_OBJECT);
          }
          case END_OBJECT, END_ARRAY -> {
            arrayIndex.pop();
            if (!arrayIndex.isEmpty()) {
              path.poll();
            }
          }
          default -> {
            String key = inArray ? Integer.toString(idx[0]++) : path.poll();
            String prefix = join(path);
            out.put(prefix.isEmpty() ? key : prefix + "." + key,
                t == JsonToken.VALUE_NULL ? null : p.getString());
          }
        }
      }
      return out;
    } catch (RuntimeException e) {
      return out.isEmpty() ? null : out;
    }
  }

  private static String join(Deque<String> path) {
    StringBuilder sb = new StringBuilder();
    var it = path.descendingIterator();
    while (it.hasNext()) {
      sb.append(sb.length() == 0 ? "" : ".").append(it.next());
    }
    return sb.toString();
  }
}
