package org.ssechat.chat;

import static org.ssechat.chat.JsonCursor.FALSE;
import static org.ssechat.chat.JsonCursor.FLOAT;
import static org.ssechat.chat.JsonCursor.INT;
import static org.ssechat.chat.JsonCursor.NAME;
import static org.ssechat.chat.JsonCursor.START_OBJECT;
import static org.ssechat.chat.JsonCursor.STRING;
import static org.ssechat.chat.JsonCursor.TRUE;

/**
 * Reads the error objects servers send, wherever they come (an in-stream chunk, an
 * {@code event: error}, an HTTP error body): the one definition of which fields hold what.
 *
 * <ul>
 *   <li>a nested {@code error} wins (object, or a string used as the message);</li>
 *   <li>message: {@code message}, else {@code msg} (new-api, some Chinese relays), else
 *       {@code detail} (FastAPI-based servers such as vLLM);</li>
 *   <li>{@code type}, {@code code} (string, number or boolean, as text).</li>
 * </ul>
 */
final class ErrorObjects {
  /** Placeholder message for an error object with a type or code but no message. */
  static final String NO_MESSAGE = "error without a message";

  private static final JsonCursor.Names FIELDS = new JsonCursor.Names("error", "message", "msg",
      "detail", "type", "code");
  private static final int F_ERROR = 0;
  private static final int F_MESSAGE = 1;
  private static final int F_MSG = 2;
  private static final int F_DETAIL = 3;
  private static final int F_TYPE = 4;
  private static final int F_CODE = 5;

  private ErrorObjects() {}

  /**
   * Reads the object whose {@link JsonCursor#START_OBJECT} the cursor has just returned, up to
   * and including its end. Null if it names no error (no message, type or code anywhere).
   */
  static StreamError read(JsonCursor c) {
    String message = null;
    String alternative = null;
    String type = null;
    String code = null;
    StreamError nested = null;
    while (c.next() == NAME) {
      int name = c.name(FIELDS);
      int v = c.next();
      switch (name) {
        case F_MESSAGE -> message = scalarText(c, v);
        case F_MSG, F_DETAIL -> {
          String s = scalarText(c, v);
          alternative = alternative != null ? alternative : s;
        }
        case F_TYPE -> type = scalarText(c, v);
        case F_CODE -> code = scalarText(c, v);
        case F_ERROR -> {
          if (v == START_OBJECT) {
            nested = read(c);
          } else {
            String s = scalarText(c, v);
            nested = s == null ? null : new StreamError(s, null, null);
          }
        }
        default -> c.skipValue();
      }
    }
    if (nested != null) {
      return nested;
    }
    if (message == null) {
      message = alternative;
    }
    if (message == null && type == null && code == null) {
      return null;
    }
    return new StreamError(message != null ? message : NO_MESSAGE, type, code);
  }

  /** A string, number or boolean as text; null (after skipping) for null, objects and arrays. */
  static String scalarText(JsonCursor c, int v) {
    if (v == STRING || v == INT || v == FLOAT || v == TRUE || v == FALSE) {
      String s = c.text();
      return s.isEmpty() ? null : s;
    }
    c.skipValue();
    return null;
  }
}
