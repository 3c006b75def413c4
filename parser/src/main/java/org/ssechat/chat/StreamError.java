package org.ssechat.chat;

/**
 * An error a server reported: inside the stream, or as an HTTP error body.
 *
 * @param message the error message (never null; a placeholder when the server gave none)
 * @param type    {@code error.type}, or null
 * @param code    {@code error.code} as text, or null
 */
public record StreamError(String message, String type, String code) {

  /**
   * The error in a JSON document such as an HTTP error body ({@code {"error":{…}}},
   * {@code {"message":…}}, {@code {"detail":…}}; the fields {@link ErrorObjects} defines), or
   * null if the bytes are not a JSON object naming an error.
   */
  public static StreamError fromJson(byte[] json, int off, int len) {
    JsonCursor c = new JsonCursor();
    c.reset(json, off, off + len);
    try {
      return c.next() == JsonCursor.START_OBJECT ? ErrorObjects.read(c) : null;
    } catch (JsonCursor.SyntaxError e) {
      return null;
    }
  }

  /** One line for the user: {@code message (type, code)}. */
  public String describe() {
    StringBuilder sb = new StringBuilder(message);
    if (type != null || code != null) {
      sb.append(" (");
      if (type != null) {
        sb.append(type);
      }
      if (code != null) {
        sb.append(type != null ? ", " : "").append(code);
      }
      sb.append(')');
    }
    return sb.toString();
  }
}
