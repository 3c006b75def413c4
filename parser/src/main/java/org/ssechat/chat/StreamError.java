package org.ssechat.chat;

/**
 * An error reported inside the stream.
 *
 * @param message the error message (never null; a placeholder when the server gave none)
 * @param type    {@code error.type}, or null
 * @param code    {@code error.code} as text, or null
 */
public record StreamError(String message, String type, String code) {

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
